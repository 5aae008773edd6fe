package io.onlinelearner.schedule;

/**
 * Learning rate on plateau, with Keras 3 {@code ReduceLROnPlateau}'s meaning: one round is one
 * epoch, the monitored value is the round's mean loss, lower is better. The schedule is off when
 * the configuration holds no {@code PlateauConfig} at all.
 *
 * @param factor   the learning rate is multiplied by this on a plateau; in (0, 1)
 * @param patience rounds without improvement before the rate drops; 0 or more
 * @param minDelta an improvement must beat the best by more than this; 0 or more
 * @param cooldown rounds after a drop during which no plateau is counted; 0 or more
 * @param minLr    the rate never drops below this; 0 or more
 */
public record PlateauConfig(double factor, int patience, double minDelta, int cooldown, double minLr) {

    /** Checks every value. */
    public PlateauConfig {
        if (!(factor > 0.0 && factor < 1.0)) {
            throw new IllegalArgumentException("factor = " + factor + ": must be in (0, 1)");
        }
        if (patience < 0) {
            throw new IllegalArgumentException("patience = " + patience + ": must be >= 0");
        }
        if (!(minDelta >= 0.0) || !Double.isFinite(minDelta)) {
            throw new IllegalArgumentException("minDelta = " + minDelta + ": must be finite and >= 0");
        }
        if (cooldown < 0) {
            throw new IllegalArgumentException("cooldown = " + cooldown + ": must be >= 0");
        }
        if (!(minLr >= 0.0) || !Double.isFinite(minLr)) {
            throw new IllegalArgumentException("minLr = " + minLr + ": must be finite and >= 0");
        }
    }
}
