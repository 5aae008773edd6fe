package io.onlinelearner.learner;

import io.onlinelearner.stopping.Checkpoint;
import io.onlinelearner.stopping.StoppingState;

/** For tests that compare what models learned from the same records at different offsets. */
public final class Lineage {

    private Lineage() {}

    /** {@code state} with every {@code trainedThrough} cleared: equal states then mean equal learning. */
    public static ModelState without(final ModelState state) {
        if (state == null) {
            return null;
        }
        final StoppingState s = state.stopping();
        return state.withLive(strip(state.live()))
                .withStopping(new StoppingState(s.waited(), s.best(), s.bestRound(), strip(s.snapshot())))
                .withFrozen(strip(state.frozen()));
    }

    private static Checkpoint strip(final Checkpoint checkpoint) {
        return checkpoint == null ? null : new Checkpoint(checkpoint.theta(), checkpoint.updates(), null);
    }
}
