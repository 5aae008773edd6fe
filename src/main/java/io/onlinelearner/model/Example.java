package io.onlinelearner.model;

import java.util.Objects;

/**
 * One parsed record: the features and the label {@code y}. Values are finite, and there is at
 * least one feature; the parsers guarantee both.
 *
 * @param features the features: a dense vector, or hashed named features
 * @param y        the label
 */
public record Example(FeatureVector features, double y) {

    /** Checks that there are features. */
    public Example {
        Objects.requireNonNull(features, "features");
    }

    /** A dense example {@code {"x": x, "y": y}}. */
    public Example(final double[] x, final double y) {
        this(new FeatureVector.Dense(x), y);
    }

    /**
     * The dense vector {@code x}.
     *
     * @throws IllegalStateException for hashed features, which have no dense vector
     */
    public double[] x() {
        return Dense.of(features);
    }

    /** The number of features (the dimension of a dense example). */
    public int dimension() {
        return features.size();
    }

    /** The dense vector of {@code features}, or a refusal naming the shape: shared by examples and requests. */
    static final class Dense {
        private Dense() {}

        static double[] of(final FeatureVector features) {
            if (features instanceof FeatureVector.Dense dense) {
                return dense.x();
            }
            throw new IllegalStateException("hashed features have no dense vector x");
        }
    }
}
