package io.onlinelearner.learner;

/**
 * What the learner counts about a model for operators, beyond the algorithm itself.
 *
 * @param skipped   training records not applied because the model had stopped
 * @param trainLoss an exponentially weighted mean of the training loss; NaN before the first
 */
public record Counters(long skipped, double trainLoss) {

    /** Nothing counted yet. */
    public static final Counters INITIAL = new Counters(0L, Double.NaN);

    /** Weight of the newest training loss in the exponentially weighted mean. */
    public static final double TRAIN_LOSS_SMOOTHING = 0.01;

    /** One training record applied with loss {@code loss}. */
    public Counters trained(final double loss) {
        if (!Double.isFinite(loss)) {
            return this;
        }
        final double mean = Double.isNaN(trainLoss) ? loss : trainLoss + TRAIN_LOSS_SMOOTHING * (loss - trainLoss);
        return new Counters(skipped, mean);
    }

    /** One training record skipped by a stopped model. */
    public Counters skippedOne() {
        return new Counters(skipped + 1, trainLoss);
    }

    /** After a reset: the loss curve starts over; skipped records stay counted. */
    public Counters reset() {
        return new Counters(skipped, Double.NaN);
    }
}
