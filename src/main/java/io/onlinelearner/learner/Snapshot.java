package io.onlinelearner.learner;

import io.onlinelearner.model.Position;
import io.onlinelearner.stopping.Checkpoint;
import io.onlinelearner.stopping.Weights;

/**
 * A model as published on the {@code models} topic and by {@code GET /models/{id}}. For a stopped
 * model, {@code weights}, {@code bias}, {@code updates} and {@code trainedThrough} are the frozen
 * parameters'. Absent values (no round yet, no best yet) are null.
 *
 * @param model          the model id
 * @param status         TRAINING or STOPPED
 * @param updates        updates absorbed by the published parameters
 * @param features       the dimension d ({@code 2^hash-bits} for a hashed model)
 * @param weights        the published weights without the bias: dense, or a hashed model's touched indices
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
        Weights weights,
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
                PublishedParameters.weights(published, state.features()),
                PublishedParameters.bias(published, state.features(), state.intercept()),
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

    /**
     * The dense weights as an array.
     *
     * @throws IllegalStateException for a hashed model
     */
    public double[] denseWeights() {
        if (weights instanceof Weights.Dense dense) {
            return dense.theta().toArray();
        }
        throw new IllegalStateException("a hashed model's weights are sparse");
    }
}
