package io.onlinelearner.learner;

import io.onlinelearner.drift.DriftConfig;
import io.onlinelearner.drift.PageHinkley;
import io.onlinelearner.drift.PageHinkleyState;
import io.onlinelearner.model.Command;
import io.onlinelearner.model.DoubleVector;
import io.onlinelearner.model.Example;
import io.onlinelearner.model.LinearModel;
import io.onlinelearner.model.Loss;
import io.onlinelearner.model.ModelSpec;
import io.onlinelearner.model.Position;
import io.onlinelearner.model.PredictRequest;
import io.onlinelearner.model.RecordRejectedException;
import io.onlinelearner.model.RejectionReason;
import io.onlinelearner.optim.Adam;
import io.onlinelearner.optim.AdamHyperparameters;
import io.onlinelearner.optim.AdamUpdate;
import io.onlinelearner.optim.ArrayPool;
import io.onlinelearner.schedule.PlateauSchedule;
import io.onlinelearner.schedule.PlateauState;
import io.onlinelearner.stopping.Checkpoint;
import io.onlinelearner.stopping.EarlyStopping;
import io.onlinelearner.stopping.StoppingConfig;
import java.util.Objects;

/**
 * The learner's whole per-record logic as pure functions from (state, record) to an
 * {@link Outcome}: a training record feeds the drift detector and takes one Adam step; a
 * validation record is scored into rounds, and a round's end runs the plateau schedule and then
 * early stopping; a command stops, resumes, resets or changes the rate; a prediction reads the
 * parameters in force. No Kafka type appears here; the stream processor reads the state, calls
 * this, writes the result once and forwards what the outcome lists.
 *
 * <p>Every check happens before anything is returned, so a rejected record (thrown as
 * {@link RecordRejectedException}) leaves the caller's state exactly as it was.
 */
public final class Learner {

    /** Weight of the newest training loss in the exponentially weighted mean. */
    public static final double TRAIN_LOSS_SMOOTHING = Counters.TRAIN_LOSS_SMOOTHING;

    private final LearnerSpec settings;
    private final ModelSpec spec;
    private final Adam adam;
    private final EarlyStopping stopping;
    private final PlateauSchedule plateau;
    private final PageHinkley drift;
    private final InitialStates initial;
    private final Lifecycle lifecycle;
    private final Predictor predictor;

    /** A learner with the given settings. */
    public Learner(final LearnerSpec settings) {
        this.settings = settings;
        this.spec = settings.model();
        this.adam = new Adam(settings.adam());
        this.stopping = new EarlyStopping(settings.stopping());
        this.plateau = settings.plateau().map(PlateauSchedule::new).orElse(null);
        this.drift = settings.drift().map(PageHinkley::new).orElse(null);
        this.initial = new InitialStates(
                spec, settings.adam().amsgrad(), settings.adam().learningRate());
        this.lifecycle = new Lifecycle(stopping, initial);
        this.predictor = new Predictor(initial, settings.predict());
    }

    /** A learner without plateau schedule or drift detection, predicting with the live parameters. */
    public Learner(final ModelSpec spec, final AdamHyperparameters adam, final StoppingConfig stopping) {
        this(LearnerSpec.of(spec, adam, stopping));
    }

    /** All settings. */
    public LearnerSpec settings() {
        return settings;
    }

    /** The model settings. */
    public ModelSpec spec() {
        return spec;
    }

    /**
     * Applies one training record: first its loss under the parameters in force feeds the drift
     * detector (whose action may resume or reset the model), then, if the model is training, one
     * Adam step at the model's own learning rate. The new state's arrays are new; {@code state} is
     * not changed.
     *
     * @param state    the model's state, or null for a model not seen yet
     * @param position the record's partition and offset: the new parameters' lineage
     * @throws RecordRejectedException when the record does not fit the model or the update is not finite
     */
    public Outcome train(final ModelState state, final Example example, final Position position) {
        return train(state, example, position, null);
    }

