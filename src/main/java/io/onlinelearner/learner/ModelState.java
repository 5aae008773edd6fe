package io.onlinelearner.learner;

import io.onlinelearner.drift.PageHinkleyState;
import io.onlinelearner.model.DoubleVector;
import io.onlinelearner.optim.AdamState;
import io.onlinelearner.optim.ArrayPool;
import io.onlinelearner.schedule.PlateauState;
import io.onlinelearner.stopping.Checkpoint;
import io.onlinelearner.stopping.StoppingState;

/**
 * Everything the learner keeps about one model, as one value composed of small values: written to
 * the state store once per record and restored from it after a restart or a crash. Every change
 * is a named transition returning a new state; adding a field touches its value, its transition
 * and the serde only.
 *
 * @param features   the dimension d
 * @param intercept  whether the parameter vectors end with a bias
 * @param live       the live parameters, with their updates and lineage
 * @param moments    Adam's state for the live parameters
 * @param round      the validation rounds
 * @param stopping   early stopping's state since the start, last resume or last reset
 * @param frozen     the frozen parameters once stopped; null while training
 * @param plateau    the plateau schedule's state
 * @param drift      the drift detector's state
 * @param lr         the model's learning rate now
 * @param generation 0 at the start, one more at every resume and reset
 * @param counters   what is counted for operators
 */
