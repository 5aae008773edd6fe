package io.onlinelearner.metrics;

import io.onlinelearner.learner.ModelState;

/**
 * What {@link LearnerMetrics} keeps about one model: the latest state (one volatile write per
 * record), and, for a model with its own series, the bounded curves for the live page.
 */
final class ModelTrack {

    private final String model;
    private final DecimatingSeries train;
    private final DecimatingSeries rounds;
    private volatile ModelState state;

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

    ModelState state() {
        return state;
    }

    /** Stores the new state and returns the one before (null for the first). */
    ModelState update(final ModelState next) {
        final ModelState previous = state;
        state = next;
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
        final ModelState s = state;
        return s == null || !s.stopping().hasBest() ? Double.NaN : s.stopping().best();
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
