package io.onlinelearner.serde;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.onlinelearner.learner.Snapshot;
import io.onlinelearner.learner.StopSignal;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Writes the learner's JSON outputs, snapshots and stop signals, in the contract's field order,
 * with Jackson's streaming generator. Absent values are written as JSON null.
 */
public final class JsonCodec {

    private static final JsonFactory FACTORY = new JsonFactory();

    private JsonCodec() {
    }

    /** The snapshot as UTF-8 JSON. */
    public static byte[] snapshot(final Snapshot s) {
        return object(g -> {
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
        });
    }

    /** The stop signal as UTF-8 JSON. */
    public static byte[] stopSignal(final StopSignal s) {
        return object(g -> {
            g.writeStringField("model", s.model());
            g.writeStringField("event", StopSignal.EVENT);
            g.writeNumberField("stoppedRound", s.stoppedRound());
            writeNullable(g, "bestRound", s.bestRound());
            writeNullable(g, "bestLoss", s.bestLoss());
            g.writeNumberField("updates", s.updates());
            writeArray(g, "weights", s.weights());
            g.writeNumberField("bias", s.bias());
        });
    }

    private static void writeArray(final JsonGenerator g, final String name, final double[] values) throws IOException {
        g.writeFieldName(name);
        g.writeArray(values, 0, values.length);
    }

    private static void writeNullable(final JsonGenerator g, final String name, final Number value) throws IOException {
        if (value == null) {
            g.writeNullField(name);
        } else if (value instanceof Integer) {
            g.writeNumberField(name, value.intValue());
        } else {
            final double d = value.doubleValue();
            if (Double.isFinite(d)) {
                g.writeNumberField(name, d);
            } else {
                g.writeNullField(name);
            }
        }
    }

    private static byte[] object(final Body fields) {
        return write(g -> {
            g.writeStartObject();
            fields.write(g);
            g.writeEndObject();
        });
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

    /** Writes JSON to a generator. */
    @FunctionalInterface
    public interface Body {
        /** Writes with {@code generator}. */
        void write(JsonGenerator generator) throws IOException;
    }
}
