package io.onlinelearner.metrics;

import io.onlinelearner.learner.ModelState;
import java.util.List;

/**
 * What the live page shows of one model: its latest state, its bounded loss history, how many
 * predictions it answered, and the marks of what happened to it. A resume from the best snapshot
 * or a reset sets the model's update and round counts back; the curves' x axes go on counting
 * instead: a curve's x is the model's count plus its shift.
 *
 * @param model       the model id
 * @param view        the model's latest state seen by this instance, copied
 * @param trainEvery  the current sampling stride of the training-loss curve, in updates
 * @param trainX      the steps (updates plus {@code trainShift}) at which the training loss was sampled
 * @param trainLoss   the training loss (exponentially weighted mean) at those steps
 * @param rounds      the rounds (plus {@code roundShift}) whose loss is kept
 * @param roundLoss   those rounds' losses
 * @param predictions predictions answered for the model by this instance
 * @param trainShift  what to add to the state's update counts to place them on the training curve
 * @param roundShift  what to add to the state's round numbers to place them on the round curve
 * @param markers     the latest events, oldest first
 * @param served      the served-loss curve and label counts, or null for a model without labels
 *                    (labels that come later off, or no request with an id or label seen yet)
 */
public record ModelHistory(
        String model,
        ModelView view,
        long trainEvery,
        long[] trainX,
        double[] trainLoss,
        long[] rounds,
        double[] roundLoss,
        long predictions,
        long trainShift,
        long roundShift,
        List<Marker> markers,
        Served served) {

    /** A history of {@code state} (copied) without predictions, shifts or markers. */
    public ModelHistory(
            final String model,
            final ModelState state,
            final long trainEvery,
            final long[] trainX,
            final double[] trainLoss,
            final long[] rounds,
            final double[] roundLoss) {
        this(
                model,
                ModelView.of(model, state),
                trainEvery,
                trainX,
                trainLoss,
                rounds,
                roundLoss,
                0L,
                0L,
                0L,
                List.of(),
                null);
    }

    /** Copies the markers. */
    public ModelHistory {
        markers = List.copyOf(markers);
    }

    /**
     * What labels that come later show of the model: the mean served loss after each count of
     * joined labels kept (decimated as the other curves), the mean now and the requests remembered.
     *
     * @param joined  counts of joined labels
     * @param loss    the mean served loss (over {@code learner.labels.window}) after that many
     * @param mean    the mean served loss now, NaN before the first outcome
     * @param pending the requests the model remembers now
     */
    public record Served(long[] joined, double[] loss, double mean, long pending) {}

    /**
     * One event drawn on the curves.
     *
     * @param event  the event's name, e.g. {@code LR_CHANGED}
     * @param cause  its cause, e.g. {@code plateau}
     * @param step   where it happened on the training curve
     * @param round  where it happened on the round curve (a round's end, or half-way after the last round)
     * @param lr     the learning rate after it
     */
    public record Marker(String event, String cause, long step, double round, double lr) {}
}
