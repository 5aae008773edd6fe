package io.onlinelearner.learner;

import io.onlinelearner.features.SparseWeights;
import io.onlinelearner.model.DoubleVector;
import io.onlinelearner.model.ModelSpec;
import io.onlinelearner.stopping.Checkpoint;
import io.onlinelearner.stopping.Weights;

/**
 * The state of a model before its first record, as the settings define it: used for a model seen
 * for the first time and for a reset.
 *
 * @param model   what a new model looks like
 * @param amsgrad whether Adam keeps {@code vmax}
 * @param lr      every model's initial learning rate
 * @param hashed  true for named features: sparse weights (only the bias stored) and lazy Adam's moments
 */
record InitialStates(ModelSpec model, boolean amsgrad, double lr, boolean hashed) {

    /** The initial parameters of a model of dimension {@code d}: no updates, no lineage. */
    Checkpoint parameters(final int d) {
        if (hashed) {
            final double bias = model.intercept() ? model.initialBias() : 0.0;
            return new Checkpoint(new Weights.Sparse(SparseWeights.ofBias(bias)), 0L, null);
        }
        return new Checkpoint(DoubleVector.wrap(model.initialParameters(d)), 0L, null);
    }

    /** The state of a model of dimension {@code d} before its first record. */
    ModelState of(final int d) {
        return hashed
                ? ModelState.of(d, model.intercept(), parameters(d), LazyMoments.ZERO, lr)
                : ModelState.initial(d, model.intercept(), parameters(d), amsgrad, lr);
    }
}
