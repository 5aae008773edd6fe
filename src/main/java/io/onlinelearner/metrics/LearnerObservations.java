package io.onlinelearner.metrics;

import io.onlinelearner.labels.Changes;
import io.onlinelearner.labels.ModelLabels;
import io.onlinelearner.labels.ServedOutcome;
import io.onlinelearner.learner.ControlEvent;
import io.onlinelearner.learner.Eviction;
import io.onlinelearner.learner.ModelState;
import io.onlinelearner.learner.ModelStatus;
import io.onlinelearner.learner.Outcome;
import io.onlinelearner.learner.Prediction;
import io.onlinelearner.model.RejectionReason;
import io.onlinelearner.topology.LearnerListener;
import io.onlinelearner.topology.Source;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * What the learner did on this instance, recorded as the topology's {@link LearnerListener}: counts
 * of records by topic and outcome, rounds, stops, predictions by the parameters that answered,
 * events on {@code control} by event and cause, models by status, and per model a
 * {@link ModelTrack} (its own series and bounded loss history for the first {@code maxModels}
 * models seen, only status and best loss for the others). It knows nothing of how it is shown:
 * {@link LearnerMeterBinder} exposes it to Micrometer, the live page reads {@link #histories()},
 * the status line {@link #totals()}. A record costs a few adds, one map lookup and one volatile
 * write. The models are kept by {@link ModelTracks}: an evicted model ({@code
 * learner.models.idle-ttl-ms}), and the models of a task that closed here, are forgotten, their
 * series removed and their places among the models with series freed, so that what is kept grows
 * with the models this instance holds, not with every model it ever saw. Each task records through
 * its own {@link #forPartition} listener.
 */
public final class LearnerObservations implements LearnerListener {

    /** Points kept per curve of the live page. */
    public static final int HISTORY_POINTS = 600;
    /** Initial sampling stride of the training-loss curve, in updates. */
    public static final long TRAIN_SAMPLE_EVERY = 10;

    private static final int OUTCOMES = RecordOutcome.values().length;

    private final LongAdder[] records = new LongAdder[Source.values().length * OUTCOMES];
    private final LongAdder[] misrouted = new LongAdder[Source.values().length];
    private final LongAdder[] deadLetters = new LongAdder[RejectionReason.values().length];
    private final LongAdder stops = new LongAdder();
    private final LongAdder labelsJoined = new LongAdder();
    private final LongAdder labelsUnknown = new LongAdder();
    private final LongAdder labelsExpired = new LongAdder();
    private final LongAdder rounds = new LongAdder();
    private final LongAdder[] predictions = new LongAdder[Prediction.Answering.values().length];
    private final EventCounts events = new EventCounts();
    private final ModelTracks models;

    /** Observations that give their own series to at most {@code maxModels} models. */
    public LearnerObservations(final int maxModels) {
        if (maxModels < 0) {
            throw new IllegalArgumentException("maxModels must be >= 0");
        }
        this.models = new ModelTracks(maxModels);
        for (int i = 0; i < records.length; i++) {
            records[i] = new LongAdder();
        }
        for (int i = 0; i < misrouted.length; i++) {
            misrouted[i] = new LongAdder();
        }
        for (int i = 0; i < deadLetters.length; i++) {
            deadLetters[i] = new LongAdder();
        }
        for (int i = 0; i < predictions.length; i++) {
            predictions[i] = new LongAdder();
        }
    }

    @Override
    public void onOutcome(final String model, final Source source, final Outcome outcome) {
        onOutcome(model, source, outcome, ModelTrack.NO_PARTITION, NO_LABELS);
    }

    /**
     * {@link #onOutcome(String, Source, Outcome)} of a record of input partition {@code partition},
     * whose task's label bookkeeping {@code labels} reads.
     */
    void onOutcome(
            final String model,
            final Source source,
            final Outcome outcome,
            final int partition,
            final Function<String, ModelLabels> labels) {
        final Outcome.Kind kind = outcome.kind();
        final boolean skipped = kind == Outcome.Kind.SKIPPED || kind == Outcome.Kind.COMMAND_IGNORED;
        records[index(source, skipped ? RecordOutcome.SKIPPED : RecordOutcome.APPLIED)].increment();
        outcome.events().forEach(events::count);
        final ModelState state = outcome.state();
        if (state == null) {
            return; // a command to a model with no state: IGNORED, nothing to track
        }
        final ModelTrack track = models.track(model, partition, labels);
        track.update(state);
        for (final ControlEvent event : outcome.events()) {
            track.mark(event, kind.closesRound());
        }
        if (kind == Outcome.Kind.APPLIED) {
            track.sampleTraining(state);
        } else if (kind.closesRound()) {
            rounds.increment();
            track.sampleRound(state);
            if (kind == Outcome.Kind.STOPPED) {
                stops.increment();
            }
        }
    }

    @Override
    public void onEvicted(final String model, final Eviction eviction) {
        events.count(eviction.event());
        models.forget(model);
    }

    /**
     * A listener for the task of input partition {@code partition}: what it is told is recorded here,
     * each model noted as the partition's, and when the task closes the partition's models are
     * forgotten ({@link #release}).
     */
    @Override
    public LearnerListener forPartition(final int partition, final Function<String, ModelLabels> labels) {
        return new PartitionObservations(this, partition, labels);
    }

    /**
     * Forgets every model last handled by the task of input partition {@code partition}, as an
     * eviction does: the task closed, so its models are another instance's or thread's now, whose
     * series and counts take them over. A model handled again here is tracked anew.
     */
    void release(final int partition) {
        models.release(partition);
    }

    /** The models this instance keeps something about now (its alive models). */
    public int tracked() {
        return models.size();
    }

    @Override
    public void onPrediction(final String model, final Prediction prediction, final ModelState state) {
        onPrediction(model, prediction, state, ModelTrack.NO_PARTITION, NO_LABELS);
    }

    /**
     * {@link #onPrediction(String, Prediction, ModelState)} of the task of input partition
     * {@code partition}: a model with a state not tracked yet (e.g. a stopped model only served
     * since its partition came here) is tracked from its state.
     */
    void onPrediction(
            final String model,
            final Prediction prediction,
            final ModelState state,
            final int partition,
            final Function<String, ModelLabels> labels) {
        records[index(Source.PREDICT, RecordOutcome.APPLIED)].increment();
        predictions[prediction.parameters().ordinal()].increment();
        ModelTrack track = models.get(model);
        if (track == null && state != null) {
            track = models.track(model, partition, labels);
            track.update(state);
        }
        if (track != null) {
            track.predicted();
        }
    }

    @Override
    public void onRejected(final String model, final Source source, final RejectionReason reason) {
        records[index(source, RecordOutcome.REJECTED)].increment();
        deadLetters[reason.ordinal()].increment();
        if (reason == RejectionReason.UNKNOWN_PREDICTION) {
            labelsUnknown.increment();
        }
    }

    @Override
    public void onFailed(final String model, final Source source) {
        records[index(source, RecordOutcome.FAILED)].increment();
    }

    @Override
    public void onLabelJoined(final String model, final ServedOutcome outcome) {
        labelsJoined.increment();
    }

    /**
     * The label bookkeeping of each tracked model. A model is tracked from its state only, so that
     * requests remembered for ids that name no model yet take none of the places with series.
     */
    @Override
    public void onLabels(final Changes changes) {
        if (changes.expired() > 0) {
            labelsExpired.add(changes.expired());
        }
        changes.labels().forEach((model, labels) -> {
            final ModelTrack track = models.get(model);
            if (track == null) {
                return;
            }
            if (labels != null) {
                track.labels(labels);
            } else {
                track.labels(Double.NaN, 0, 0);
            }
        });
    }

    /** Labels so far: joined to their prediction, unknown (dead letters), or requests expired without one. */
    public long labels(final LabelOutcome outcome) {
        return switch (outcome) {
            case JOINED -> labelsJoined.sum();
            case UNKNOWN -> labelsUnknown.sum();
            case EXPIRED -> labelsExpired.sum();
        };
    }

    @Override
    public void onMisrouted(final Source source, final String topic) {
        misrouted[source.ordinal()].increment();
    }

    /** Records from {@code source} found in another partition than murmur2's for their key, so far. */
    public long misrouted(final Source source) {
        return misrouted[source.ordinal()].sum();
    }

    /** Records sent to the dead-letter topic with {@code reason} so far, over every input. */
    public long deadLetters(final RejectionReason reason) {
        return deadLetters[reason.ordinal()].sum();
    }

    /** Records the learner failed on (sent to the dead-letter topic without a reason) so far, over every input. */
    public long failed() {
        long failed = 0;
        for (final Source source : Source.values()) {
            failed += records(source, RecordOutcome.FAILED);
        }
        return failed;
    }

    /** Predictions answered so far with the given parameters. */
    public long predictions(final Prediction.Answering parameters) {
        return predictions[parameters.ordinal()].sum();
    }

    /** Events on {@code control} so far with the given event name and cause. */
    long events(final EventCounts.Key key) {
        return events.count(key);
    }

    /** The (event, cause) pairs counted. */
    List<EventCounts.Key> eventKeys() {
        return events.keys();
    }

    /** Records from {@code source} with {@code outcome} so far. */
    public long records(final Source source, final RecordOutcome outcome) {
        return records[index(source, outcome)].sum();
    }

    /** Models stopped by early stopping so far. */
    public long stops() {
        return stops.sum();
    }

    /** Models seen by this instance whose latest status is {@code status}. */
    public long models(final ModelStatus status) {
        return models.count(status);
    }

    /** The totals behind the status line, read now. */
    public Totals totals() {
        long all = 0;
        long rejected = 0;
        for (final Source source : Source.values()) {
            for (final RecordOutcome outcome : RecordOutcome.values()) {
                all += records(source, outcome);
            }
            rejected += records(source, RecordOutcome.REJECTED) + records(source, RecordOutcome.FAILED);
        }
        double best = Double.NaN;
        long modelsNow = 0;
        long stoppedNow = 0;
        for (final ModelTrack track : models.all()) {
            final double loss = track.bestLoss();
            if (!Double.isNaN(loss) && (Double.isNaN(best) || loss < best)) {
                best = loss;
            }
            final ModelStatus status = track.status();
            if (status != null) {
                modelsNow++;
                stoppedNow += status == ModelStatus.STOPPED ? 1 : 0;
            }
        }
        long answered = 0;
        for (final LongAdder count : predictions) {
            answered += count.sum();
        }
        return new Totals(
                all,
                rejected,
                modelsNow,
                stoppedNow,
                rounds.sum(),
                stops.sum(),
                best,
                answered,
                events.total(),
                labelsJoined.sum(),
                labelsUnknown.sum());
    }

    /** The histories of the models with their own series, by model id, for the live page. */
    public List<ModelHistory> histories() {
        return models.histories();
    }

    /**
     * Hands {@code watcher} every model with its own series: those seen so far now, each later one
     * when first seen (on the stream thread that sees it). A model may be handed more than once.
     */
    void watchSeries(final Consumer<ModelTrack> watcher) {
        models.watchSeries(watcher);
    }

    /**
     * Hands {@code watcher} every model with its own series that is forgotten (evicted, or its task
     * closed), once, on the stream thread that forgets it.
     */
    void watchRemovals(final Consumer<ModelTrack> watcher) {
        models.watchRemovals(watcher);
    }

    private static int index(final Source source, final RecordOutcome outcome) {
        return source.ordinal() * OUTCOMES + outcome.ordinal();
    }
}
