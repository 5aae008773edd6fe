package io.onlinelearner.learner;

import io.onlinelearner.model.DoubleVector;
import io.onlinelearner.stopping.Checkpoint;
import io.onlinelearner.stopping.Weights;

/**
 * The weights and the bias of a checkpoint as snapshots and stop signals publish them: a dense
 * model's weights without the bias that ends its flat vector; a hashed model's touched indices
 * (its bias is kept apart already).
 */
final class PublishedParameters {

    private PublishedParameters() {}

    /** The weights of {@code checkpoint}, of a model of dimension {@code d}, without the bias. */
    static Weights weights(final Checkpoint checkpoint, final int d) {
        if (checkpoint.weights() instanceof Weights.Dense dense) {
            return new Weights.Dense(DoubleVector.wrap(dense.theta().head(d)));
        }
        return checkpoint.weights();
    }

    /** The bias of {@code checkpoint}; 0 without intercept. */
    static double bias(final Checkpoint checkpoint, final int d, final boolean intercept) {
        if (!intercept) {
            return 0.0;
        }
        if (checkpoint.weights() instanceof Weights.Sparse sparse) {
            return sparse.weights().bias();
        }
        return checkpoint.theta().get(d);
    }
}
