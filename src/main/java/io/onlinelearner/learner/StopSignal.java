package io.onlinelearner.learner;

import io.onlinelearner.stopping.Checkpoint;
import java.util.Arrays;

/**
 * The stop signal published on the {@code control} topic exactly once per stopped model.
 *
 * @param model        the model id
 * @param stoppedRound the round at which early stopping fired
 * @param bestRound    the best round, or null if no round ever improved
 * @param bestLoss     the best round's loss, or null
 * @param updates      the updates the frozen parameters had absorbed
 * @param weights      the frozen weights
 * @param bias         the frozen bias (0 without intercept)
 */
public record StopSignal(
        String model,
        int stoppedRound,
        Integer bestRound,
        Double bestLoss,
        long updates,
        double[] weights,
        double bias) {

    /** The event name carried in the JSON. */
    public static final String EVENT = "STOPPED";

    /**
     * The signal for a model that has just stopped.
     *
     * @throws IllegalStateException when the model has not stopped
     */
    public static StopSignal of(final String model, final ModelState state) {
        if (state.frozen() == null) {
            throw new IllegalStateException("model " + model + " has not stopped");
        }
        final Checkpoint frozen = state.frozen();
        final boolean hasBest = state.stopping().hasBest();
        return new StopSignal(model, state.stoppedRound(), hasBest ? state.stopping().bestRound() : null,
                hasBest ? state.stopping().best() : null, frozen.updates(), frozen.theta().head(state.features()),
                state.intercept() ? frozen.theta().get(state.features()) : 0.0);
    }

    @Override
    public boolean equals(final Object other) {
        return other instanceof StopSignal that && model.equals(that.model) && stoppedRound == that.stoppedRound
                && java.util.Objects.equals(bestRound, that.bestRound)
                && java.util.Objects.equals(bestLoss, that.bestLoss) && updates == that.updates
                && Arrays.equals(weights, that.weights) && Double.compare(bias, that.bias) == 0;
    }

    @Override
    public int hashCode() {
        return model.hashCode() * 31 + Arrays.hashCode(weights);
    }

    @Override
    public String toString() {
        return "StopSignal[model=" + model + ", stoppedRound=" + stoppedRound + ", bestRound=" + bestRound
                + ", bestLoss=" + bestLoss + ", updates=" + updates + ", weights=" + Arrays.toString(weights)
                + ", bias=" + bias + "]";
    }
}
