package io.onlinelearner.schedule;

/**
 * Learning rate on plateau with the semantics of Keras 3's {@code ReduceLROnPlateau}
 * ({@code mode=min}), one round as one epoch:
 *
 * <pre>
 * on round r with loss L:
 *   if cooldownCounter &gt; 0: cooldownCounter ← cooldownCounter − 1; wait ← 0
 *   if L &lt; best − minDelta: best ← L; wait ← 0
 *   elif cooldownCounter == 0:
 *       wait ← wait + 1
 *       if wait ≥ patience and lr &gt; minLr:
 *           lr ← max(lr · factor, minLr); cooldownCounter ← cooldown; wait ← 0
 * </pre>
 *
 * A pure function of its inputs; the state and the rate live with the model.
 */
public final class PlateauSchedule {

    private final PlateauConfig config;

    /** The schedule with the given settings. */
    public PlateauSchedule(final PlateauConfig config) {
        this.config = config;
    }

    /** The settings in force. */
    public PlateauConfig config() {
        return config;
    }

    /**
     * Runs the schedule on one round's end.
     *
     * @param state the schedule's state before the round
     * @param loss  the round's mean loss
     * @param lr    the model's learning rate before the round's step
     * @return the new state and the learning rate from now on
     */
    public Step onRound(final PlateauState state, final double loss, final double lr) {
        int cooldown = state.cooldownCounter();
        int wait = state.waited();
        if (cooldown > 0) {
            cooldown--;
            wait = 0;
        }
        if (loss < state.best() - config.minDelta()) {
            return new Step(new PlateauState(loss, 0, cooldown), lr);
        }
        if (cooldown == 0) {
            wait++;
            if (wait >= config.patience() && lr > config.minLr()) {
                final double reduced = Math.max(lr * config.factor(), config.minLr());
                return new Step(new PlateauState(state.best(), 0, config.cooldown()), reduced);
            }
        }
        return new Step(new PlateauState(state.best(), wait, cooldown), lr);
    }

    /**
     * The outcome of one round.
     *
     * @param state the schedule's state after the round
     * @param lr    the learning rate from now on
     */
    public record Step(PlateauState state, double lr) {

        /** True when the rate changed at this round. */
        public boolean changed(final double before) {
            return Double.compare(lr, before) != 0;
        }
    }
}
