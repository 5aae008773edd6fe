package io.onlinelearner.eos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.onlinelearner.config.LearnerSettings;
import io.onlinelearner.model.RejectionReason;
import io.onlinelearner.topology.Source;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The exactly-once workload with named features ({@code learner.features.mode=hashed}): a small
 * {@link Workload} (3 partitions, one model each, {@value #BLOCKS} rounds of 30 training records) whose dense
 * records are rewritten with the same numbers as named features, two numbers at the top level and
 * namespaces {@code u} (a number and the model's user id) and {@code i} (one of some 500 categories
 * from the third number, so that a model's texts outgrow their first merge bound and its state the
 * 4 KiB from which its changes are written as recent entries), crossed by {@code u:i}. Its bad records stay bad: not JSON, and the records of the
 * wrong dimension, which have no {@code features}, become {@code bad-features}. Its labels that
 * come later are the dense workload's, unchanged: they join the named-features requests.
 */
final class HashedWorkload {

    /**
     * Rounds per model: enough records (about 2,000) that the crash test's kills, each after at
     * least a seventh of them, strike while records are still arriving.
     */
    static final int BLOCKS = 14;

    private static final ObjectMapper JSON = new ObjectMapper();

    private HashedWorkload() {}

    /** The workload, timestamps from {@code baseTimestamp}: three partitions of one model each. */
    static Workload generate(final long baseTimestamp) {
        return generate(3, 1, baseTimestamp);
    }

    /** The workload over {@code partitions} with {@code modelsPerPartition}, timestamps from {@code baseTimestamp}. */
    static Workload generate(final int partitions, final int modelsPerPartition, final long baseTimestamp) {
        final Workload dense =
                Workload.generate(partitions, modelsPerPartition, BLOCKS, 30, EosSettings.WINDOW, 7L, baseTimestamp);
        final List<Workload.Input> records =
                dense.records().stream().map(HashedWorkload::named).toList();
        return new Workload(dense.partitions(), dense.models(), records);
    }

    /**
     * The hashed settings, on top of {@link EosSettings#learner()}: no fixed dimension, 2^12
     * weights, {@code u:i}.
     */
    static Map<String, String> settings() {
        final Map<String, String> p = new LinkedHashMap<>();
        p.put(LearnerSettings.MODEL_FEATURES.key(), "");
        p.put(LearnerSettings.FEATURES_MODE.key(), "hashed");
        p.put(LearnerSettings.FEATURES_HASH_BITS.key(), "12");
        p.put(LearnerSettings.FEATURES_INTERACTIONS.key(), "u:i");
        return p;
    }

    private static Workload.Input named(final Workload.Input input) {
        if (input.isEnd() || input.source() == Source.COMMANDS || input.source() == Source.LABELS) {
            return input;
        }
        if (input.bad()) {
            final String reason = RejectionReason.WRONG_DIMENSION.code().equals(input.reason())
                    ? RejectionReason.BAD_FEATURES.code()
                    : input.reason();
            return new Workload.Input(
                    input.source(), input.model(), input.partition(), input.timestamp(), input.value(), reason);
        }
        final ObjectNode value = read(input.value());
        final JsonNode x = value.remove("x");
        final ObjectNode features = value.objectNode();
        features.put("a", x.get(0).asDouble());
        features.put("b", x.get(1).asDouble());
        features.putObject("u").put("t", x.get(2).asDouble()).put("id", input.model());
        features.putObject("i").put("cat", "k" + Math.round(100 * x.get(2).asDouble()));
        value.set("features", features);
        return new Workload.Input(
                input.source(),
                input.model(),
                input.partition(),
                input.timestamp(),
                value.toString().getBytes(StandardCharsets.UTF_8),
                null);
    }

    private static ObjectNode read(final byte[] value) {
        try {
            return (ObjectNode) JSON.readTree(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
