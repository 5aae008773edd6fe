package io.onlinelearner.metrics;

import io.onlinelearner.labels.ModelLabels;
import io.onlinelearner.learner.ControlEvent;
import io.onlinelearner.learner.ModelState;
import io.onlinelearner.learner.ModelStatus;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/**
 * What {@link LearnerObservations} keeps about one model: its status and best loss, and, for a model
 * with its own series, the latest state's scalars and a copy of what the live page shows of it
 * ({@link ModelView}), the bounded curves, the
 * predictions answered and the latest events for the live page. A model counted only in totals
 * holds no state, curves, events or prediction count, so memory for models beyond
 * {@code learner.metrics.max-models} stays about a hundred bytes each whatever their dimension.
 *
 * <p>Each accessor is what one per-model meter of {@link LearnerMeterBinder#PER_MODEL} reads. A new
 * observation is one accessor here (reading the latest state, or one field this track keeps, such
 * as a count) and one line there.
 */
final class ModelTrack {

    /** Events kept per model for the live page. */
    static final int MARKERS = 64;
    /** The partition of a model whose records came through no task's listener. */
    static final int NO_PARTITION = -1;

    private final String model;
    private final DecimatingSeries train;
    private final DecimatingSeries rounds;
    private final DecimatingSeries served;
    private final LongAdder predictions;
    private final ArrayDeque<ModelHistory.Marker> markers;
    private volatile ModelState state;
    private volatile ModelStatus status;
    private volatile double best = Double.NaN;
    private volatile double servedLoss = Double.NaN;
    private volatile ModelLabels latestLabels;
    private volatile long pending;
    private volatile boolean labelled;
    private volatile long trainShift;
    private volatile long roundShift;
    private volatile int partition = NO_PARTITION;

    private ModelTrack(
            final String model,
            final DecimatingSeries train,
            final DecimatingSeries rounds,
            final DecimatingSeries served) {
        this.model = model;
        this.train = train;
        this.rounds = rounds;
        this.served = served;
        this.predictions = train == null ? null : new LongAdder();
        this.markers = train == null ? null : new ArrayDeque<>();
    }

    /** A model with its own series and history. */
    static ModelTrack withSeries(final String model, final int points, final long trainEvery) {
        return new ModelTrack(
                model,
                new DecimatingSeries(points, trainEvery),
                new DecimatingSeries(points, 1),
                new DecimatingSeries(points, 1));
    }

    /** A model counted only in totals. */
    static ModelTrack totalsOnly(final String model) {
        return new ModelTrack(model, null, null, null);
    }

    String model() {
        return model;
    }

    /**
     * Takes in the model's label bookkeeping when it has its own series; a model counted only in
     * totals takes in nothing, since none of its label meters exists. The mean served loss (a sum
     * over the served-loss window) is computed only when read ({@link #servedLoss()}, at a scrape or
     * for the live page) and for the points the served-loss curve keeps, not at every label. The
     * track holds the latest bookkeeping for that, its window included (up to {@code
     * learner.labels.window} losses, about 10 KB at the default 1,000), for each of the at most
     * {@code learner.metrics.max-models} models with a series.
     */
    void labels(final ModelLabels labels) {
        if (served == null) {
            return;
        }
        latestLabels = labels;
        pending = labels.pending();
        labelled = true;
        if (served.samples(labels.joined())) {
            served.offer(labels.joined(), labels.servedLoss());
        }
    }

    /**
     * Takes in the model's label counts: the mean served loss (NaN before the first outcome), the
     * requests remembered and the labels joined so far; the served-loss curve gets the mean at that
     * count of joined labels.
     */
    void labels(final double meanServedLoss, final long remembered, final long joined) {
        servedLoss = meanServedLoss;
        latestLabels = null;
        pending = remembered;
        labelled = true;
        if (served != null) {
            served.offer(joined, meanServedLoss);
        }
    }

    /** The mean loss of the model's latest served predictions that got a label; NaN before the first. */
    double servedLoss() {
        final ModelLabels labels = latestLabels;
        return labels != null ? labels.servedLoss() : servedLoss;
    }

