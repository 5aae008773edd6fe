package io.onlinelearner.topology;

import io.onlinelearner.labels.Changes;
import io.onlinelearner.labels.Labelling;
import io.onlinelearner.labels.ModelLabels;
import io.onlinelearner.learner.ModelState;
import io.onlinelearner.model.Label;
import io.onlinelearner.model.Position;
import io.onlinelearner.model.PredictRequest;
import org.apache.kafka.streams.processor.api.ProcessorContext;

/**
 * The labels part of the {@link LearnerProcessor} (with {@code learner.labels.enabled=true}): the
 * task's remembered requests in their store, and the calls into the pure {@link Labelling} that
 * read them. The processor decides when to write; this only computes, and writes the
 * {@link Changes} it is handed.
 */
final class LabelsStep {

    private final Labelling labelling;
    private PendingStore pending;

    LabelsStep(final Labelling labelling) {
        this.labelling = labelling;
    }

    /** Opens the task's store; called at every (re)initialisation of the task. */
    void init(final ProcessorContext<?, ?> context) {
        pending = new PendingStore(
                LabelsStore.of(context.getStateStore(Names.LABELS_STORE)),
                labelling.joiner().settings().window());
    }

    /** Forgets every request older than the ttl by {@code streamTime}; returns what it wrote. */
    Changes expire(final long streamTime) {
        final Changes expired = labelling.joiner().expire(pending, streamTime);
        pending.apply(expired);
        return expired;
    }

    /** Answers a request and says what to remember; writes nothing. */
    Labelling.Served predict(
            final ModelState state,
            final String model,
            final PredictRequest request,
            final long timestamp,
            final long sequence,
            final long streamTime) {
        return labelling.predict(state, pending, model, request, timestamp, sequence, streamTime);
    }

    /** Joins a label and learns from it; writes nothing. */
    Labelling.Labelled label(
            final ModelState state,
            final String model,
            final Label label,
            final long timestamp,
            final long streamTime,
            final Position position) {
        return labelling.label(state, pending, model, label, timestamp, streamTime, position);
    }

    /** Says what forgetting everything {@code model} remembers writes (for an eviction); writes nothing. */
    Changes forgetModel(final String model) {
        return labelling.joiner().forgetModel(pending, model);
    }

    /** Writes what a step computed. */
    void write(final Changes changes) {
        pending.apply(changes);
    }

    /** {@code model}'s bookkeeping now, null when it has none (for the listener: nothing to take in). */
    ModelLabels stored(final String model) {
        return pending.labels(model);
    }

    /** {@code model}'s bookkeeping now. */
    ModelLabels labels(final String model) {
        return labelling.joiner().labels(pending, model);
    }

    /** {@code model}'s bookkeeping once {@code unwritten}, changes not written yet, are. */
    ModelLabels labels(final String model, final Changes unwritten) {
        if (!unwritten.labels().containsKey(model)) {
            return labels(model);
        }
        final ModelLabels changed = unwritten.labels().get(model);
        return changed != null
                ? changed
                : ModelLabels.none(labelling.joiner().settings().window());
    }
}