    /**
     * {@link #train(ModelState, Example, Position)} for a caller that owns {@code owned} and keeps
     * the state itself elsewhere (a stream processor, whose store holds the state as written): the
     * Adam step is written over {@code owned}'s live parameters and moments, with no allocation
     * ({@link Adam#stepInPlace}; θ is first copied into an array from {@code arrays} when a
     * checkpoint shares it), and the gradient goes through an array of {@code arrays}. The
     * results are bit for bit those of the allocating form.
     *
     * <p>{@code owned} is consumed whether this returns or throws: the caller must not read it
     * again. On a {@link RecordRejectedException} its arrays may hold the rejected step, so the
     * caller reads the model's state again from where it was written (nothing was written).
     *
     * @param arrays where the gradient and any copy of θ come from
     */
    public Outcome trainInPlace(
            final ModelState owned, final Example example, final Position position, final ArrayPool arrays) {
        return train(owned, example, position, Objects.requireNonNull(arrays, "arrays"));
    }

    /** Drift detection, then one Adam step: in place with {@code inPlace}'s scratch arrays, else into new arrays. */
    private Outcome train(
            final ModelState state, final Example example, final Position position, final ArrayPool inPlace) {
        final Effects effects = new Effects();
        ModelState model = admit(state, example);
        if (drift != null) {
            model = watchDrift(model, example, effects);
        }
        if (model.status() == ModelStatus.STOPPED) {
            return effects.outcome(Outcome.Kind.SKIPPED, model.trainingSkipped(), true, Double.NaN);
        }
        final Loss loss = spec.loss();
        final double[] theta = model.live().theta().readOnlyArray();
        final double prediction = LinearModel.predict(theta, example.x(), model.intercept());
        final double value = loss.value(prediction, example.y());
        final double dLoss = loss.derivative(prediction, example.y());
        final AdamUpdate update = inPlace != null && canStepInPlace(model)
                ? stepInPlace(model, theta, example, dLoss, inPlace)
                : adam.step(
                        model.lr(), theta, LinearModel.gradient(dLoss, example.x(), model.intercept()), model.adam());
        if (!update.isFinite()) {
            throw new RecordRejectedException(
                    RejectionReason.NON_FINITE_UPDATE, "the update would make a parameter or a moment non-finite");
        }
        final Checkpoint live = new Checkpoint(DoubleVector.wrap(update.parameters()), model.updates() + 1, position);
        return effects.outcome(
                Outcome.Kind.APPLIED, model.afterStep(live, Moments.adopt(update.state()), value), true, value);
    }

    /** False only for AMSGrad moments stored without {@code vmax}, which the in-place step cannot grow. */
    private boolean canStepInPlace(final ModelState model) {
        return !adam.hyperparameters().amsgrad()
                || model.moments().vmax().length() == model.moments().m().length();
    }

    private AdamUpdate stepInPlace(
            final ModelState model,
            final double[] theta,
            final Example example,
            final double dLoss,
            final ArrayPool arrays) {
        final double[] gradient =
                LinearModel.gradient(dLoss, example.x(), model.intercept(), arrays.take(theta.length));
        final double[] target = model.liveSharedWithCheckpoint() ? copy(theta, arrays) : theta;
        final AdamUpdate update = adam.stepInPlace(model.lr(), target, gradient, model.adam());
        arrays.give(gradient);
        return update;
    }

    private static double[] copy(final double[] values, final ArrayPool arrays) {
        final double[] copy = arrays.take(values.length);
        System.arraycopy(values, 0, copy, 0, values.length);
        return copy;
    }

    /**
     * Scores one validation record into the open round; at the window's last record the round
     * closes, the plateau schedule runs, then early stopping. Parameters never change.
     *
     * @param state the model's state, or null for a model not seen yet
     * @throws RecordRejectedException when the record does not fit the model
     */
    public Outcome validate(final ModelState state, final Example example) {
        final ModelState current = admit(state, example);
        if (current.status() == ModelStatus.STOPPED) {
            return new Effects().outcome(Outcome.Kind.SKIPPED, current, false, Double.NaN);
        }
        final double value = spec.loss()
                .value(
                        LinearModel.predict(current.live().theta().readOnlyArray(), example.x(), current.intercept()),
                        example.y());
        final ModelState scored = current.scored(value);
        if (scored.roundCount() < stopping.config().validationWindow()) {
            return new Effects().outcome(Outcome.Kind.SCORED, scored, true, value);
        }
        return closeRound(current, scored.roundSum() / scored.roundCount(), value);
    }

