package io.onlinelearner.drift;

/**
 * The Page-Hinkley test's memory between records, stored with the model.
 *
 * @param n     losses seen since the detector was (re-)armed
 * @param mean  their running mean
 * @param sum   the cumulative statistic
 * @param fired true when the last loss fired the test: the next one re-arms it first
 */
public record PageHinkleyState(long n, double mean, double sum, boolean fired) {

    /** The armed detector before any loss. */
    public static final PageHinkleyState INITIAL = new PageHinkleyState(0, 0.0, 0.0, false);

    /** True when the mean and the statistic are finite: the only states the learner keeps. */
    public boolean isFinite() {
        return Double.isFinite(mean) && Double.isFinite(sum);
    }
}
