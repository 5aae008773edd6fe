package io.onlinelearner.http;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.onlinelearner.features.TopFeatures;
import io.onlinelearner.learner.Prediction;
import io.onlinelearner.metrics.ModelHistory;
import io.onlinelearner.metrics.ModelView;
import io.onlinelearner.serde.JsonCodec;
import io.onlinelearner.serde.LineageNames;
import java.io.IOException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The HTTP API's JSON bodies: errors, health, a prediction's answer, the live page's histories,
 * arrays of per-model objects, and the arrays other instances answer. Written through
 * {@link JsonCodec#write}, the one writer of the learner's JSON, so that a snapshot or a prediction
 * reads the same over HTTP as on its topic.
 */
final class HttpJson {

    /** Reads the arrays other instances answer; the writer's generators can write their trees again. */
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private HttpJson() {}

    /**
     * The body of an HTTP prediction: {@code {"prediction", "status", "parameters", "updates",
     * "generation", "trainedThrough"}}, the fields of a record on {@code predictions} that are not the
     * request's own (model id and {@code id}).
     */
    static byte[] prediction(final Prediction p, final LineageNames lineage) {
        return JsonCodec.write(JsonCodec.object(JsonCodec.predictionFields(p, lineage)));
    }

    /**
     * The body of {@code GET /models/{id}/features}: {@code [{"index", "weight", "names": [...]}, ...]}
     * in the order given (largest {@code |weight|} first).
     */
    static byte[] topFeatures(final List<TopFeatures.Entry> entries) {
        return JsonCodec.write(g -> {
            g.writeStartArray();
            for (final TopFeatures.Entry e : entries) {
                g.writeStartObject();
                g.writeNumberField("index", e.index());
                g.writeNumberField("weight", e.weight());
                g.writeArrayFieldStart("names");
                for (final String name : e.names()) {
                    g.writeString(name);
                }
                g.writeEndArray();
                g.writeEndObject();
            }
            g.writeEndArray();
        });
    }

    /** {@code {"error": message, "status": status}}: every HTTP error's body. */
    static byte[] error(final int status, final String message) {
        return JsonCodec.write(JsonCodec.object(g -> {
            g.writeStringField("error", message);
            g.writeNumberField("status", status);
        }));
    }

    /** {@code {"status": "UP"|"DOWN", "state": state}}: the health check's body. */
    static byte[] health(final boolean up, final String state) {
        return JsonCodec.write(JsonCodec.object(g -> {
            g.writeStringField("status", up ? "UP" : "DOWN");
            g.writeStringField("state", state);
        }));
    }

    /**
     * What the live page shows of one model: its snapshot, markers and curves, the predictions it
     * answered, the curves' shifts and its latest events, and with labels that come later the
     * served-loss curve ({@code served}: [joined labels, mean served loss]), the mean served loss
     * now and the requests it remembers, as a value to write.
     */
    static JsonCodec.Body history(final ModelHistory h, final LineageNames lineage) {
        final ModelView s = h.view();
        return JsonCodec.object(g -> {
            g.writeStringField("model", h.model());
            g.writeFieldName("snapshot");
            JsonCodec.value(s.snapshot(), lineage).write(g);
            JsonCodec.writeNullable(g, "trainLoss", s.trainLoss());
            g.writeNumberField("wait", s.waited());
            g.writeNumberField("liveUpdates", s.liveUpdates());
            JsonCodec.writeNullable(g, "bestUpdates", s.bestUpdates());
            JsonCodec.writeNullable(g, "stoppedRound", s.stoppedRound());
            g.writeNumberField("trainEvery", h.trainEvery());
            writePoints(g, "train", h.trainX(), h.trainLoss());
            writePoints(g, "rounds", h.rounds(), h.roundLoss());
            g.writeNumberField("predictions", h.predictions());
            g.writeNumberField("trainShift", h.trainShift());
            g.writeNumberField("roundShift", h.roundShift());
            g.writeArrayFieldStart("markers");
            for (final ModelHistory.Marker m : h.markers()) {
                g.writeStartObject();
                g.writeStringField("event", m.event());
                g.writeStringField("cause", m.cause());
                g.writeNumberField("step", m.step());
                g.writeNumberField("round", m.round());
                JsonCodec.writeNullable(g, "lr", m.lr());
                g.writeEndObject();
            }
            g.writeEndArray();
            if (h.served() != null) {
                writePoints(g, "served", h.served().joined(), h.served().loss());
                JsonCodec.writeNullable(g, "servedLoss", h.served().mean());
                g.writeNumberField("pending", h.served().pending());
            }
        });
    }

    /** The values as one JSON array, in their order. */
    static byte[] array(final Collection<JsonCodec.Body> values) {
        return JsonCodec.write(g -> {
            g.writeStartArray();
            for (final JsonCodec.Body value : values) {
                value.write(g);
            }
            g.writeEndArray();
        });
    }

    /**
     * The objects of a JSON array of per-model objects (as another instance answers a list), by
     * their {@code model} field, as values to write again unchanged; the first of a model wins.
     *
     * @throws IOException when {@code json} is not a JSON array
     */
    static Map<String, JsonCodec.Body> objectsByModel(final byte[] json) throws IOException {
        final JsonNode array = MAPPER.readTree(json);
        if (array == null || !array.isArray()) {
            throw new IOException("expected a JSON array");
        }
        final Map<String, JsonCodec.Body> byModel = new LinkedHashMap<>();
        array.forEach(node -> byModel.putIfAbsent(node.path("model").asText(), g -> g.writeTree(node)));
        return byModel;
    }

    private static void writePoints(final JsonGenerator g, final String name, final long[] xs, final double[] ys)
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
}