    /** The requests the model remembers, waiting for their label. */
    double pending() {
        return pending;
    }

    /** The input partition of the task that last handled the model; {@link #NO_PARTITION} before. */
    int partition() {
        return partition;
    }

    /** Notes that the task of input partition {@code handledIn} handled the model. */
    void handledIn(final int handledIn) {
        if (partition != handledIn) {
            partition = handledIn;
        }
    }

    /** The latest status; null before the first state. */
    ModelStatus status() {
        return status;
    }

    boolean hasSeries() {
        return train != null;
    }

    /**
     * The latest state; null for a model counted only in totals.
     */
    ModelState state() {
        return state;
    }

    /**
     * Takes in the model's new state and returns its status before (null for the first). When its
     * generation changed (a resume or a reset), the curves' shifts move so that they go on counting.
     */
    ModelStatus update(final ModelState next) {
        final ModelStatus previous = status;
        status = next.status();
        best = next.stopping().hasBest() ? next.stopping().best() : Double.NaN;
        if (train != null) {
            final ModelState before = state;
            if (before != null && before.generation() != next.generation()) {
                synchronized (this) {
                    trainShift = Math.max(trainShift, before.updates() + trainShift + 1 - next.updates());
                    roundShift = Math.max(roundShift, before.rounds() + roundShift - next.rounds());
                }
            }
            state = next;
        }
        return previous;
    }

    /**
     * Marks {@code event}, which led to the latest state, on the curves; {@code closedRound} when a
     * round's end caused it. An {@code IGNORED} event changed nothing and is not marked.
     */
    void mark(final ControlEvent event, final boolean closedRound) {
        if (train == null || event instanceof ControlEvent.Ignored) {
            return;
        }
        synchronized (this) {
            final ModelState s = state;
            final double round = s.rounds() + roundShift - (closedRound ? 1.0 : 0.5);
            markers.addLast(new ModelHistory.Marker(
                    event.event(), event.cause().wireName(), s.updates() + trainShift, round, s.lr()));
            while (markers.size() > MARKERS) {
                markers.removeFirst();
            }
        }
    }

    void sampleTraining(final ModelState s) {
        if (train != null) {
            train.offer(s.updates() + trainShift, s.trainLoss());
        }
    }

    void sampleRound(final ModelState s) {
        if (rounds != null) {
            rounds.offer(s.rounds() - 1L + roundShift, s.lastRoundLoss());
        }
    }

    void predicted() {
        if (predictions != null) {
            predictions.increment();
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

    double learningRate() {
        final ModelState s = state;
        return s == null ? Double.NaN : s.lr();
    }

    double driftStatistic() {
        final ModelState s = state;
        return s == null ? Double.NaN : s.drift().sum();
    }

    double nonFiniteLosses() {
        final ModelState s = state;
        return s == null ? 0.0 : s.counters().nonFiniteLosses();
    }

    /** The predictions answered; counted only for a model with its own series (0 for the others). */
    double predictions() {
        return predictions == null ? 0.0 : predictions.sum();
    }

    /** The history for the live page; only for a model with its own series. */
    ModelHistory history() {
        final DecimatingSeries.Points t = train.points();
        final DecimatingSeries.Points r = rounds.points();
        final ModelHistory.Served labels = labelled ? served(served.points()) : null;
        final ModelState latest = state;
        final ModelView view = latest == null ? null : ModelView.of(model, latest);
        synchronized (this) {
            // markers and shifts are read together, as written
            return new ModelHistory(
                    model,
                    view,
                    t.stride(),
                    t.xs(),
                    t.ys(),
                    r.xs(),
                    r.ys(),
                    predictions.sum(),
                    trainShift,
                    roundShift,
                    new ArrayList<>(markers),
                    labels);
        }
    }

    private ModelHistory.Served served(final DecimatingSeries.Points points) {
        return new ModelHistory.Served(points.xs(), points.ys(), servedLoss(), pending);
    }

    /** The markers kept now, oldest first. */
    synchronized List<ModelHistory.Marker> markers() {
        return markers == null ? List.of() : List.copyOf(markers);
    }
}
