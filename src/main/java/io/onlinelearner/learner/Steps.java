package io.onlinelearner.learner;

import io.onlinelearner.features.SparseAdam;
import io.onlinelearner.model.DoubleVector;
import io.onlinelearner.model.FeatureVector;
import io.onlinelearner.model.HashedFeatures;
import io.onlinelearner.model.LinearModel;
import io.onlinelearner.model.Position;
import io.onlinelearner.model.RecordRejectedException;
import io.onlinelearner.model.RejectionReason;
import io.onlinelearner.optim.Adam;
import io.onlinelearner.optim.AdamUpdate;
import io.onlinelearner.stopping.Checkpoint;
import io.onlinelearner.stopping.Weights;

/**
 * The learner's one optimiser step, chosen by the layout of the state: lazy Adam
 * ({@link SparseAdam}) for a hashed model, Adam for a dense one (a hashed model's feature texts are
 * kept apart from its state, by the stream processor). Pure; every new state is complete and checked finite before it is returned.
 */
final class Steps {

    private final Adam adam;
    private final SparseAdam sparseAdam;

    /** Steps with these optimisers. */
    Steps(final Adam adam, final SparseAdam sparseAdam) {
        this.adam = adam;
        this.sparseAdam = sparseAdam;
    }

    /**
     * One step from the live parameters with the record's {@code dL/dŷ}: lazy Adam for a hashed
     * model, Adam for a dense one. The new state is
     * computed whole and checked finite before it is returned.
     */
    ModelState step(
            final ModelState model,
            final FeatureVector x,
            final double dLoss,
            final double loss,
            final Position position) {
        final long updates = model.updates() + 1;
        if (model.live().weights() instanceof Weights.Sparse sparse
                && model.moments() instanceof LazyMoments lazy
                && x instanceof HashedFeatures hashed) {
            final SparseAdam.Step step =
                    sparseAdam.step(model.lr(), sparse.weights(), lazy.moments(), hashed, dLoss, model.intercept());
            if (!step.isFinite()) {
                throw nonFinite();
            }
            return model.afterStep(
                    new Checkpoint(new Weights.Sparse(step.weights()), updates, position),
                    new LazyMoments(step.moments()),
                    loss);
        }
        final double[] theta = model.live().theta().readOnlyArray();
        final AdamUpdate update = adam.step(
                model.lr(),
                theta,
                LinearModel.gradient(dLoss, ((FeatureVector.Dense) x).x(), model.intercept()),
                model.adam());
        if (!update.isFinite()) {
            throw nonFinite();
        }
        return model.afterStep(
                new Checkpoint(DoubleVector.wrap(update.parameters()), updates, position),
                Moments.adopt(update.state()),
                loss);
    }

    private static RecordRejectedException nonFinite() {
        return new RecordRejectedException(
                RejectionReason.NON_FINITE_UPDATE, "the update would make a parameter or a moment non-finite");
    }
}