    /**
     * Applies one well-formed command. A command that does not apply (or any command to a model
     * with no state) changes nothing and yields one {@code IGNORED} event.
     *
     * @param state the model's state, or null for a model not seen yet
     */
    public Outcome command(final ModelState state, final Command command) {
        return new Commands(lifecycle).apply(state, command);
    }

    /**
     * Answers one prediction request from the parameters in force; never changes any state.
     *
     * @param state the model's state, or null for a model not seen yet (answered from the initial parameters)
     * @throws RecordRejectedException when {@code x} does not fit the model
     */
    public Prediction predict(final ModelState state, final PredictRequest request) {
        checkDimension(state, request.dimension());
        return predictor.predict(state, request);
    }

    /** The state of a model before its first record of dimension {@code d}. */
    public ModelState initialState(final int d) {
        return initial.of(d);
    }

    private Outcome closeRound(final ModelState current, final double roundLoss, final double value) {
        final Effects effects = new Effects();
        final int round = current.round().next();
        double lr = current.lr();
        PlateauState plateauState = current.plateau();
        if (plateau != null) {
            final PlateauSchedule.Step step = plateau.onRound(plateauState, roundLoss, lr);
            plateauState = step.state();
            if (step.changed(lr)) {
                effects.event(new ControlEvent.LrChanged(
                        Cause.PLATEAU, current.generation(), PublishedStatus.TRAINING, lr, step.lr(), round));
                lr = step.lr();
            }
        }
        final EarlyStopping.Decision decision =
                stopping.onRound(current.stopping(), round, current.round().sinceStart(), roundLoss, current.live());
        final ModelState closed = current.roundClosed(roundLoss, decision.state(), plateauState, lr);
        if (decision.stop()) {
            return effects.outcome(
                    Outcome.Kind.STOPPED, lifecycle.stop(closed, Cause.EARLY_STOPPING, effects), true, value);
        }
        effects.snapshot(closed);
        return effects.outcome(Outcome.Kind.ROUND_CLOSED, closed, true, value);
    }

    /**
     * Feeds the record's loss under the parameters in force to the drift detector and runs the
     * action when it fires. A loss that is not finite, or that would make the detector's mean or
     * statistic overflow, is not fed: it is counted, and the detector stays as it was.
     */
    private ModelState watchDrift(final ModelState model, final Example example, final Effects effects) {
        final double loss = spec.loss()
                .value(
                        LinearModel.predict(model.published().theta().readOnlyArray(), example.x(), model.intercept()),
                        example.y());
        final PageHinkleyState detector = Double.isFinite(loss) ? drift.update(model.drift(), loss) : null;
        if (detector == null || !detector.isFinite()) {
            return model.withCounters(model.counters().nonFiniteLoss());
        }
        final ModelState seen = model.withDrift(detector);
        if (!detector.fired()) {
            return seen;
        }
        effects.event(new ControlEvent.Drift(
                Cause.DRIFT, seen.generation(), PublishedStatus.of(seen.status()), detector.n(), detector.sum()));
        final DriftConfig config = drift.config();
        return switch (config.action()) {
            case ALERT -> seen;
            case RESUME ->
                seen.status() == ModelStatus.STOPPED
                        ? lifecycle.resume(seen, Command.ResumeFrom.BEST, Cause.DRIFT, effects)
                        : seen;
            case RESET -> lifecycle.reset(seen, Cause.DRIFT, effects);
        };
    }

    private ModelState admit(final ModelState state, final Example example) {
        if (!spec.loss().acceptsLabel(example.y())) {
            throw new RecordRejectedException(
                    RejectionReason.INVALID_LABEL,
                    "label y = " + example.y() + " is not valid for "
                            + spec.loss().configName() + " loss (0 or 1)");
        }
        final int d = checkDimension(state, example.dimension());
        return state != null ? state : initial.of(d);
    }

    private int checkDimension(final ModelState state, final int dimension) {
        if (dimension > spec.maxFeatures()) {
            throw new RecordRejectedException(
                    RejectionReason.TOO_MANY_FEATURES,
                    "x has " + dimension + " features, more than the maximum " + spec.maxFeatures());
        }
        final int expected =
                state != null ? state.features() : spec.fixedDimension().orElse(dimension);
        if (dimension != expected) {
            throw new RecordRejectedException(
                    RejectionReason.WRONG_DIMENSION, "x has " + dimension + " features, the model has " + expected);
        }
        return expected;
    }
}
