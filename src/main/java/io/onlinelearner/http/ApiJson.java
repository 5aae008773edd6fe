package io.onlinelearner.http;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.onlinelearner.learner.ModelState;
import io.onlinelearner.learner.Snapshot;
import io.onlinelearner.metrics.ModelHistory;
import io.onlinelearner.serde.JsonCodec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The HTTP API's JSON bodies: snapshots (in the contract's shape, by {@link JsonCodec}), lists of
 * them, the live page's histories, errors, and the merge of lists fetched from other instances.
 */
final class ApiJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ApiJson() {
    }

    /** One model's snapshot for its current parameters. */
    static byte[] snapshot(final String id, final ModelState state) {
        return JsonCodec.snapshot(Snapshot.of(id, state));
    }

    /** {@code {"error": ..., "status": ...}}. */
    static byte[] error(final int status, final String message) {
        return JsonCodec.write(g -> {
            g.writeStartObject();
            g.writeStringField("error", message);
            g.writeNumberField("status", status);
            g.writeEndObject();
        });
    }

    /** {@code {"status": "UP"|"DOWN", "state": ...}}. */
    static byte[] health(final boolean up, final String state) {
        return JsonCodec.write(g -> {
            g.writeStartObject();
            g.writeStringField("status", up ? "UP" : "DOWN");
            g.writeStringField("state", state);
            g.writeEndObject();
        });
    }

    /** The snapshots of {@code models} as one JSON array. */
    static ArrayNode snapshots(final Map<String, ModelState> models) {
        final ArrayNode array = MAPPER.createArrayNode();
        for (final Map.Entry<String, ModelState> entry : models.entrySet()) {
            array.add(tree(snapshot(entry.getKey(), entry.getValue())));
        }
        return array;
    }

    /** The live page's data: one object per model with its snapshot, markers and curves. */
    static ArrayNode histories(final List<ModelHistory> histories) {
        final ArrayNode array = MAPPER.createArrayNode();
        for (final ModelHistory history : histories) {
            array.add(tree(history(history)));
        }
        return array;
    }

    /** Parses a JSON array fetched from another instance. */
    static ArrayNode parseArray(final byte[] body) throws IOException {
        final JsonNode node = MAPPER.readTree(body);
        if (!(node instanceof ArrayNode array)) {
            throw new IOException("expected a JSON array");
        }
        return array;
    }

    /** The union of arrays of objects with a {@code model} field, one per model, sorted by model. */
    static byte[] merge(final Collection<ArrayNode> arrays) {
        final Map<String, JsonNode> byModel = new LinkedHashMap<>();
        for (final ArrayNode array : arrays) {
            array.forEach(node -> byModel.putIfAbsent(node.path("model").asText(), node));
        }
        final ArrayNode merged = MAPPER.createArrayNode();
        byModel.values().stream().sorted(Comparator.comparing(n -> n.path("model").asText())).forEach(merged::add);
        try {
            return MAPPER.writeValueAsBytes(merged);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] history(final ModelHistory h) {
        final ModelState s = h.state();
        return JsonCodec.write(g -> {
            g.writeStartObject();
            g.writeStringField("model", h.model());
            g.writeFieldName("snapshot");
            g.writeRawValue(new String(snapshot(h.model(), s), StandardCharsets.UTF_8));
            number(g, "trainLoss", s.trainLoss());
            g.writeNumberField("wait", s.stopping().waited());
            g.writeNumberField("liveUpdates", s.updates());
            if (s.stopping().snapshot() != null) {
                g.writeNumberField("bestUpdates", s.stopping().snapshot().updates());
            } else {
                g.writeNullField("bestUpdates");
            }
            if (s.stoppedRound() >= 0) {
                g.writeNumberField("stoppedRound", s.stoppedRound());
            } else {
                g.writeNullField("stoppedRound");
            }
            g.writeNumberField("trainEvery", h.trainEvery());
            points(g, "train", h.trainX(), h.trainLoss());
            points(g, "rounds", h.rounds(), h.roundLoss());
            g.writeEndObject();
        });
    }

    private static void points(final JsonGenerator g, final String name, final long[] xs, final double[] ys)
            throws IOException {
        g.writeArrayFieldStart(name);
        for (int i = 0; i < xs.length; i++) {
            g.writeStartArray();
            g.writeNumber(xs[i]);
            g.writeNumber(ys[i]);
            g.writeEndArray();
        }
        g.writeEndArray();
    }

    private static void number(final JsonGenerator g, final String name, final double value) throws IOException {
        if (Double.isFinite(value)) {
            g.writeNumberField(name, value);
        } else {
            g.writeNullField(name);
        }
    }

    private static JsonNode tree(final byte[] json) {
        try {
            return MAPPER.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
