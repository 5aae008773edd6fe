package io.onlinelearner.schedule;

/**
 * The plateau schedule's memory between rounds, stored with the model.
 *
 * @param best            the best round loss since the start, last resume or last reset; +∞ before the first
 * @param waited          rounds without improvement counted towards {@code patience}
 * @param cooldownCounter rounds of cooldown still to run
 */
public record PlateauState(double best, int waited, int cooldownCounter) {

    /** The state before any round: best +∞, nothing waited, no cooldown. */
    public static final PlateauState INITIAL = new PlateauState(Double.POSITIVE_INFINITY, 0, 0);
}
