package io.onlinelearner.serde;

import io.onlinelearner.learner.ModelState;
import io.onlinelearner.optim.AdamState;
import io.onlinelearner.stopping.Checkpoint;
import io.onlinelearner.stopping.StoppingState;
import java.nio.BufferUnderflowException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The compact, versioned binary form of {@link ModelState} kept in the state store and its
 * changelog. Layout (big-endian), version 1:
 *
 * <pre>
 * byte    version (1)
 * byte    flags: 1 intercept, 2 AMSGrad moment present, 4 best snapshot present, 8 frozen
 * int     features d        long  updates t      long  skipped
 * int     rounds            int   roundCount     double roundSum
 * double  lastRoundLoss     double trainLoss
 * int     wait              double best          int   bestRound
 * double[n] θ, m, v, [vmax], [best snapshot θ, long its updates], [frozen θ, long its updates]
 * </pre>
 *
 * where n = d + 1 with an intercept, else d. A record of another version is refused with a
 * {@link SerializationException} that names it: state is never guessed.
 */
public final class ModelStateSerde implements Serde<ModelState>, Serializer<ModelState>, Deserializer<ModelState> {

    /** The version this code writes and the only one it reads. */
    public static final byte VERSION = 1;

    private static final int INTERCEPT = 1;
    private static final int AMSGRAD = 2;
    private static final int BEST = 4;
    private static final int FROZEN = 8;
    private static final VarHandle DOUBLES = MethodHandles.byteArrayViewVarHandle(double[].class, ByteOrder.BIG_ENDIAN);
    private static final int HEADER_BYTES = 2 + 4 + 8 + 8 + 4 + 4 + 8 + 8 + 8 + 4 + 8 + 4;

    @Override
    public byte[] serialize(final String topic, final ModelState state) {
        if (state == null) {
            return null;
        }
        final int n = state.parameters().length;
        final AdamState adam = state.adam();
        final Checkpoint best = state.stopping().snapshot();
        final int checkpoints = (best != null ? 1 : 0) + (state.frozen() != null ? 1 : 0);
        final int arrays = 3 + (adam.vmax().length > 0 ? 1 : 0) + checkpoints;
        final ByteBuffer buffer = ByteBuffer.allocate(HEADER_BYTES + arrays * n * Double.BYTES + checkpoints * Long.BYTES);
        buffer.put(VERSION).put((byte) flags(state))
                .putInt(state.features()).putLong(adam.step()).putLong(state.skipped())
                .putInt(state.rounds()).putInt(state.roundCount()).putDouble(state.roundSum())
                .putDouble(state.lastRoundLoss()).putDouble(state.trainLoss())
                .putInt(state.stopping().waited()).putDouble(state.stopping().best()).putInt(state.stopping().bestRound());
        putAll(buffer, state.parameters());
        putAll(buffer, adam.m());
        putAll(buffer, adam.v());
        putAll(buffer, adam.vmax());
        putCheckpoint(buffer, best);
        putCheckpoint(buffer, state.frozen());
        return buffer.array();
    }

    @Override
    public ModelState deserialize(final String topic, final byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        try {
            return read(ByteBuffer.wrap(bytes));
        } catch (BufferUnderflowException | IllegalArgumentException e) {
            throw new SerializationException("corrupt model state (" + bytes.length + " bytes): " + e.getMessage(), e);
        }
    }

    private static ModelState read(final ByteBuffer buffer) {
        final byte version = buffer.get();
        if (version != VERSION) {
            throw new SerializationException("model state has format version " + version
                    + ", this learner reads only version " + VERSION);
        }
        final int flags = buffer.get();
        final int features = buffer.getInt();
        final long step = buffer.getLong();
        final long skipped = buffer.getLong();
        final int rounds = buffer.getInt();
        final int roundCount = buffer.getInt();
        final double roundSum = buffer.getDouble();
        final double lastRoundLoss = buffer.getDouble();
        final double trainLoss = buffer.getDouble();
        final int wait = buffer.getInt();
        final double best = buffer.getDouble();
        final int bestRound = buffer.getInt();
        final boolean intercept = (flags & INTERCEPT) != 0;
        final int n = intercept ? features + 1 : features;
        if (features < 1 || n * 3L * Double.BYTES > buffer.remaining()) {
            throw new IllegalArgumentException("dimension " + features + " does not fit the record");
        }
        final double[] theta = getAll(buffer, n);
        final double[] m = getAll(buffer, n);
        final double[] v = getAll(buffer, n);
        final double[] vmax = getAll(buffer, (flags & AMSGRAD) != 0 ? n : 0);
        final Checkpoint snapshot = (flags & BEST) != 0 ? getCheckpoint(buffer, n) : null;
        final Checkpoint frozen = (flags & FROZEN) != 0 ? getCheckpoint(buffer, n) : null;
        if (buffer.hasRemaining()) {
            throw new IllegalArgumentException(buffer.remaining() + " trailing bytes");
        }
        return new ModelState(features, intercept, theta, new AdamState(m, v, vmax, step), rounds, roundCount,
                roundSum, lastRoundLoss, trainLoss, new StoppingState(wait, best, bestRound, snapshot), frozen, skipped);
    }

    private static int flags(final ModelState state) {
        return (state.intercept() ? INTERCEPT : 0) | (state.adam().vmax().length > 0 ? AMSGRAD : 0)
                | (state.stopping().snapshot() != null ? BEST : 0) | (state.frozen() != null ? FROZEN : 0);
    }

    /** Writes the values big-endian straight into the backing array: no view buffer per array. */
    private static void putAll(final ByteBuffer buffer, final double[] values) {
        final byte[] bytes = buffer.array();
        int offset = buffer.position();
        for (final double value : values) {
            DOUBLES.set(bytes, offset, value);
            offset += Double.BYTES;
        }
        buffer.position(offset);
    }

    private static double[] getAll(final ByteBuffer buffer, final int n) {
        if ((long) n * Double.BYTES > buffer.remaining()) {
            throw new BufferUnderflowException();
        }
        final byte[] bytes = buffer.array();
        final int start = buffer.arrayOffset() + buffer.position();
        final double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = (double) DOUBLES.get(bytes, start + i * Double.BYTES);
        }
        buffer.position(buffer.position() + n * Double.BYTES);
        return values;
    }

    private static void putCheckpoint(final ByteBuffer buffer, final Checkpoint checkpoint) {
        if (checkpoint != null) {
            putAll(buffer, checkpoint.parameters());
            buffer.putLong(checkpoint.updates());
        }
    }

    private static Checkpoint getCheckpoint(final ByteBuffer buffer, final int n) {
        final double[] parameters = getAll(buffer, n);
        return new Checkpoint(parameters, buffer.getLong());
    }

    @Override
    public Serializer<ModelState> serializer() {
        return this;
    }

    @Override
    public Deserializer<ModelState> deserializer() {
        return this;
    }

    @Override
    public void configure(final java.util.Map<String, ?> configs, final boolean isKey) {
        // nothing to configure
    }

    @Override
    public void close() {
        // stateless
    }
}
