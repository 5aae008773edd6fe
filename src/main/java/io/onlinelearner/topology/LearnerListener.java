package io.onlinelearner.topology;

import io.onlinelearner.labels.Changes;
import io.onlinelearner.labels.ModelLabels;
import io.onlinelearner.labels.ServedOutcome;
import io.onlinelearner.learner.Eviction;
import io.onlinelearner.learner.ModelState;
import io.onlinelearner.learner.Outcome;
import io.onlinelearner.learner.Prediction;
import io.onlinelearner.model.RejectionReason;
import java.util.function.Function;

/**
 * Told of every record the learner processor handles, after its state was written: how metrics
 * and the live page observe the learner without the processor knowing about either. Called on
 * stream threads, once per record, so implementations must be cheap and thread-safe.
 */
public interface LearnerListener {

    /** Label bookkeeping for a listener of a learner without labels: none for any model. */
    Function<String, ModelLabels> NO_LABELS = model -> null;

    /** A listener that ignores everything. */
    LearnerListener NONE = new LearnerListener() {
        @Override
        public void onOutcome(final String model, final Source source, final Outcome outcome) {}

        @Override
        public void onRejected(final String model, final Source source, final RejectionReason reason) {}
    };

    /**
     * An accepted training, validation or command record and what it did: {@code outcome.state()}
     * is the model's new state (null for a command to a model with no state), and
     * {@code outcome.events()} the events it emitted on the control topic, in order.
     *
     * <p>The states in {@code outcome} are values: a listener may keep them, and they never change.
     */
    void onOutcome(String model, Source source, Outcome outcome);

    /**
     * A valid predict record and the prediction it got from the model's {@code state} (null when
     * the model has none and its initial parameters answered); nothing was written.
     */
    default void onPrediction(final String model, final Prediction prediction, final ModelState state) {}

    /**
     * A label joined its remembered request: {@code outcome} was forwarded to {@code outcomes}; the
     * example's own outcome is reported to {@link #onOutcome} with source {@code LABELS}.
     */
    default void onLabelJoined(final String model, final ServedOutcome outcome) {}

    /**
     * The remembered requests changed: {@code changes.expired()} were forgotten without a label, and
     * {@code changes.labels()} is the new bookkeeping of each model touched (null: deleted). For a
     * predict or labels record it comes after that record's {@link #onPrediction} or
     * {@link #onOutcome}, so a listener already knows the model's state.
     */
    default void onLabels(final Changes changes) {}

    /**
     * A model was evicted for being idle ({@code learner.models.idle-ttl-ms}): its state is deleted,
     * {@code eviction.last()} was published as its last snapshot and {@code eviction.event()} sent
     * to {@code control}. Whatever is kept about the model may be dropped.
     */
    default void onEvicted(final String model, final Eviction eviction) {}

    /**
     * The listener for the task of input partition {@code partition}: told of that task's records,
     * and of its end ({@link #onTaskClosed}). The processor of each task asks for its own at
     * {@code init}, so that what is kept per model can follow the partitions this instance holds.
     * {@code labels} reads a model's label bookkeeping as the task has it when called (null when it
     * has none; {@link #NO_LABELS} with labels off), on the task's stream thread while it handles a
     * record: a listener that starts keeping a model (its first record here, or the first since a
     * restart or a rebalance) takes in the requests remembered for it before. By default the
     * listener itself, for listeners that keep nothing per partition.
     */
    default LearnerListener forPartition(final int partition, final Function<String, ModelLabels> labels) {
        return this;
    }

    /**
     * The task this listener was made for ({@link #forPartition}) closed: its partition was handed
     * to another instance or stream thread, or the instance is shutting down. Whatever is kept about
     * the partition's models may be dropped: they are another task's now, or none. Ignored unless
     * overridden.
     */
    default void onTaskClosed() {}

    /** A record sent to the dead-letter topic. */
    void onRejected(String model, Source source, RejectionReason reason);

    /**
     * A record the learner failed on (a bug, not bad input), sent to the dead-letter topic without a
     * reason and with none of its outputs. Ignored unless overridden.
     */
    default void onFailed(final String model, final Source source) {}

    /**
     * A record of {@code source}, read from {@code topic}, in another partition than murmur2's for its
     * key (see {@link MisroutingDetector}); it is processed all the same, and reported to
     * {@link #onOutcome} or {@link #onRejected} as well. Ignored unless overridden.
     */
    default void onMisrouted(final Source source, final String topic) {}
}
