package io.onlinelearner.learner;

import io.onlinelearner.drift.DriftConfig;
import io.onlinelearner.drift.PageHinkley;
import io.onlinelearner.drift.PageHinkleyState;
import io.onlinelearner.features.HashingConfig;
import io.onlinelearner.features.SparseAdam;
import io.onlinelearner.model.Command;
import io.onlinelearner.model.Example;
import io.onlinelearner.model.Loss;
import io.onlinelearner.model.ModelSpec;
import io.onlinelearner.model.Position;
import io.onlinelearner.model.PredictRequest;
import io.onlinelearner.model.RecordRejectedException;
import io.onlinelearner.model.RejectionReason;
import io.onlinelearner.optim.Adam;
import io.onlinelearner.optim.AdamHyperparameters;
import io.onlinelearner.schedule.PlateauSchedule;
import io.onlinelearner.schedule.PlateauState;
import io.onlinelearner.stopping.EarlyStopping;
import io.onlinelearner.stopping.StoppingConfig;

/**
 * The learner's whole per-record logic as pure functions from (state, record) to an
 * {@link Outcome}: a training record feeds the drift detector and takes one Adam step (for a
 * hashed model, one lazy Adam step, {@link SparseAdam}, chosen by the layout of the state it
 * holds, and the record's feature texts are kept); a
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
    private final Steps steps;
    private final Dimensions dimensions;
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
        final HashingConfig hashing = settings.hashing().orElse(null);
        this.steps = new Steps(
                new Adam(settings.adam()),
                new SparseAdam(
                        settings.adam().beta1(),
                        settings.adam().beta2(),
                        settings.adam().epsilon()));
        this.dimensions = new Dimensions(spec, hashing);
        this.stopping = new EarlyStopping(settings.stopping());
        this.plateau = settings.plateau().map(PlateauSchedule::new).orElse(null);
        this.drift = settings.drift().map(PageHinkley::new).orElse(null);
        this.initial = new InitialStates(
                spec, settings.adam().amsgrad(), settings.adam().learningRate(), hashing != null);
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
     * Adam step at the model's own learning rate, into new arrays: {@code state}, and every state
     * or snapshot produced before, stay as they were.
     *
     * @param state    the model's state, or null for a model not seen yet
     * @param position where the record sits in its input: the new parameters' lineage
     * @throws RecordRejectedException when the record does not fit the model or the update is not finite
     */
    public Outcome train(final ModelState state, final Example example, final Position position) {
        final Effects effects = new Effects();
        ModelState model = admit(state, example);
        if (drift != null) {
            model = watchDrift(model, example, effects);
        }
        if (model.status() == ModelStatus.STOPPED) {
            return effects.outcome(Outcome.Kind.SKIPPED, model.trainingSkipped(), true, Double.NaN);
        }
        final Loss loss = spec.loss();
        final double prediction = model.live().weights().predict(example.features(), model.intercept());
        final double value = loss.value(prediction, example.y());
        final double dLoss = loss.derivative(prediction, example.y());
        return effects.outcome(
                Outcome.Kind.APPLIED, steps.step(model, example.features(), dLoss, value, position), true, value);
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
                .value(current.live().weights().predict(example.features(), current.intercept()), example.y());
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
        dimensions.check(state, request.features());
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
                .value(model.published().weights().predict(example.features(), model.intercept()), example.y());
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
        final int d = dimensions.check(state, example.features());
        return state != null ? state : initial.of(d);
    }
}
