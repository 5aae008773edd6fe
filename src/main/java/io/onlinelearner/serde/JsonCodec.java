package io.onlinelearner.serde;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.onlinelearner.features.SparseWeights;
import io.onlinelearner.learner.ControlEvent;
import io.onlinelearner.learner.Prediction;
import io.onlinelearner.learner.Snapshot;
import io.onlinelearner.model.Position;
import io.onlinelearner.stopping.Weights;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/**
 * Writes every JSON the learner emits, with Jackson's streaming generator: the per-record outputs
 * as values to write (snapshots {@link #value(Snapshot)}, control events {@link #eventValue} and
 * predictions {@link #predictionValue}, in the contract's field order; {@link Events} writes each
 * event's own fields), which the stream processor writes with its {@link JsonWriter}, and the
 * pieces that other writers compose ({@link #predictionFields}, {@link #object}, {@link
 * #writeNullable}): the HTTP API and the live page write their bodies through {@link #write}. Absent and non-finite values are written as
 * JSON null.
 */
public final class JsonCodec {

    /**
     * A mapper's factory, so that its generators can also write trees (e.g. objects read from other
     * instances), writing doubles with Jackson's Schubfach writer: the shortest text that reads back
     * as the same double, at a fraction of the cost of {@link Double#toString(double)}. Its buffers
     * come from a pool of its own (a concurrent deque: the stream threads and the HTTP threads share
     * it) rather than Jackson's default thread-local pool, whose lookup missed in the stream thread's
     * crowded map of thread-locals at every output record.
     */
    private static final JsonFactory FACTORY = new ObjectMapper(JsonFactory.builder()
                    .recyclerPool(JsonRecyclerPools.newConcurrentDequePool())
                    .enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER)
                    .build())
            .getFactory();

    private JsonCodec() {}

    /**
     * One event on {@code control}: {@code {"model", "event", "cause", "generation", "status"}} and
     * the event's own fields (see {@link Events}).
     */
    public static Body eventValue(final String model, final ControlEvent e, final LineageNames names) {
        return object(g -> {
            g.writeStringField("model", model);
            g.writeStringField("event", e.event());
            g.writeStringField("cause", e.cause().wireName());
            g.writeNumberField("generation", e.generation());
            g.writeStringField("status", e.status().name());
            Events.writeOwnFields(g, e, names);
        });
    }

    /**
     * One record on {@code predictions}: {@code {"model", "id", "prediction", "status", "parameters",
     * "updates", "generation", "trainedThrough"}}; {@code id} is the request's own JSON text, echoed
     * as it stood, and absent when the request had none.
     */
    public static Body predictionValue(final String model, final Prediction p, final LineageNames names) {
        return object(g -> {
            g.writeStringField("model", model);
            if (p.idJson() != null) {
                g.writeFieldName("id");
                g.writeRawValue(p.idJson());
            }
            predictionFields(p, names).write(g);
        });
    }

    /**
     * The fields of a prediction that are not the request's own (model id and {@code id}):
     * {@code "prediction", "status", "parameters", "updates", "generation", "trainedThrough"}.
     */
    public static Body predictionFields(final Prediction p, final LineageNames names) {
        return g -> {
            writeNullable(g, "prediction", p.prediction());
            g.writeStringField("status", p.status().name());
            g.writeStringField("parameters", p.parameters().wireName());
            g.writeNumberField("updates", p.updates());
            g.writeNumberField("generation", p.generation());
            writePosition(g, "trainedThrough", p.trainedThrough(), names);
        };
    }

    /** The snapshot as a value to write, e.g. into an array of snapshots. */
    public static Body value(final Snapshot s, final LineageNames names) {
        return object(snapshotFields(s, names));
    }

    /** The fields of a snapshot, for an object that adds its own. */
    public static Body snapshotFields(final Snapshot s, final LineageNames names) {
        return g -> {
            g.writeStringField("model", s.model());
            g.writeStringField("status", s.status().name());
            g.writeNumberField("updates", s.updates());
            g.writeNumberField("features", s.features());
            writeWeights(g, s.weights());
            g.writeNumberField("bias", s.bias());
            writeNullable(g, "round", s.round());
            writeNullable(g, "roundLoss", s.roundLoss());
            writeNullable(g, "bestRound", s.bestRound());
            writeNullable(g, "bestLoss", s.bestLoss());
            writeNullable(g, "lr", s.lr());
            g.writeNumberField("generation", s.generation());
            writePosition(g, "trainedThrough", s.trainedThrough(), names);
        };
    }

    /**
     * A generator writing to {@code out} for {@link JsonWriter}, which keeps it across documents:
     * without the space Jackson puts between root-level values, so that each document's bytes are
     * those {@link #write} gives.
     */
    static JsonGenerator generator(final OutputStream out) throws IOException {
        final JsonGenerator g = FACTORY.createGenerator(out);
        g.setRootValueSeparator(null);
        return g;
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

    /** A JSON object whose fields {@code fields} writes. */
    public static Body object(final Body fields) {
        return g -> {
            g.writeStartObject();
            fields.write(g);
            g.writeEndObject();
        };
    }

    /**
     * {@code {"topic": t, "partition": p, "offset": o}}, with {@code t} the topic's name in {@code
     * names}, or null when there is no position.
     */
    static void writePosition(
            final JsonGenerator g, final String name, final Position position, final LineageNames names)
            throws IOException {
        if (position == null) {
            g.writeNullField(name);
            return;
        }
        g.writeObjectFieldStart(name);
        g.writeStringField("topic", names.of(position.topic()));
        g.writeNumberField("partition", position.partition());
        g.writeNumberField("offset", position.offset());
        g.writeEndObject();
    }

    /**
     * Field {@code "weights"}: a dense model's weights as an array; a hashed model's as an object
     * from index (decimal text) to weight, for its touched indices, in increasing index order.
     */
    static void writeWeights(final JsonGenerator g, final Weights weights) throws IOException {
        if (weights instanceof Weights.Dense dense) {
            final double[] values = dense.theta().readOnlyArray();
            writeArray(g, "weights", values);
            return;
        }
        final SparseWeights sparse = ((Weights.Sparse) weights).weights();
        g.writeObjectFieldStart("weights");
        for (int k = 0; k < sparse.size(); k++) {
            g.writeNumberField(Integer.toString(sparse.index(k)), sparse.weightAt(k));
        }
        g.writeEndObject();
    }

    static void writeArray(final JsonGenerator g, final String name, final double[] values) throws IOException {
        g.writeFieldName(name);
        g.writeArray(values, 0, values.length);
    }

    /** Field {@code name}: an integer, a finite double, or null for an absent or non-finite value. */
    public static void writeNullable(final JsonGenerator g, final String name, final Number value) throws IOException {
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
