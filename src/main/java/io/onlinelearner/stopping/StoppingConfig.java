package io.onlinelearner.stopping;

import java.util.OptionalDouble;

/**
 * Early-stopping settings, with Keras 3 {@code EarlyStopping}'s meaning: one round of
 * {@code validationWindow} scored records is one epoch, the monitored value is the round's mean
 * loss, and lower is better.
 *
 * @param validationWindow scored validation records per round; at least 1
 * @param patience         rounds without improvement before stopping; 0 or more
 * @param minDelta         an improvement must beat the best by more than |minDelta|
 * @param baseline         when present, {@code wait} resets only on rounds that also beat it
 * @param warmupRounds     rounds ignored at the start ({@code start_from_epoch})
 * @param restoreBest      freeze the best snapshot (true) or the parameters at the stop (false)
 */
public record StoppingConfig(
        int validationWindow,
        int patience,
        double minDelta,
        OptionalDouble baseline,
        int warmupRounds,
        boolean restoreBest) {

    /** Checks every value. */
    public StoppingConfig {
        if (validationWindow < 1) {
            throw new IllegalArgumentException("validationWindow = " + validationWindow + ": must be >= 1");
        }
        if (patience < 0) {
            throw new IllegalArgumentException("patience = " + patience + ": must be >= 0");
        }
        if (!Double.isFinite(minDelta)) {
            throw new IllegalArgumentException("minDelta = " + minDelta + ": must be finite");
        }
        if (baseline == null || baseline.isPresent() && !Double.isFinite(baseline.getAsDouble())) {
            throw new IllegalArgumentException("baseline = " + baseline + ": must be finite or empty");
        }
        if (warmupRounds < 0) {
            throw new IllegalArgumentException("warmupRounds = " + warmupRounds + ": must be >= 0");
        }
    }
}