public record ModelState(
        int features,
        boolean intercept,
        Checkpoint live,
        Moments moments,
        RoundState round,
        StoppingState stopping,
        Checkpoint frozen,
        PlateauState plateau,
        PageHinkleyState drift,
        double lr,
        long generation,
        Counters counters) {

    /** A model before its first record, with the parameters {@code initial}. */
    public static ModelState initial(
            final int features,
            final boolean intercept,
            final Checkpoint initial,
            final boolean amsgrad,
            final double lr) {
        return new ModelState(
                features,
                intercept,
                initial,
                Moments.zero(initial.theta().length(), amsgrad),
                RoundState.INITIAL,
                StoppingState.INITIAL,
                null,
                PlateauState.INITIAL,
                PageHinkleyState.INITIAL,
                lr,
                0L,
                Counters.INITIAL);
    }

    // ---- transitions ----

    /** One Adam step applied: new live parameters and moments; {@code loss} was the record's loss before it. */
    public ModelState afterStep(final Checkpoint parameters, final Moments adam, final double loss) {
        return new ModelState(
                features,
                intercept,
                parameters,
                adam,
                round,
                stopping,
                frozen,
                plateau,
                drift,
                lr,
                generation,
                counters.trained(loss));
    }

    /** A training record met a stopped model: counted, not applied. */
    public ModelState trainingSkipped() {
        return with(round, stopping, frozen, plateau, lr, counters.skippedOne());
    }

    /** A validation record scored into the open round. */
    public ModelState scored(final double loss) {
        return with(round.scored(loss), stopping, frozen, plateau, lr, counters);
    }

    /** The open round closed with {@code loss}, after the plateau schedule and early stopping ran on it. */
    public ModelState roundClosed(
            final double loss, final StoppingState stoppingState, final PlateauState plateauState, final double newLr) {
        return with(round.closed(loss), stoppingState, frozen, plateauState, newLr, counters);
    }

    /** The model stopped: frozen to {@code parameters}. */
    public ModelState stopped(final Checkpoint parameters) {
        return with(round, stopping, parameters, plateau, lr, counters);
    }

    /**
     * The model trains again from {@code parameters} and {@code adam}: stopping, plateau and drift
     * state back to their initial values, the open round dropped, one generation more.
     */
    public ModelState resumed(final Checkpoint parameters, final Moments adam) {
        return new ModelState(
                features,
                intercept,
                parameters,
                adam,
                round.resumed(),
                StoppingState.INITIAL,
                null,
                PlateauState.INITIAL,
                PageHinkleyState.INITIAL,
                lr,
                generation + 1,
                counters);
    }

    /** The model starts over as {@code fresh} (its initial state), one generation more. */
    public ModelState reset(final ModelState fresh) {
        return new ModelState(
                features,
                intercept,
                fresh.live,
                fresh.moments,
                RoundState.INITIAL,
                StoppingState.INITIAL,
                null,
                PlateauState.INITIAL,
                PageHinkleyState.INITIAL,
                fresh.lr,
                generation + 1,
                counters.reset());
    }

    /** The learning rate changed to {@code newLr}. */
    public ModelState lrChanged(final double newLr) {
        return with(round, stopping, frozen, plateau, newLr, counters);
    }

    /** The drift detector took in one loss. */
    public ModelState driftSeen(final PageHinkleyState detector) {
        return new ModelState(
                features,
                intercept,
                live,
                moments,
                round,
                stopping,
                frozen,
                plateau,
                detector,
                lr,
                generation,
                counters);
    }

    private ModelState with(
            final RoundState r,
            final StoppingState s,
            final Checkpoint f,
            final PlateauState p,
            final double rate,
            final Counters c) {
        return new ModelState(features, intercept, live, moments, r, s, f, p, drift, rate, generation, c);
    }

    // ---- ownership ----

    /**
     * Gives {@code arrays} every array of this state that {@code next} does not refer to (its live
     * parameters, moments and checkpoints): for the owner of both states, once {@code next} has
     * replaced this one and nothing will read this one again, so that later scratch arrays and
     * copies reuse them instead of new ones. Arrays {@code next} shares with this state are kept.
     */
    public void release(final ModelState next, final ArrayPool arrays) {
        if (next == this) {
            return;
        }
        giveUnlessUsed(live.theta(), next, arrays);
        giveUnlessUsed(moments.m(), next, arrays);
        giveUnlessUsed(moments.v(), next, arrays);
        giveUnlessUsed(moments.vmax(), next, arrays);
        if (frozen != null) {
            giveUnlessUsed(frozen.theta(), next, arrays);
        }
        if (stopping.snapshot() != null) {
            giveUnlessUsed(stopping.snapshot().theta(), next, arrays);
        }
    }

    /** True when a checkpoint (the frozen or the best parameters) shares the live parameters' array. */
    public boolean liveSharedWithCheckpoint() {
        final double[] theta = live.theta().readOnlyArray();
        return (frozen != null && frozen.theta().readOnlyArray() == theta)
                || (stopping.snapshot() != null && stopping.snapshot().theta().readOnlyArray() == theta);
    }

    private static void giveUnlessUsed(final DoubleVector vector, final ModelState next, final ArrayPool arrays) {
        final double[] array = vector.readOnlyArray();
        if (!next.uses(array)) {
            arrays.give(array);
        }
    }

    /** True when one of this state's vectors is {@code array} itself. */
    private boolean uses(final double[] array) {
        return live.theta().readOnlyArray() == array
                || moments.m().readOnlyArray() == array
                || moments.v().readOnlyArray() == array
                || moments.vmax().readOnlyArray() == array
                || (frozen != null && frozen.theta().readOnlyArray() == array)
                || (stopping.snapshot() != null && stopping.snapshot().theta().readOnlyArray() == array);
    }

    // ---- views ----

    /** TRAINING until the model stops, then STOPPED. */
    public ModelStatus status() {
        return frozen == null ? ModelStatus.TRAINING : ModelStatus.STOPPED;
    }

    /** The parameters in force: the frozen ones once stopped, else the live ones. */
    public Checkpoint published() {
        return frozen != null ? frozen : live;
    }

    /** The best snapshot since the start, last resume or last reset, or null when no round has counted. */
    public Checkpoint best() {
        return stopping.hasBest() ? stopping.snapshot() : null;
    }

    /** The number of Adam updates the live parameters absorbed. */
    public long updates() {
        return live.updates();
    }

    /** The last closed round, or -1 when none: for a stopped model, the round at which it stopped. */
    public int stoppedRound() {
        final Integer last = round.last();
        return frozen == null || last == null ? -1 : last;
    }

    /** A copy of the live parameter vector (weights, then the bias). */
    public double[] parameters() {
        return live.parameters();
    }

    /** Adam's state for the live parameters, as the optimiser takes it. */
    public AdamState adam() {
        return moments.view();
    }

    /** The number of the next round (rounds closed since the start or the last reset). */
    public int rounds() {
        return round.next();
    }

    /** Validation records scored into the open round. */
    public int roundCount() {
        return round.count();
    }

    /** The sum of their losses. */
    public double roundSum() {
        return round.sum();
    }

    /** The last closed round's mean loss; NaN when none. */
    public double lastRoundLoss() {
        return round.lastLoss();
    }

    /** The exponentially weighted mean of the training loss; NaN before the first. */
    public double trainLoss() {
        return counters.trainLoss();
    }

    /** Training records skipped because the model had stopped. */
    public long skipped() {
        return counters.skipped();
    }
}
