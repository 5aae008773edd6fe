package io.onlinelearner.model;

import java.util.Objects;

/**
 * One parsed record of the {@code predict} topic: the features to predict for, and the caller's
 * {@code id} to echo back. Values are finite and there is at least one feature.
 *
 * @param features the features: a dense vector, or hashed named features
 * @param idJson   the {@code id} as the JSON text to echo (e.g. {@code "req-1"} with its quotes, or
 *                 {@code 3.5}); null when the record had none
 */
public record PredictRequest(FeatureVector features, String idJson) {

    /** Checks that there are features. */
    public PredictRequest {
        Objects.requireNonNull(features, "features");
    }

    /** A dense request {@code {"x": x, "id": idJson}}. */
    public PredictRequest(final double[] x, final String idJson) {
        this(new FeatureVector.Dense(x), idJson);
    }

    /**
     * The dense vector {@code x}.
     *
     * @throws IllegalStateException for hashed features, which have no dense vector
     */
    public double[] x() {
        return Example.Dense.of(features);
    }

    /** The number of features (the dimension of a dense request). */
    public int dimension() {
        return features.size();
    }
}
