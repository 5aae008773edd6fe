package io.onlinelearner.learner;

import io.onlinelearner.model.Example;
import io.onlinelearner.model.LinearModel;
import io.onlinelearner.model.Loss;
import io.onlinelearner.model.ModelSpec;
import io.onlinelearner.model.RecordRejectedException;
import io.onlinelearner.model.RejectionReason;
import io.onlinelearner.optim.Adam;
import io.onlinelearner.optim.AdamHyperparameters;
import io.onlinelearner.optim.AdamState;
import io.onlinelearner.optim.AdamUpdate;
import io.onlinelearner.stopping.Checkpoint;
import io.onlinelearner.stopping.EarlyStopping;
import io.onlinelearner.stopping.StoppingConfig;
import io.onlinelearner.stopping.StoppingState;

/**
 * The learner's whole per-record logic as a pure function from (state, record) to a new state:
 * a training record takes one Adam step on the linear model; a validation record is scored and
 * counted into rounds, and a round's end runs early stopping. No Kafka type appears here; the
 * stream processor only reads the state, calls this, writes the result once and forwards.
 *
 * <p>Every check happens before anything is returned, so a rejected record (thrown as
 * {@link RecordRejectedException}) leaves the caller's state exactly as it was.
 */
public final class Learner {

    /** Weight of the newest training loss in the exponentially weighted mean. */
    public static final double TRAIN_LOSS_SMOOTHING = 0.01;

    private final ModelSpec spec;
    private final Adam adam;
    private final EarlyStopping stopping;

    /** A learner for models built to {@code spec}, trained with Adam and stopped early. */
    public Learner(final ModelSpec spec, final AdamHyperparameters adam, final StoppingConfig stopping) {
        this.spec = spec;
        this.adam = new Adam(adam);
        this.stopping = new EarlyStopping(stopping);
    }

    /** The model settings. */
    public ModelSpec spec() {
        return spec;
    }

    /**
     * Applies one training record.
     *
     * @param state the model's state, or null for a model not seen yet
     * @throws RecordRejectedException when the record does not fit the model or the update is not finite
     */
    public Outcome train(final ModelState state, final Example example) {
        final ModelState current = admit(state, example);
        if (current.frozen() != null) {
            return new Outcome(Outcome.Kind.SKIPPED, withSkipped(current), Double.NaN);
        }
        final Loss loss = spec.loss();
        final double prediction = LinearModel.predict(current.parameters(), example.x(), current.intercept());
        final double value = loss.value(prediction, example.y());
        final double[] gradient = LinearModel.gradient(loss.derivative(prediction, example.y()), example.x(),
                current.intercept());
        final AdamUpdate update = adam.step(current.parameters(), gradient, current.adam());
        if (!update.isFinite()) {
            throw new RecordRejectedException(RejectionReason.NON_FINITE_UPDATE,
                    "the update would make a parameter or a moment non-finite");
        }
        final double trainLoss = smoothed(current.trainLoss(), value);
        return new Outcome(Outcome.Kind.APPLIED, new ModelState(current.features(), current.intercept(),
                update.parameters(), update.state(), current.rounds(), current.roundCount(), current.roundSum(),
                current.lastRoundLoss(), trainLoss, current.stopping(), null, current.skipped()), value);
    }

    /**
     * Scores one validation record into the open round, closing the round and running early
     * stopping when it is the window's last record. Parameters never change.
     *
     * @param state the model's state, or null for a model not seen yet
     * @throws RecordRejectedException when the record does not fit the model
     */
    public Outcome validate(final ModelState state, final Example example) {
        final ModelState current = admit(state, example);
        if (current.frozen() != null) {
            return new Outcome(Outcome.Kind.SKIPPED, current, Double.NaN);
        }
        final double value = spec.loss().value(
                LinearModel.predict(current.parameters(), example.x(), current.intercept()), example.y());
        final int count = current.roundCount() + 1;
        final double sum = current.roundSum() + value;
        if (count < stopping.config().validationWindow()) {
            return new Outcome(Outcome.Kind.SCORED, withRound(current, current.rounds(), count, sum,
                    current.lastRoundLoss(), current.stopping(), null), value);
        }
        final double roundLoss = sum / count;
        final Checkpoint live = current.live();
        final EarlyStopping.Decision decision = stopping.onRound(current.stopping(), current.rounds(), roundLoss, live);
        final Checkpoint frozen = decision.stop() ? stopping.frozen(decision.state(), live) : null;
        final ModelState next = withRound(current, current.rounds() + 1, 0, 0.0, roundLoss, decision.state(), frozen);
        return new Outcome(decision.stop() ? Outcome.Kind.STOPPED : Outcome.Kind.ROUND_CLOSED, next, value);
    }

    /** The state of a model before its first record of dimension {@code d}. */
    public ModelState initialState(final int d) {
        final double[] theta = spec.initialParameters(d);
        return new ModelState(d, spec.intercept(), theta, AdamState.initial(theta.length, adam.hyperparameters().amsgrad()),
                0, 0, 0.0, Double.NaN, Double.NaN, StoppingState.INITIAL, null, 0L);
    }

    private ModelState admit(final ModelState state, final Example example) {
        if (!spec.loss().acceptsLabel(example.y())) {
            throw new RecordRejectedException(RejectionReason.INVALID_LABEL,
                    "label y = " + example.y() + " is not valid for " + spec.loss().configName() + " loss (0 or 1)");
        }
        final int expected = state != null ? state.features()
                : spec.fixedDimension().orElse(example.dimension());
        if (example.dimension() != expected) {
            throw new RecordRejectedException(RejectionReason.WRONG_DIMENSION,
                    "x has " + example.dimension() + " features, the model has " + expected);
        }
        return state != null ? state : initialState(expected);
    }

    private static double smoothed(final double previous, final double value) {
        if (!Double.isFinite(value)) {
            return previous;
        }
        return Double.isNaN(previous) ? value : previous + TRAIN_LOSS_SMOOTHING * (value - previous);
    }

    private static ModelState withSkipped(final ModelState s) {
        return new ModelState(s.features(), s.intercept(), s.parameters(), s.adam(), s.rounds(), s.roundCount(),
                s.roundSum(), s.lastRoundLoss(), s.trainLoss(), s.stopping(), s.frozen(), s.skipped() + 1);
    }

    private static ModelState withRound(final ModelState s, final int rounds, final int count, final double sum,
            final double lastRoundLoss, final StoppingState stoppingState, final Checkpoint frozen) {
        return new ModelState(s.features(), s.intercept(), s.parameters(), s.adam(), rounds, count, sum,
                lastRoundLoss, s.trainLoss(), stoppingState, frozen, s.skipped());
    }
}
