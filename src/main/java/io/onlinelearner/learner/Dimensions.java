package io.onlinelearner.learner;

import io.onlinelearner.features.HashingConfig;
import io.onlinelearner.model.FeatureVector;
import io.onlinelearner.model.HashedFeatures;
import io.onlinelearner.model.ModelSpec;
import io.onlinelearner.model.RecordRejectedException;
import io.onlinelearner.model.RejectionReason;
import io.onlinelearner.stopping.Weights;

/**
 * Whether a record's features fit a model: the layout (dense or hashed, as the learner runs) and,
 * for a dense record, its dimension and the largest accepted; a stored model of the other layout,
 * or of another {@code hash-bits}, is refused as {@code wrong-dimension} rather than misread.
 */
final class Dimensions {

    private final ModelSpec spec;
    private final HashingConfig hashing;

    /** The checks of {@code spec}'s models; {@code hashing} null for dense models. */
    Dimensions(final ModelSpec spec, final HashingConfig hashing) {
        this.spec = spec;
        this.hashing = hashing;
    }

    /**
     * Checks that {@code x} fits the model: its layout (dense or hashed) and, for a dense record,
     * its dimension; returns the model's dimension ({@code 2^hash-bits} for a hashed model).
     */
    int check(final ModelState state, final FeatureVector x) {
        if (hashing != null) {
            return checkHashed(state, x);
        }
        if (state != null && !(state.live().weights() instanceof Weights.Dense)) {
            throw new RecordRejectedException(
                    RejectionReason.WRONG_DIMENSION,
                    "the model is hashed (named features) and this learner reads dense records"
                            + " (learner.features.mode=dense)");
        }
        if (!(x instanceof FeatureVector.Dense)) {
            throw new IllegalArgumentException("named features for a dense learner");
        }
        final int dimension = x.size();
        if (dimension > spec.maxFeatures()) {
            throw new RecordRejectedException(
                    RejectionReason.TOO_MANY_FEATURES,
                    "x has " + dimension + " features, more than the maximum " + spec.maxFeatures());
        }
        final int expected =
                state != null ? state.features() : spec.fixedDimension().orElse(dimension);
        if (dimension != expected) {
            throw new RecordRejectedException(
                    RejectionReason.WRONG_DIMENSION,
                    "x has " + dimension + (dimension == 1 ? " feature" : " features") + ", the model has " + expected);
        }
        return expected;
    }

    private int checkHashed(final ModelState state, final FeatureVector x) {
        final int d = hashing.dimension();
        if (!(x instanceof HashedFeatures)) {
            throw new IllegalArgumentException("a dense record for a learner of named features");
        }
        if (state != null && !(state.live().weights() instanceof Weights.Sparse)) {
            throw new RecordRejectedException(
                    RejectionReason.WRONG_DIMENSION,
                    "the model is dense (d = " + state.features() + ") and this learner reads named features"
                            + " (learner.features.mode=hashed)");
        }
        if (state != null && state.features() != d) {
            throw new RecordRejectedException(
                    RejectionReason.WRONG_DIMENSION,
                    "the model has " + state.features() + " hashed weights, learner.features.hash-bits gives " + d);
        }
        return d;
    }
}
