package io.onlinelearner.learner;

import io.onlinelearner.model.DoubleVector;
import io.onlinelearner.model.ModelSpec;
import io.onlinelearner.stopping.Checkpoint;

/**
 * The state of a model before its first record, as the settings define it: used for a model seen
 * for the first time and for a reset.
 *
 * @param model   what a new model looks like
 * @param amsgrad whether Adam keeps {@code vmax}
 * @param lr      every model's initial learning rate
 */
record InitialStates(ModelSpec model, boolean amsgrad, double lr) {

    /** The initial parameters of a model of dimension {@code d}: no updates, no lineage. */
    Checkpoint parameters(final int d) {
        return new Checkpoint(DoubleVector.wrap(model.initialParameters(d)), 0L, null);
    }

    /** The state of a model of dimension {@code d} before its first record. */
    ModelState of(final int d) {
        return ModelState.initial(d, model.intercept(), parameters(d), amsgrad, lr);
    }
}
