package io.onlinelearner.serde;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.onlinelearner.learner.ControlEvent;
import io.onlinelearner.learner.Prediction;
import io.onlinelearner.learner.Snapshot;
import io.onlinelearner.metrics.ModelHistory;
import io.onlinelearner.metrics.ModelView;
import io.onlinelearner.model.Position;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes every JSON the learner emits, with Jackson's streaming generator: the per-record outputs
 * (snapshots, control events and predictions, in the contract's field order; {@link Events} writes
 * each event's own fields) and the HTTP API's bodies (errors,
 * health, the live page's histories, arrays of per-model objects, including objects fetched from
 * other instances). Absent and non-finite values are written as JSON null.
 */
public final class JsonCodec {

    /** Reads the arrays other instances answer; its factory's generators can write their trees again. */
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static final JsonFactory FACTORY = MAPPER.getFactory();

    private JsonCodec() {}

    /** The snapshot as UTF-8 JSON. */
    public static byte[] snapshot(final Snapshot s) {
        return write(value(s));
    }

    /**
     * One event on {@code control}: {@code {"model", "event", "cause", "generation", "status"}} and
     * the event's own fields (see {@link Events}).
     */
    public static byte[] event(final String model, final ControlEvent e) {
        return object(g -> {
            g.writeStringField("model", model);
            g.writeStringField("event", e.event());
            g.writeStringField("cause", e.cause().wireName());
            g.writeNumberField("generation", e.generation());
            g.writeStringField("status", e.status().name());
            Events.writeOwnFields(g, e);
        });
    }

    /**
     * One record on {@code predictions}: {@code {"model", "id", "prediction", "status", "parameters",
     * "updates", "generation", "trainedThrough"}}; {@code id} is the request's own JSON text, echoed
     * as it stood, and absent when the request had none.
     */
    public static byte[] prediction(final String model, final Prediction p) {
        return object(g -> {
            g.writeStringField("model", model);
            if (p.idJson() != null) {
                g.writeFieldName("id");
                g.writeRawValue(p.idJson());
            }
            writePredictionFields(g, p);
        });
    }

    /**
     * The body of an HTTP prediction: {@code {"prediction", "status", "parameters", "updates",
     * "generation", "trainedThrough"}}, the fields of a record on {@code predictions} that are not the
     * request's own (model id and {@code id}).
     */
    public static byte[] predictionBody(final Prediction p) {
        return object(g -> writePredictionFields(g, p));
    }

    /** {@code {"error": message, "status": status}}: every HTTP error's body. */
    public static byte[] error(final int status, final String message) {
        return object(g -> {
            g.writeStringField("error", message);
            g.writeNumberField("status", status);
        });
    }

    /** {@code {"status": "UP"|"DOWN", "state": state}}: the health check's body. */
    public static byte[] health(final boolean up, final String state) {
        return object(g -> {
            g.writeStringField("status", up ? "UP" : "DOWN");
            g.writeStringField("state", state);
        });
    }

    /** The snapshot as a value to write, e.g. into an {@link #array}. */
    public static Body value(final Snapshot s) {
        return objectOf(g -> {
            g.writeStringField("model", s.model());
            g.writeStringField("status", s.status().name());
            g.writeNumberField("updates", s.updates());
            g.writeNumberField("features", s.features());
            writeArray(g, "weights", s.weights());
            g.writeNumberField("bias", s.bias());
            writeNullable(g, "round", s.round());
            writeNullable(g, "roundLoss", s.roundLoss());
            writeNullable(g, "bestRound", s.bestRound());
            writeNullable(g, "bestLoss", s.bestLoss());
            writeNullable(g, "lr", s.lr());
            g.writeNumberField("generation", s.generation());
            writePosition(g, "trainedThrough", s.trainedThrough());
        });
    }

    /**
     * What the live page shows of one model: its snapshot, markers and curves, the predictions it
     * answered, the curves' shifts and its latest events, as a value to write.
     */
    public static Body value(final ModelHistory h) {
        final ModelView s = h.view();
        return objectOf(g -> {
            g.writeStringField("model", h.model());
            g.writeFieldName("snapshot");
            value(s.snapshot()).write(g);
            writeNullable(g, "trainLoss", s.trainLoss());
            g.writeNumberField("wait", s.waited());
            g.writeNumberField("liveUpdates", s.liveUpdates());
            writeNullable(g, "bestUpdates", s.bestUpdates());
            writeNullable(g, "stoppedRound", s.stoppedRound());
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
                writeNullable(g, "lr", m.lr());
                g.writeEndObject();
            }
            g.writeEndArray();
        });
    }

    /** The values as one JSON array, in their order. */
    public static byte[] array(final Collection<Body> values) {
        return write(g -> {
            g.writeStartArray();
            for (final Body value : values) {
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
    public static Map<String, Body> objectsByModel(final byte[] json) throws IOException {
        final JsonNode array = MAPPER.readTree(json);
        if (array == null || !array.isArray()) {
            throw new IOException("expected a JSON array");
        }
        final Map<String, Body> byModel = new LinkedHashMap<>();
        array.forEach(node -> byModel.putIfAbsent(node.path("model").asText(), g -> g.writeTree(node)));
        return byModel;
    }

    /** Whatever {@code body} generates, as UTF-8 JSON: the one place the learner's JSON is written. */
    public static byte[] write(final Body body) {
        final ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            body.write(g);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static byte[] object(final Body fields) {
        return write(objectOf(fields));
    }

    private static Body objectOf(final Body fields) {
        return g -> {
            g.writeStartObject();
            fields.write(g);
            g.writeEndObject();
        };
    }

    private static void writePredictionFields(final JsonGenerator g, final Prediction p) throws IOException {
        writeNullable(g, "prediction", p.prediction());
        g.writeStringField("status", p.status().name());
        g.writeStringField("parameters", p.parameters().wireName());
        g.writeNumberField("updates", p.updates());
        g.writeNumberField("generation", p.generation());
        writePosition(g, "trainedThrough", p.trainedThrough());
    }

    /** {@code {"topic": t, "partition": p, "offset": o}}, or null when there is no position. */
    static void writePosition(final JsonGenerator g, final String name, final Position position) throws IOException {
        if (position == null) {
            g.writeNullField(name);
            return;
        }
        g.writeObjectFieldStart(name);
        g.writeStringField("topic", position.topic().wireName());
        g.writeNumberField("partition", position.partition());
        g.writeNumberField("offset", position.offset());
        g.writeEndObject();
    }

    static void writeArray(final JsonGenerator g, final String name, final double[] values) throws IOException {
        g.writeFieldName(name);
        g.writeArray(values, 0, values.length);
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

    static void writeNullable(final JsonGenerator g, final String name, final Number value) throws IOException {
        if (value == null) {
            g.writeNullField(name);
        } else if (value instanceof Integer || value instanceof Long) {
            g.writeNumberField(name, value.longValue());
        } else {
            final double d = value.doubleValue();
            if (Double.isFinite(d)) {
                g.writeNumberField(name, d);
            } else {
                g.writeNullField(name);
            }
        }
    }

    /** Writes JSON to a generator. */
    @FunctionalInterface
    public interface Body {
        /** Writes with {@code generator}. */
        void write(JsonGenerator generator) throws IOException;
    }
}
