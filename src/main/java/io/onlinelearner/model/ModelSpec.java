package io.onlinelearner.model;

import java.util.Arrays;
import java.util.OptionalInt;

/**
 * What a new model looks like: its dimension (fixed, or taken from the first valid record), its
 * intercept, its loss, its initial parameters, and the largest dimension accepted.
 *
 * @param features       the dimension d; empty to take it from the first valid record
 * @param intercept      whether the model has a bias term
 * @param loss           the loss trained and scored with
 * @param initialWeights the initial weights, or an empty array for zeros
 * @param initialBias    the initial bias (ignored without intercept)
 * @param maxFeatures    the largest dimension a record may have
 */
public record ModelSpec(
        OptionalInt features,
        boolean intercept,
        Loss loss,
        double[] initialWeights,
        double initialBias,
        int maxFeatures) {

    /** Checks that the values agree with each other. */
    public ModelSpec {
        if (maxFeatures < 1) {
            throw new IllegalArgumentException("maxFeatures = " + maxFeatures + ": must be >= 1");
        }
        if (features.isPresent() && (features.getAsInt() < 1 || features.getAsInt() > maxFeatures)) {
            throw new IllegalArgumentException(
                    "features = " + features.getAsInt() + ": must be in [1, " + maxFeatures + "]");
        }
        if (initialWeights.length > 0 && features.isPresent() && initialWeights.length != features.getAsInt()) {
            throw new IllegalArgumentException(
                    "initialWeights has " + initialWeights.length + " values but features = " + features.getAsInt());
        }
        if (initialWeights.length > maxFeatures) {
            throw new IllegalArgumentException(
                    "initialWeights has " + initialWeights.length + " values, more than maxFeatures = " + maxFeatures);
        }
        if (!Double.isFinite(initialBias) || Arrays.stream(initialWeights).anyMatch(w -> !Double.isFinite(w))) {
            throw new IllegalArgumentException("initial parameters must be finite");
        }
    }

    /** The fixed dimension, if any: {@code features}, or the length of {@code initialWeights}. */
    public OptionalInt fixedDimension() {
        return features.isPresent() || initialWeights.length == 0 ? features : OptionalInt.of(initialWeights.length);
    }

    /** The initial parameter vector for a model of dimension {@code d}: weights, then the bias. */
    public double[] initialParameters(final int d) {
        final double[] theta = new double[LinearModel.parameterCount(d, intercept)];
        if (initialWeights.length == d) {
            System.arraycopy(initialWeights, 0, theta, 0, d);
        }
        if (intercept) {
            theta[d] = initialBias;
        }
        return theta;
    }

    @Override
    public boolean equals(final Object other) {
        return other instanceof ModelSpec that
                && features.equals(that.features)
                && intercept == that.intercept
                && loss == that.loss
                && Arrays.equals(initialWeights, that.initialWeights)
                && Double.compare(initialBias, that.initialBias) == 0
                && maxFeatures == that.maxFeatures;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(initialWeights) * 31 + features.hashCode() + loss.hashCode() + maxFeatures;
    }

    @Override
    public String toString() {
        return "ModelSpec[features=" + features + ", intercept=" + intercept + ", loss=" + loss
                + ", initialWeights=" + Arrays.toString(initialWeights) + ", initialBias=" + initialBias
                + ", maxFeatures=" + maxFeatures + "]";
    }
}
