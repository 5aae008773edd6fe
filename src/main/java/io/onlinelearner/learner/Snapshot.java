package io.onlinelearner.learner;

import io.onlinelearner.model.Position;
import io.onlinelearner.stopping.Checkpoint;
import java.util.Arrays;

/**
 * A model as published on the {@code models} topic and by {@code GET /models/{id}}. For a stopped
 * model, {@code weights}, {@code bias}, {@code updates} and {@code trainedThrough} are the frozen
 * parameters'. Absent values (no round yet, no best yet) are null.
 *
 * @param model          the model id
 * @param status         TRAINING or STOPPED
 * @param updates        updates absorbed by the published parameters
 * @param features       the dimension d
 * @param weights        the published weights
 * @param bias           the published bias (0 without intercept)
 * @param round          the last closed round since the start or the last reset, or null
 * @param roundLoss      that round's loss, or null
 * @param bestRound      the best round since the last start, resume or reset, or null
 * @param bestLoss       the best round's loss, or null
 * @param lr             the model's learning rate now
 * @param generation     the model's generation
 * @param trainedThrough the published parameters' lineage, or null before their first update
 */
public record Snapshot(
        String model,
        ModelStatus status,
        long updates,
        int features,
        double[] weights,
        double bias,
        Integer round,
        Double roundLoss,
        Integer bestRound,
        Double bestLoss,
        double lr,
        long generation,
        Position trainedThrough) {

    /** The snapshot of one model's state. */
    public static Snapshot of(final String model, final ModelState state) {
        final Checkpoint published = state.published();
        final Integer round = state.round().last();
        final boolean hasBest = state.stopping().hasBest();
        return new Snapshot(
                model,
                state.status(),
                published.updates(),
                state.features(),
                published.theta().head(state.features()),
                state.intercept() ? published.theta().get(state.features()) : 0.0,
                round,
                round != null ? finiteOrNull(state.lastRoundLoss()) : null,
                hasBest ? state.stopping().bestRound() : null,
                hasBest ? state.stopping().best() : null,
                state.lr(),
                state.generation(),
                published.trainedThrough());
    }

    private static Double finiteOrNull(final double value) {
        return Double.isFinite(value) ? value : null;
    }

    @Override
    public boolean equals(final Object other) {
        return other instanceof Snapshot that
                && model.equals(that.model)
                && status == that.status
                && updates == that.updates
                && features == that.features
                && Arrays.equals(weights, that.weights)
                && Double.compare(bias, that.bias) == 0
                && java.util.Objects.equals(round, that.round)
                && java.util.Objects.equals(roundLoss, that.roundLoss)
                && java.util.Objects.equals(bestRound, that.bestRound)
                && java.util.Objects.equals(bestLoss, that.bestLoss)
                && Double.compare(lr, that.lr) == 0
                && generation == that.generation
                && java.util.Objects.equals(trainedThrough, that.trainedThrough);
    }

    @Override
    public int hashCode() {
        return model.hashCode() * 31 + Arrays.hashCode(weights);
    }

    @Override
    public String toString() {
        return "Snapshot[model=" + model + ", status=" + status + ", updates=" + updates + ", weights="
                + Arrays.toString(weights) + ", bias=" + bias + ", round=" + round + ", roundLoss=" + roundLoss
                + ", bestRound=" + bestRound + ", bestLoss=" + bestLoss + ", lr=" + lr + ", generation="
                + generation + ", trainedThrough=" + trainedThrough + "]";
    }
}
