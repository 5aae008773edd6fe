package io.onlinelearner.topology;

import io.onlinelearner.learner.ModelState;
import io.onlinelearner.learner.Moments;

/**
 * What holding a {@link ModelState} object in memory costs, in units of 8 bytes: the measure by
 * which {@link ModelStateStore} bounds the states it holds, whatever the number of models.
 */
final class StateWeight {

    /** An entry's cost beyond its arrays (map entry, key, state objects, array headers), in units of 8 bytes. */
    static final long ENTRY = 40;

    private StateWeight() {}

    /**
     * The weight of {@code state}: its doubles (and a hashed model's indices, 4 bytes each, and kept
     * texts, counted as 4 units each) plus {@link #ENTRY}.
     */
    static long of(final ModelState state) {
        final long checkpoints =
                (state.frozen() != null ? 1 : 0) + (state.stopping().snapshot() != null ? 1 : 0);
        final long parameters = state.live().weights().size();
        if (state.moments() instanceof Moments dense) {
            return (3 + checkpoints) * parameters + dense.vmax().length() + ENTRY;
        }
        return (1 + checkpoints) * parameters * 3 / 2
                + state.moments().size() * 5L / 2
                + 4L * state.names().size()
                + ENTRY;
    }
}
