package io.onlinelearner.labels;

/**
 * One model's bookkeeping of labels that come later, a value changed by named transitions: how
 * many requests it remembers now, how many labels have joined (the count that decides the
 * holdout; never reset), and the losses of its latest outcomes.
 *
 * @param pending remembered requests now, >= 0
 * @param joined  labels joined so far, >= 0
 * @param served  the latest outcomes' losses
 */
public record ModelLabels(long pending, long joined, ServedLoss served) {

    /** Checks the counts. */
    public ModelLabels {
        if (pending < 0 || joined < 0) {
            throw new IllegalArgumentException("pending " + pending + " and joined " + joined + " must be >= 0");
        }
    }

    /** A model with no remembered request and no label yet. */
    public static ModelLabels none(final int window) {
        return new ModelLabels(0, 0, ServedLoss.empty(window));
    }

    /** One more request remembered. */
    public ModelLabels remembered() {
        return new ModelLabels(pending + 1, joined, served);
    }

    /** {@code n} requests forgotten without a label (expired, pushed out, replaced). */
    public ModelLabels forgotten(final long n) {
        return new ModelLabels(pending - n, joined, served);
    }

    /**
     * A label joined its request, whose served prediction had {@code loss}: the request is
     * forgotten; a loss that is not finite stays out of the mean served loss.
     */
    public ModelLabels joined(final double loss) {
        return new ModelLabels(pending - 1, joined + 1, Double.isFinite(loss) ? served.with(loss) : served);
    }

    /** The mean served loss over the window, or NaN before the first outcome. */
    public double servedLoss() {
        return served.mean();
    }
}
