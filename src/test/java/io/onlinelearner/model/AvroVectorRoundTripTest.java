package io.onlinelearner.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.onlinelearner.vectors.SharedVector;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every example of every vector file, Avro-encoded and decoded, gives bit-identical doubles, and the
 * same {@link Example} or {@link PredictRequest} as the JSON parse of the record as the vector writes it.
 */
class AvroVectorRoundTripTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final AvroCodec avro = new AvroCodec(
            io.onlinelearner.config.LearnerConfig.defaults().model().maxFeatures());
    private final RecordParser json = new RecordParser(
            io.onlinelearner.config.LearnerConfig.defaults().model().maxFeatures());

    /**
     * The files whose records carry {@code x}: trajectories, early-stopping and lifecycle files.
     * Labels files ({@code labels} records carry no {@code x}) and named-features files
     * ({@code features} objects instead of {@code x}) belong to the tests of those capabilities.
     */
    static List<SharedVector> vectorFiles() {
        final Set<SharedVector.Kind> withX =
                EnumSet.of(SharedVector.Kind.TRAJECTORY, SharedVector.Kind.EARLY_STOPPING, SharedVector.Kind.LIFECYCLE);
        return SharedVector.all().stream().filter(v -> withX.contains(v.kind())).toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectorFiles")
    void shouldRoundTripEveryExampleBitForBit(final SharedVector file) throws IOException {
        final JsonNode vector = file.root();
        final List<String> mismatches = new ArrayList<>();
        int records = 0;
        for (final JsonNode record : records(vector)) {
            final String topic = record.path("topic").asText("train");
            if ("commands".equals(topic)) {
                continue;
            }
            final double[] x = features(record.get("x"));
            final byte[] text = MAPPER.writeValueAsBytes(record);
            final boolean same;
            if ("predict".equals(topic)) {
                final JsonNode id = record.get("id");
                final PredictRequest decoded =
                        avro.decodePredict(AvroEncoding.encodePredict(x, id == null ? null : id.asText()));
                final PredictRequest parsed = json.parsePredict(text);
                same = Arrays.equals(bits(decoded.x()), bits(x))
                        && Arrays.equals(decoded.x(), parsed.x())
                        && (id != null && !id.isTextual() || Objects.equals(decoded.idJson(), parsed.idJson()));
            } else {
                final double y = record.get("y").doubleValue();
                final Example decoded = avro.decodeExample(AvroEncoding.encodeExample(x, y));
                same = Arrays.equals(bits(decoded.x()), bits(x))
                        && Double.doubleToRawLongBits(decoded.y()) == Double.doubleToRawLongBits(y)
                        && decoded.equals(json.parse(text));
            }
            if (!same) {
                mismatches.add(record.toString());
            }
            records++;
        }
        assertThat(mismatches)
                .as("records of %s that did not round-trip", file.name())
                .isEmpty();
        assertThat(records).as("records in %s", file.name()).isPositive();
    }

    private static Iterable<JsonNode> records(final JsonNode vector) {
        return vector.has("steps") ? vector.get("steps") : vector.get("events");
    }

    private static double[] features(final JsonNode x) {
        if (!x.isArray()) {
            return new double[] {x.doubleValue()};
        }
        final double[] values = new double[x.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = x.get(i).doubleValue();
        }
        return values;
    }

    private static long[] bits(final double[] values) {
        final long[] bits = new long[values.length];
        for (int i = 0; i < values.length; i++) {
            bits[i] = Double.doubleToRawLongBits(values[i]);
        }
        return bits;
    }
}
