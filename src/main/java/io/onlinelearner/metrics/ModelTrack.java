package io.onlinelearner.metrics;

import io.onlinelearner.learner.ModelState;
import io.onlinelearner.learner.ModelStatus;

/**
 * What {@link LearnerObservations} keeps about one model: its status and best loss, and, for a model
 * with its own series, the latest state (one volatile write per record) and the bounded curves
 * for the live page. A model counted only in totals holds no state, so memory for models beyond
 * {@code learner.metrics.max-models} stays a few dozen bytes each whatever their dimension.
 *
 * <p>Each accessor is what one per-model meter of {@link LearnerMeterBinder#PER_MODEL} reads. A new
 * observation is one accessor here (reading the latest state, or one field this track keeps, such
 * as a count) and one line there.
 */
final class ModelTrack {

    private final String model;
    private final DecimatingSeries train;
    private final DecimatingSeries rounds;
    private volatile ModelState state;
    private volatile ModelStatus status;
    private volatile double best = Double.NaN;

    private ModelTrack(final String model, final DecimatingSeries train, final DecimatingSeries rounds) {
        this.model = model;
        this.train = train;
        this.rounds = rounds;
    }

    /** A model with its own series and history. */
    static ModelTrack withSeries(final String model, final int points, final long trainEvery) {
        return new ModelTrack(model, new DecimatingSeries(points, trainEvery), new DecimatingSeries(points, 1));
    }

    /** A model counted only in totals. */
    static ModelTrack totalsOnly(final String model) {
        return new ModelTrack(model, null, null);
    }

    String model() {
        return model;
    }

    boolean hasSeries() {
        return train != null;
    }

    /** The latest state; null for a model counted only in totals. */
    ModelState state() {
        return state;
    }

    /** Takes in the model's new state and returns its status before (null for the first). */
    ModelStatus update(final ModelState next) {
        final ModelStatus previous = status;
        status = next.status();
        best = next.stopping().hasBest() ? next.stopping().best() : Double.NaN;
        if (train != null) {
            state = next;
        }
        return previous;
    }

    void sampleTraining(final ModelState s) {
        if (train != null) {
            train.offer(s.updates(), s.trainLoss());
        }
    }

    void sampleRound(final ModelState s) {
        if (rounds != null) {
            rounds.offer(s.rounds() - 1L, s.lastRoundLoss());
        }
    }

    double roundLoss() {
        final ModelState s = state;
        return s == null ? Double.NaN : s.lastRoundLoss();
    }

    double bestLoss() {
        return best;
    }

    double trainLoss() {
        final ModelState s = state;
        return s == null ? Double.NaN : s.trainLoss();
    }

    double patienceWait() {
        final ModelState s = state;
        return s == null ? Double.NaN : s.stopping().waited();
    }

    /** The history for the live page; only for a model with its own series. */
    ModelHistory history() {
        final DecimatingSeries.Points t = train.points();
        final DecimatingSeries.Points r = rounds.points();
        return new ModelHistory(model, state, t.stride(), t.xs(), t.ys(), r.xs(), r.ys());
    }
}
