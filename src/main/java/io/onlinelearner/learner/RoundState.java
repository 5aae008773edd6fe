package io.onlinelearner.learner;

/**
 * The validation rounds of one model: the open round's partial sums and the closed rounds' count.
 *
 * @param next       the next round's number (= rounds closed since the start or the last reset)
 * @param count      validation records scored into the open round
 * @param sum        the sum of their losses
 * @param lastLoss   the mean loss of the last closed round; NaN when none
 * @param sinceStart rounds closed since the model's start, last resume or last reset (for warm-up)
 */
public record RoundState(int next, int count, double sum, double lastLoss, int sinceStart) {

    /** No round yet. */
    public static final RoundState INITIAL = new RoundState(0, 0, 0.0, Double.NaN, 0);

    /** One more record scored into the open round. */
    public RoundState scored(final double loss) {
        return new RoundState(next, count + 1, sum + loss, lastLoss, sinceStart);
    }

    /** The open round closed with mean loss {@code loss}; a new one opens. */
    public RoundState closed(final double loss) {
        return new RoundState(next + 1, 0, 0.0, loss, sinceStart + 1);
    }

    /** After a resume: the open round's partial sums dropped, numbers go on, warm-up counts again. */
    public RoundState resumed() {
        return new RoundState(next, 0, 0.0, lastLoss, 0);
    }

    /** The last closed round's number, or null when none closed since the start or the last reset. */
    public Integer last() {
        return next > 0 ? next - 1 : null;
    }
}
