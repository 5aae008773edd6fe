package io.onlinelearner.learner;

/**
 * What the learner counts about a model for operators, beyond the algorithm itself.
 *
 * @param skipped         training records not applied because the model had stopped
 * @param trainLoss       an exponentially weighted mean of the training loss; NaN before the first
 * @param nonFiniteLosses training records whose loss under the parameters in force was not finite,
 *                        so that the drift detector did not take them in
 */
public record Counters(long skipped, double trainLoss, long nonFiniteLosses) {

    /** Nothing counted yet. */
    public static final Counters INITIAL = new Counters(0L, Double.NaN, 0L);

    /** Weight of the newest training loss in the exponentially weighted mean. */
    public static final double TRAIN_LOSS_SMOOTHING = 0.01;

    /** One training record applied with loss {@code loss}; a loss that is not finite leaves the mean as it is. */
    public Counters trained(final double loss) {
        if (!Double.isFinite(loss)) {
            return this;
        }
        final double mean = Double.isNaN(trainLoss) ? loss : trainLoss + TRAIN_LOSS_SMOOTHING * (loss - trainLoss);
        return new Counters(skipped, mean, nonFiniteLosses);
    }

    /** One training record skipped by a stopped model. */
    public Counters skippedOne() {
        return new Counters(skipped + 1, trainLoss, nonFiniteLosses);
    }

    /** One training record whose loss was not finite, kept from the drift detector. */
    public Counters nonFiniteLoss() {
        return new Counters(skipped, trainLoss, nonFiniteLosses + 1);
    }

    /** After a reset: the loss curve starts over; records skipped or kept from the detector stay counted. */
    public Counters reset() {
        return new Counters(skipped, Double.NaN, nonFiniteLosses);
    }
}
