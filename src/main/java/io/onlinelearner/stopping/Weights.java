package io.onlinelearner.stopping;

import io.onlinelearner.features.SparseWeights;
import io.onlinelearner.model.DoubleVector;
import io.onlinelearner.model.FeatureVector;
import io.onlinelearner.model.HashedFeatures;
import io.onlinelearner.model.LinearModel;

/**
 * A model's parameters in one of the two layouts the learner keeps: a dense flat vector
 * {@code θ = [w, b]} ({@link Dense}), or the weights of the touched indices of a hashed model and
 * its bias ({@link Sparse}). Sealed, so that the few places that tell them apart (the learner's
 * step, the serde, the JSON) name both. Both are values.
 */
public sealed interface Weights permits Weights.Dense, Weights.Sparse {

    /**
     * {@code ŷ = w·x + b} for {@code x} of the matching shape.
     *
     * @throws IllegalArgumentException when {@code x} has the other shape
     */
    double predict(FeatureVector x, boolean intercept);

    /** The number of stored parameters: θ's length, or the touched indices (the bias not counted). */
    int size();

    /** True when every stored parameter is finite. */
    boolean isFinite();

    /**
     * Dense parameters.
     *
     * @param theta the weights, then the bias when there is one
     */
    record Dense(DoubleVector theta) implements Weights {

        @Override
        public double predict(final FeatureVector x, final boolean intercept) {
            if (x instanceof FeatureVector.Dense dense) {
                return LinearModel.predict(theta.readOnlyArray(), dense.x(), intercept);
            }
            throw new IllegalArgumentException("hashed features for a dense model");
        }

        @Override
        public int size() {
            return theta.length();
        }

        @Override
        public boolean isFinite() {
            return theta.isFinite();
        }
    }

    /**
     * The parameters of a hashed model.
     *
     * @param weights the touched indices' weights and the bias
     */
    record Sparse(SparseWeights weights) implements Weights {

        @Override
        public double predict(final FeatureVector x, final boolean intercept) {
            if (x instanceof HashedFeatures hashed) {
                return weights.predict(hashed, intercept);
            }
            throw new IllegalArgumentException("a dense vector for a hashed model");
        }

        @Override
        public int size() {
            return weights.size();
        }

        @Override
        public boolean isFinite() {
            return weights.isFinite();
        }
    }
}
