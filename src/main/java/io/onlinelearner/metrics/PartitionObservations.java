package io.onlinelearner.metrics;

import io.onlinelearner.labels.Changes;
import io.onlinelearner.labels.ModelLabels;
import io.onlinelearner.labels.ServedOutcome;
import io.onlinelearner.learner.Eviction;
import io.onlinelearner.learner.ModelState;
import io.onlinelearner.learner.Outcome;
import io.onlinelearner.learner.Prediction;
import io.onlinelearner.model.RejectionReason;
import io.onlinelearner.topology.LearnerListener;
import io.onlinelearner.topology.Source;
import java.util.function.Function;

/**
 * The {@link LearnerObservations} of one task, made for its input partition by
 * {@link LearnerObservations#forPartition}: records everything there, noting each model it tracks
 * as the partition's, and forgets the partition's models when the task closes. So an instance's
 * per-model series and model counts are those of the partitions it holds, not of every model it
 * ever saw.
 */
final class PartitionObservations implements LearnerListener {

    private final LearnerObservations observations;
    private final int partition;
    private final Function<String, ModelLabels> labels;

    PartitionObservations(
            final LearnerObservations observations, final int partition, final Function<String, ModelLabels> labels) {
        this.observations = observations;
        this.partition = partition;
        this.labels = labels;
    }

    @Override
    public void onOutcome(final String model, final Source source, final Outcome outcome) {
        observations.onOutcome(model, source, outcome, partition, labels);
    }

    @Override
    public void onPrediction(final String model, final Prediction prediction, final ModelState state) {
        observations.onPrediction(model, prediction, state, partition, labels);
    }

    @Override
    public void onLabelJoined(final String model, final ServedOutcome outcome) {
        observations.onLabelJoined(model, outcome);
    }

    @Override
    public void onLabels(final Changes changes) {
        observations.onLabels(changes);
    }

    @Override
    public void onEvicted(final String model, final Eviction eviction) {
        observations.onEvicted(model, eviction);
    }

    @Override
    public void onRejected(final String model, final Source source, final RejectionReason reason) {
        observations.onRejected(model, source, reason);
    }

    @Override
    public void onFailed(final String model, final Source source) {
        observations.onFailed(model, source);
    }

    @Override
    public void onMisrouted(final Source source, final String topic) {
        observations.onMisrouted(source, topic);
    }

    @Override
    public LearnerListener forPartition(final int other, final Function<String, ModelLabels> otherLabels) {
        return observations.forPartition(other, otherLabels);
    }

    @Override
    public void onTaskClosed() {
        observations.release(partition);
    }
}
