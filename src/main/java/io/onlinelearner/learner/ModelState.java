package io.onlinelearner.learner;

import io.onlinelearner.drift.PageHinkleyState;
import io.onlinelearner.features.FeatureNames;
import io.onlinelearner.optim.AdamState;
import io.onlinelearner.schedule.PlateauState;
import io.onlinelearner.stopping.Checkpoint;
import io.onlinelearner.stopping.StoppingState;

/**
 * Everything the learner keeps about one model, as one value composed of small values: written to
 * the state store once per record and restored from it after a restart or a crash. It is never
 * changed: every change is a transition returning a new state, either one component at a time
 * ({@code with…}) or a step of the algorithm ({@link #afterStep}, {@link #resumed}, {@link #reset},
 * ...) built from them. Only {@link #of} and {@link ModelStateCopy} call the constructor by position; adding a component
 * touches its value, its transitions (here: the component, {@link ModelStateCopy} and a {@code with…}) and
 * the serde.
 *
 * @param features   the dimension d ({@code 2^hash-bits} for a hashed model)
 * @param intercept  whether the parameter vectors end with a bias
 * @param live       the live parameters, with their updates and lineage (dense or sparse)
 * @param moments    Adam's state for the live parameters, in their layout
 * @param round      the validation rounds
 * @param stopping   early stopping's state since the start, last resume or last reset
 * @param frozen     the frozen parameters once stopped; null while training
 * @param plateau    the plateau schedule's state
 * @param drift      the drift detector's state
 * @param lr         the model's learning rate now
 * @param generation 0 at the start, one more at every resume and reset
 * @param counters   what is counted for operators
 * @param names      the feature texts that a hashed model's state stored in format 4 carried, before
 *                   the texts had a store of their own ({@code learner-feature-names}), which the
 *                   stream processor moves there at the model's next record; {@link FeatureNames#NONE}
 *                   otherwise. The learner never adds to them; a reset drops them
 */
public record ModelState(
        int features,
        boolean intercept,
        Checkpoint live,
        AdamMoments moments,
        RoundState round,
        StoppingState stopping,
        Checkpoint frozen,
        PlateauState plateau,
        PageHinkleyState drift,
        double lr,
        long generation,
        Counters counters,
        FeatureNames names) {

    /** A dense model before its first record, with the parameters {@code initial}. */
    public static ModelState initial(
            final int features,
            final boolean intercept,
            final Checkpoint initial,
            final boolean amsgrad,
            final double lr) {
        return of(features, intercept, initial, Moments.zero(initial.theta().length(), amsgrad), lr);
    }

    /**
     * A model with the live parameters {@code live}, Adam's state {@code moments} and the rate
     * {@code lr}, and every other component as before the first record: the start from which a
     * reader (the serde) sets the rest with {@code with…}.
     */
    public static ModelState of(
            final int features,
            final boolean intercept,
            final Checkpoint live,
            final AdamMoments moments,
            final double lr) {
        return new ModelState(
                features,
                intercept,
                live,
                moments,
                RoundState.INITIAL,
                StoppingState.INITIAL,
                null,
                PlateauState.INITIAL,
                PageHinkleyState.INITIAL,
                lr,
                0L,
                Counters.INITIAL,
                FeatureNames.NONE);
    }

    // ---- one component at a time ----

    /** This state with the live parameters {@code value}. */
    public ModelState withLive(final Checkpoint value) {
        return edit().live(value).build();
    }

    /** This state with Adam's state {@code value}. */
    public ModelState withMoments(final AdamMoments value) {
        return edit().moments(value).build();
    }

    /** This state with the rounds {@code value}. */
    public ModelState withRound(final RoundState value) {
        return edit().round(value).build();
    }

    /** This state with early stopping's state {@code value}. */
    public ModelState withStopping(final StoppingState value) {
        return edit().stopping(value).build();
    }

    /** This state with the frozen parameters {@code value}: null for a training model. */
    public ModelState withFrozen(final Checkpoint value) {
        return edit().frozen(value).build();
    }

    /** This state with the plateau schedule's state {@code value}. */
    public ModelState withPlateau(final PlateauState value) {
        return edit().plateau(value).build();
    }

    /** This state with the drift detector's state {@code value}. */
    public ModelState withDrift(final PageHinkleyState value) {
        return edit().drift(value).build();
    }

    /** This state with the learning rate {@code value}. */
    public ModelState withLr(final double value) {
        return edit().lr(value).build();
    }

    /** This state with the generation {@code value}. */
    public ModelState withGeneration(final long value) {
        return edit().generation(value).build();
    }

    /** This state with the counters {@code value}. */
    public ModelState withCounters(final Counters value) {
        return edit().counters(value).build();
    }

    /** This state with the feature texts {@code value}. */
    public ModelState withNames(final FeatureNames value) {
        return edit().names(value).build();
    }

    // ---- steps of the algorithm ----

    /** One Adam step applied: new live parameters and moments; {@code loss} was the record's loss before it. */
    public ModelState afterStep(final Checkpoint parameters, final AdamMoments adam, final double loss) {
        return edit().live(parameters)
                .moments(adam)
                .counters(counters.trained(loss))
                .build();
    }

    /** A training record met a stopped model: counted, not applied. */
    public ModelState trainingSkipped() {
        return withCounters(counters.skippedOne());
    }

    /** A validation record scored into the open round. */
    public ModelState scored(final double loss) {
        return withRound(round.scored(loss));
    }

    /** The open round closed with {@code loss}, after the plateau schedule and early stopping ran on it. */
    public ModelState roundClosed(
            final double loss, final StoppingState stoppingState, final PlateauState plateauState, final double newLr) {
        return edit().round(round.closed(loss))
                .stopping(stoppingState)
                .plateau(plateauState)
                .lr(newLr)
                .build();
    }

    /** The model stopped: frozen to {@code parameters}. */
    public ModelState stopped(final Checkpoint parameters) {
        return withFrozen(parameters);
    }

    /**
     * The model trains again from {@code parameters} and {@code adam}: stopping, plateau and drift
     * state back to their initial values, the open round dropped, one generation more.
     */
    public ModelState resumed(final Checkpoint parameters, final AdamMoments adam) {
        return edit().live(parameters)
                .moments(adam)
                .round(round.resumed())
                .stopping(StoppingState.INITIAL)
                .frozen(null)
                .plateau(PlateauState.INITIAL)
                .drift(PageHinkleyState.INITIAL)
                .generation(generation + 1)
                .build();
    }

    /** The model starts over as {@code fresh} (its initial state, no feature texts), one generation more. */
    public ModelState reset(final ModelState fresh) {
        return edit().live(fresh.live)
                .moments(fresh.moments)
                .round(RoundState.INITIAL)
                .stopping(StoppingState.INITIAL)
                .frozen(null)
                .plateau(PlateauState.INITIAL)
                .drift(PageHinkleyState.INITIAL)
                .lr(fresh.lr)
                .generation(generation + 1)
                .counters(counters.reset())
                .names(fresh.names)
                .build();
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

    /** A copy of the live parameter vector (weights, then the bias) of a dense model; see {@link Checkpoint#theta()}. */
    public double[] parameters() {
        return live.parameters();
    }

    /**
     * Adam's state for the live parameters of a dense model, as the optimiser takes it.
     *
     * @throws IllegalStateException for a hashed model, whose moments are sparse ({@link #moments()})
     */
    public AdamState adam() {
        if (moments instanceof Moments dense) {
            return dense.view();
        }
        throw new IllegalStateException("a hashed model's moments are sparse");
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

    private ModelStateCopy edit() {
        return new ModelStateCopy(this);
    }
}
