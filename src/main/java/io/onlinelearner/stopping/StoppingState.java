package io.onlinelearner.stopping;

/**
 * Early stopping's memory between rounds, as a plain value to be stored with the model.
 *
 * @param waited    rounds since the counter was last reset (Keras' {@code wait})
 * @param best      the best round loss so far; +∞ before the first improvement
 * @param bestRound the round of {@code best}; -1 before the first improvement
 * @param snapshot  the best snapshot; null until the first round after warm-up
 */
public record StoppingState(int waited, double best, int bestRound, Checkpoint snapshot) {

    /** The state before any round: nothing seen, best +∞. */
    public static final StoppingState INITIAL = new StoppingState(0, Double.POSITIVE_INFINITY, -1, null);

    /** True once some round improved on +∞. */
    public boolean hasBest() {
        return bestRound >= 0;
    }
}
