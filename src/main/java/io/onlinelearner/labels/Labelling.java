package io.onlinelearner.labels;

import io.onlinelearner.learner.Learner;
import io.onlinelearner.learner.ModelState;
import io.onlinelearner.learner.Outcome;
import io.onlinelearner.learner.Prediction;
import io.onlinelearner.model.Example;
import io.onlinelearner.model.Label;
import io.onlinelearner.model.Position;
import io.onlinelearner.model.PredictRequest;
import io.onlinelearner.model.RecordRejectedException;

/**
 * The learner with labels that come later: a prediction request is answered and, when it has an
 * {@code id}, remembered; a label joins its request, yields the outcome of the served prediction,
 * and its example goes through the learner as a validation record (the holdout) or a training
 * one. Pure: it reads the model's state and what the task remembers, and returns everything to
 * write and forward; nothing is written before every check has passed.
 */
public final class Labelling {

    private final Learner learner;
    private final LabelJoiner joiner;

    /** Labels for {@code learner}'s models, joined by {@code joiner}'s rules. */
    public Labelling(final Learner learner, final LabelJoiner joiner) {
        this.learner = learner;
        this.joiner = joiner;
    }

    /** The join rules. */
    public LabelJoiner joiner() {
        return joiner;
    }

    /**
     * Answers a prediction request as {@link Learner#predict} does, and remembers it when it has an
     * {@code id}.
     *
     * @param state      the model's state, or null for a model with none
     * @param timestamp  the request's record timestamp
     * @param sequence   its arrival order in the task
     * @param streamTime the task's stream time
     * @throws RecordRejectedException when {@code x} does not fit the model
     */
    public Served predict(
            final ModelState state,
            final PendingView pending,
            final String model,
            final PredictRequest request,
            final long timestamp,
            final long sequence,
            final long streamTime) {
        final Prediction prediction = learner.predict(state, request);
        final Remembered remembered = Remembered.of(request, prediction, timestamp, sequence);
        final Changes changes =
                remembered == null ? Changes.NONE : joiner.remember(pending, model, remembered, streamTime);
        return new Served(prediction, changes);
    }

    /**
     * Joins a label to its remembered request, then hands the example to the learner: as a
     * validation record when it is the model's k-th, 2k-th … joined label, else as a training
     * record with lineage {@code position}.
     *
     * @param state      the model's state, or null for a model with none
     * @param timestamp  the label's record timestamp
     * @param streamTime the task's stream time
     * @param position   where the label sits: the lineage of an update it makes
     * @throws RecordRejectedException for a bad label, a label that joins nothing, or an example the
     *                                 learner rejects (then nothing is written, the request stays remembered)
     */
    public Labelled label(
            final ModelState state,
            final PendingView pending,
            final String model,
            final Label label,
            final long timestamp,
            final long streamTime,
            final Position position) {
        final LabelJoiner.Joined joined = joiner.join(pending, model, label, timestamp, streamTime);
        final Outcome learned = joined.validates()
                ? learner.validate(state, joined.example())
                : learner.train(state, joined.example(), position);
        return new Labelled(
                joined.outcome(), learned, joined.example(), joined.validates(), joined.labels(), joined.changes());
    }

    /**
     * A prediction request answered.
     *
     * @param prediction the answer
     * @param changes    what to remember (nothing for a request without an id)
     */
    public record Served(Prediction prediction, Changes changes) {}

    /**
     * A label joined and learned from.
     *
     * @param outcome   the record for {@code outcomes}, forwarded before the learner's effects
     * @param learned   what the example did to the model
     * @param example   the example learned from: the remembered request's features and the label
     * @param validated true when the example was held out for validation
     * @param labels    the model's label bookkeeping afterwards
     * @param changes   the writes to what the task remembers
     */
    public record Labelled(
            ServedOutcome outcome,
            Outcome learned,
            Example example,
            boolean validated,
            ModelLabels labels,
            Changes changes) {}
}
