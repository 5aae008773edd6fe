package io.onlinelearner.serde;

import io.onlinelearner.learner.ModelState;
import io.onlinelearner.learner.Moments;
import io.onlinelearner.model.DoubleVector;
import io.onlinelearner.stopping.Checkpoint;
import io.onlinelearner.stopping.Weights;
import java.nio.ByteBuffer;

/**
 * Formats 9, 3 and 2 of the model state: a dense model, whose parameters and moments are vectors of
 * n = d (+ 1 with an intercept) doubles. The layout of format 3 is {@link ModelStateSerde}'s; format
 * 9 is format 3 in which a frozen checkpoint is one byte ({@link FrozenSource}) when it is the best
 * snapshot or the live checkpoint, and that byte (0) followed by the checkpoint otherwise. A model
 * without a frozen checkpoint is written in format 3, which learners from before format 9 read.
 */
final class DenseFormat {

    /** The version of a dense model with a frozen checkpoint: format 3 with the frozen one by reference. */
    static final byte FROZEN_BY_REFERENCE = 9;
    /** The version of format 2: positions without a topic, no {@code nonFiniteLosses}. */
    static final byte FORMAT_2 = 2;

    private static final int CHECKPOINT_EXTRA = Long.BYTES + Doubles.POSITION_BYTES;

    private DenseFormat() {}

    /** The bytes of a dense model's state: format 9 with a frozen checkpoint, else format 3. */
    static byte[] write(final ModelState state) {
        final int n = state.live().theta().length();
        final Moments adam = (Moments) state.moments();
        final Checkpoint best = state.stopping().snapshot();
        final Checkpoint frozen = state.frozen();
        final byte frozenAs = frozen == null ? FrozenSource.STORED : FrozenSource.of(frozen, best, state.live());
        final int checkpoints = (best != null ? 1 : 0) + (frozenAs == FrozenSource.STORED && frozen != null ? 1 : 0);
        final int arrays = 3 + (adam.vmax().length() > 0 ? 1 : 0) + checkpoints;
        final ByteBuffer buffer = ByteBuffer.allocate(ModelStateSerde.HEADER_BYTES
                + arrays * n * Double.BYTES
                + checkpoints * CHECKPOINT_EXTRA
                + (frozen != null ? 1 : 0));
        buffer.put(frozen != null ? FROZEN_BY_REFERENCE : ModelStateSerde.VERSION)
                .put((byte) flags(state));
        ModelStateSerde.putHeader(buffer, state);
        Doubles.put(buffer, state.live().theta());
        Doubles.put(buffer, adam.m());
        Doubles.put(buffer, adam.v());
        Doubles.put(buffer, adam.vmax());
        Doubles.put(buffer, best);
        if (frozen != null) {
            buffer.put(frozenAs);
            Doubles.put(buffer, frozenAs == FrozenSource.STORED ? frozen : null);
        }
        return buffer.array();
    }

    /** Reads the rest of a value of format 2, 3 or 9, after its version byte. */
    static ModelState read(final ByteBuffer buffer, final byte version) {
        final byte layout = version == FROZEN_BY_REFERENCE ? ModelStateSerde.VERSION : version;
        final int flags = buffer.get();
        final ModelStateSerde.Header header = ModelStateSerde.Header.read(buffer, layout, flags);
        final boolean intercept = (flags & ModelStateSerde.INTERCEPT) != 0;
        final int n = Doubles.parameterCount(buffer, header.features(), intercept);
        final DoubleVector theta = Doubles.get(buffer, n);
        final Moments moments = Doubles.getMoments(buffer, n, (flags & ModelStateSerde.AMSGRAD) != 0, header.t());
        final Checkpoint snapshot =
                (flags & ModelStateSerde.BEST) != 0 ? Doubles.getCheckpoint(buffer, n, layout) : null;
        Checkpoint frozen = null;
        if ((flags & ModelStateSerde.FROZEN) != 0) {
            final byte frozenAs = version == FROZEN_BY_REFERENCE ? buffer.get() : FrozenSource.STORED;
            frozen = FrozenSource.read(
                    frozenAs,
                    snapshot,
                    new Checkpoint(new Weights.Dense(theta), header.updates(), header.trainedThrough()));
            if (frozen == null) {
                frozen = Doubles.getCheckpoint(buffer, n, layout);
            }
        }
        return header.state(intercept, new Weights.Dense(theta), moments, snapshot, frozen);
    }

    private static int flags(final ModelState state) {
        return (state.intercept() ? ModelStateSerde.INTERCEPT : 0)
                | (((Moments) state.moments()).vmax().length() > 0 ? ModelStateSerde.AMSGRAD : 0)
                | (state.stopping().snapshot() != null ? ModelStateSerde.BEST : 0)
                | (state.frozen() != null ? ModelStateSerde.FROZEN : 0)
                | (state.drift().fired() ? ModelStateSerde.FIRED : 0);
    }
}
