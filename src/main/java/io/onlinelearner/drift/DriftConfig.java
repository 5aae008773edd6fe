package io.onlinelearner.drift;

/**
 * The one-sided Page-Hinkley drift test on training losses, and what to do when it fires. Drift
 * detection is off when the configuration holds no {@code DriftConfig} at all.
 *
 * @param minInstances losses seen since the last (re-)arming before the test may fire; at least 1
 * @param delta        the magnitude of change tolerated; finite and 0 or more
 * @param threshold    the statistic at which the test fires; finite and > 0
 * @param alpha        the forgetting factor of the cumulative sum; in (0, 1]
 * @param action       what happens to the model when the test fires
 */
public record DriftConfig(int minInstances, double delta, double threshold, double alpha, DriftAction action) {

    /** Checks every value. */
    public DriftConfig {
        if (minInstances < 1) {
            throw new IllegalArgumentException("minInstances = " + minInstances + ": must be >= 1");
        }
        if (!(delta >= 0.0) || !Double.isFinite(delta)) {
            throw new IllegalArgumentException("delta = " + delta + ": must be finite and >= 0");
        }
        if (!(threshold > 0.0) || !Double.isFinite(threshold)) {
            throw new IllegalArgumentException("threshold = " + threshold + ": must be finite and > 0");
        }
        if (!(alpha > 0.0 && alpha <= 1.0)) {
            throw new IllegalArgumentException("alpha = " + alpha + ": must be in (0, 1]");
        }
        if (action == null) {
            throw new IllegalArgumentException("action must be set");
        }
    }
}
