package io.onlinelearner.serde;

import io.onlinelearner.learner.Counters;
import io.onlinelearner.learner.ModelState;
import io.onlinelearner.learner.Moments;
import io.onlinelearner.learner.RoundState;
import io.onlinelearner.model.DoubleVector;
import io.onlinelearner.stopping.Checkpoint;
import io.onlinelearner.stopping.StoppingState;
import java.nio.ByteBuffer;

/**
 * Reads the model state's format 1, written before models had a learning rate of their own, a
 * generation, a lineage, a plateau schedule or a drift detector. Layout (big-endian):
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
 * A format-1 model never resumed or reset: its generation is 0, its rounds since the start are all
 * its rounds, its updates are Adam's {@code t}, its lineage unknown (null), its schedule and
 * detector in their initial state, and its rate the configured one.
 */
final class Format1 {

    static final byte VERSION = 1;

    private static final int INTERCEPT = 1;
    private static final int AMSGRAD = 2;
    private static final int BEST = 4;
    private static final int FROZEN = 8;

    private Format1() {}

    /** Reads the rest of a format-1 value, after its version byte; {@code lr} is the configured rate. */
    static ModelState read(final ByteBuffer buffer, final double lr) {
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
        final int n = Doubles.parameterCount(buffer, features, intercept);
        final DoubleVector theta = Doubles.get(buffer, n);
        final Moments moments = Doubles.getMoments(buffer, n, (flags & AMSGRAD) != 0, step);
        final Checkpoint snapshot = (flags & BEST) != 0 ? checkpoint(buffer, n) : null;
        final Checkpoint frozen = (flags & FROZEN) != 0 ? checkpoint(buffer, n) : null;
        return ModelState.of(features, intercept, new Checkpoint(theta, step, null), moments, lr)
                .withRound(new RoundState(rounds, roundCount, roundSum, lastRoundLoss, rounds))
                .withStopping(new StoppingState(wait, best, bestRound, snapshot))
                .withFrozen(frozen)
                .withCounters(new Counters(skipped, trainLoss, 0L));
    }

    private static Checkpoint checkpoint(final ByteBuffer buffer, final int n) {
        final DoubleVector parameters = Doubles.get(buffer, n);
        return new Checkpoint(parameters, buffer.getLong(), null);
    }
}
