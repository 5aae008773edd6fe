package io.onlinelearner.metrics;

import io.onlinelearner.learner.ModelState;
import io.onlinelearner.learner.Snapshot;
import io.onlinelearner.stopping.Checkpoint;

/**
 * What the live page shows of a model's state besides its curves, as a value of its own: the
 * published snapshot and the live counters, taken from the model's latest state.
 *
 * @param snapshot     the model as published, weights copied
 * @param trainLoss    the exponentially weighted mean training loss; NaN before the first
 * @param waited       rounds without improvement since the best
 * @param liveUpdates  updates absorbed by the live parameters
 * @param bestUpdates  updates absorbed by the best snapshot, or null when none
 * @param stoppedRound the round the model stopped at, or null while training
 */
public record ModelView(
        Snapshot snapshot, double trainLoss, int waited, long liveUpdates, Long bestUpdates, Integer stoppedRound) {

    /** The view of {@code state}, copied out of its arrays. */
    public static ModelView of(final String model, final ModelState state) {
        final Checkpoint best = state.stopping().snapshot();
        return new ModelView(
                Snapshot.of(model, state),
                state.trainLoss(),
                state.stopping().waited(),
                state.updates(),
                best == null ? null : best.updates(),
                state.stoppedRound() >= 0 ? state.stoppedRound() : null);
    }
}
