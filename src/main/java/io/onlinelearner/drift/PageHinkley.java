package io.onlinelearner.drift;

/**
 * The one-sided Page-Hinkley test on a stream of losses, detecting an increase of their mean:
 *
 * <pre>
 * on each loss x:
 *   if fired: n ← 0; mean ← 0; sum ← 0; fired ← false          # re-armed after a detection
 *   n ← n + 1
 *   mean ← mean + (x − mean) / n
 *   sum ← max(0, alpha · sum + (x − mean − delta))
 *   fired ← n ≥ minInstances and sum ≥ threshold
 * </pre>
 *
 * A pure function of its inputs; the state lives with the model.
 */
public final class PageHinkley {

    private final DriftConfig config;

    /** The test with the given settings. */
    public PageHinkley(final DriftConfig config) {
        this.config = config;
    }

    /** The settings in force. */
    public DriftConfig config() {
        return config;
    }

    /**
     * Feeds one loss.
     *
     * @param state the detector's state before it
     * @param loss  the loss
     * @return the state after it; {@link PageHinkleyState#fired()} says whether the test fired
     */
    public PageHinkleyState update(final PageHinkleyState state, final double loss) {
        final PageHinkleyState armed = state.fired() ? PageHinkleyState.INITIAL : state;
        final long n = armed.n() + 1;
        final double mean = armed.mean() + (loss - armed.mean()) / n;
        final double sum = Math.max(0.0, config.alpha() * armed.sum() + (loss - mean - config.delta()));
        return new PageHinkleyState(n, mean, sum, n >= config.minInstances() && sum >= config.threshold());
    }
}
