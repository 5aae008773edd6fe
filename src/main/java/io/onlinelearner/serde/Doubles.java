package io.onlinelearner.serde;

import io.onlinelearner.learner.Moments;
import io.onlinelearner.model.DoubleVector;
import io.onlinelearner.model.Position;
import io.onlinelearner.model.TrainingTopic;
import io.onlinelearner.stopping.Checkpoint;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Big-endian reads and writes of the model state's vectors, positions and checkpoints, straight
 * into a heap buffer's backing array (no view buffer per array). Shared by every format version.
 */
final class Doubles {

    /** Bytes of a position of format 2: int partition (-1 for none), long offset. */
    static final int POSITION_BYTES_2 = Integer.BYTES + Long.BYTES;
    /** Bytes of a position of format 3: byte topic (-1 for none), int partition, long offset. */
    static final int POSITION_BYTES = 1 + Integer.BYTES + Long.BYTES;

    private static final VarHandle DOUBLES = MethodHandles.byteArrayViewVarHandle(double[].class, ByteOrder.BIG_ENDIAN);

    private Doubles() {}

    /** Writes the values. */
    static void put(final ByteBuffer buffer, final DoubleVector vector) {
        final double[] values = vector.readOnlyArray();
        final byte[] bytes = buffer.array();
        int offset = buffer.position();
        for (final double value : values) {
            DOUBLES.set(bytes, offset, value);
            offset += Double.BYTES;
        }
        buffer.position(offset);
    }

    /** Reads {@code n} values into a new array, in one bulk copy. */
    static double[] getArray(final ByteBuffer buffer, final int n) {
        if ((long) n * Double.BYTES > buffer.remaining()) {
            throw new BufferUnderflowException();
        }
        final double[] values = new double[n];
        buffer.asDoubleBuffer().get(values);
        buffer.position(buffer.position() + n * Double.BYTES);
        return values;
    }

    /** Reads {@code n} values into a new vector. */
    static DoubleVector get(final ByteBuffer buffer, final int n) {
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
        return DoubleVector.wrap(values);
    }

    /**
     * The parameter count n of a state of {@code features} (d + 1 with an intercept), checked to
     * leave room in {@code buffer} for θ, m and v: every format stores them alike.
     *
     * @throws IllegalArgumentException when the dimension is not positive or does not fit
     */
    static int parameterCount(final ByteBuffer buffer, final int features, final boolean intercept) {
        final long n = intercept ? features + 1L : features;
        if (features < 1 || n * 3L * Double.BYTES > buffer.remaining()) {
            throw new IllegalArgumentException("dimension " + features + " does not fit the record");
        }
        return (int) n;
    }

    /** Reads Adam's moments: m and v of {@code n} values, then vmax (n values with AMSGrad, else none), at step {@code t}. */
    static Moments getMoments(final ByteBuffer buffer, final int n, final boolean amsgrad, final long t) {
        return new Moments(get(buffer, n), get(buffer, n), get(buffer, amsgrad ? n : 0), t);
    }

    /** Writes a nullable position of format 3: its topic's code (-1 for none), partition and offset. */
    static void put(final ByteBuffer buffer, final Position position) {
        if (position == null) {
            buffer.put((byte) -1).putInt(-1).putLong(0L);
        } else {
            buffer.put((byte) position.topic().ordinal())
                    .putInt(position.partition())
                    .putLong(position.offset());
        }
    }

    /** Reads a nullable position of {@code version}: format 2's had no topic, and were all on {@code train}. */
    static Position getPosition(final ByteBuffer buffer, final byte version) {
        final int code = version >= 3 ? buffer.get() : TrainingTopic.TRAIN.ordinal();
        final int partition = buffer.getInt();
        final long offset = buffer.getLong();
        return code < 0 || partition < 0 ? null : new Position(TrainingTopic.ofCode(code), partition, offset);
    }

    /** Writes a checkpoint of format 3 (θ, updates, lineage), nothing for null. */
    static void put(final ByteBuffer buffer, final Checkpoint checkpoint) {
        if (checkpoint != null) {
            put(buffer, checkpoint.theta());
            buffer.putLong(checkpoint.updates());
            put(buffer, checkpoint.trainedThrough());
        }
    }

    /** Reads a checkpoint of format {@code version} (2 or 3) with {@code n} parameters. */
    static Checkpoint getCheckpoint(final ByteBuffer buffer, final int n, final byte version) {
        final DoubleVector theta = get(buffer, n);
        final long updates = buffer.getLong();
        return new Checkpoint(theta, updates, getPosition(buffer, version));
    }
}
