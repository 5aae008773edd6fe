package io.onlinelearner.stopping;

/**
 * Early stopping with the semantics of Keras 3's {@code EarlyStopping} callback ({@code mode=min}),
 * applied per round instead of per epoch:
 *
 * <pre>
 * on round r with loss L:
 *   if sinceStart &lt; warmupRounds: return              # start_from_epoch, since the start, last resume or reset
 *   if best snapshot is empty: best snapshot ← current parameters
 *   wait ← wait + 1
 *   if L + |minDelta| &lt; best:
 *       best ← L; bestRound ← r; best snapshot ← current parameters
 *       if baseline unset or L + |minDelta| &lt; baseline: wait ← 0
 *       return
 *   if wait ≥ patience and r &gt; 0: STOP
 * </pre>
 *
 * {@code r} is the round number as published (restarting at 0 only on a reset), {@code sinceStart}
 * the rounds since the model's start, last resume or last reset. A NaN loss never compares as an
 * improvement. The class is a pure function of its inputs.
 */
public final class EarlyStopping {

    private final StoppingConfig config;
    private final double minDelta;

    /** Early stopping with the given settings. */
    public EarlyStopping(final StoppingConfig config) {
        this.config = config;
        this.minDelta = Math.abs(config.minDelta());
    }

    /** The settings in force. */
    public StoppingConfig config() {
        return config;
    }

    /**
     * Decides on the end of one round.
     *
     * @param state   the stopping state before this round
     * @param round   the round's index, from 0
     * @param loss    the round's mean loss
     * @param current the model's parameters at the end of the round
     * @return the new state, and whether training stops now
     */
    public Decision onRound(final StoppingState state, final int round, final double loss, final Checkpoint current) {
        return onRound(state, round, round, loss, current);
    }

    /**
     * Decides on the end of one round of a model that may have been resumed or reset: the warm-up
     * counts {@code sinceStart}, the rounds since the model's start, last resume or last reset,
     * while the rule {@code r > 0} and {@code bestRound} take the round number as published (which
     * restarts at 0 only on a reset).
     *
     * @param state      the stopping state before this round
     * @param round      the round's number, as published
     * @param sinceStart the round's index since the start, last resume or last reset, from 0
     * @param loss       the round's mean loss
     * @param current    the model's parameters at the end of the round
     * @return the new state, and whether training stops now
     */
    public Decision onRound(
            final StoppingState state,
            final int round,
            final int sinceStart,
            final double loss,
            final Checkpoint current) {
        if (sinceStart < config.warmupRounds()) {
            return new Decision(state, false);
        }
        final Checkpoint snapshot = state.snapshot() == null ? current : state.snapshot();
        final int wait = state.waited() + 1;
        if (isImprovement(loss, state.best())) {
            final boolean beatsBaseline = config.baseline().isEmpty()
                    || isImprovement(loss, config.baseline().getAsDouble());
            return new Decision(new StoppingState(beatsBaseline ? 0 : wait, loss, round, current), false);
        }
        final StoppingState next = new StoppingState(wait, state.best(), state.bestRound(), snapshot);
        return new Decision(next, wait >= config.patience() && round > 0);
    }

    /**
     * The parameters a model is frozen to when it stops: the best snapshot with restore-best on,
     * else the parameters at the stop.
     */
    public Checkpoint frozen(final StoppingState state, final Checkpoint current) {
        return config.restoreBest() && state.snapshot() != null ? state.snapshot() : current;
    }

    private boolean isImprovement(final double loss, final double reference) {
        return loss + minDelta < reference;
    }

    /**
     * The outcome of one round.
     *
     * @param state the stopping state after the round
     * @param stop  true when training stops at this round
     */
    public record Decision(StoppingState state, boolean stop) {}
}
