package io.onlinelearner.model;

import java.util.Arrays;

/**
 * One parsed record of the {@code predict} topic: the features to predict for, and the caller's
 * {@code id} to echo back. Values are finite and {@code x} has at least one feature.
 *
 * @param x      the features
 * @param idJson the {@code id} as the JSON text to echo (e.g. {@code "req-1"} with its quotes, or
 *               {@code 3.5}); null when the record had none
 */
public record PredictRequest(double[] x, String idJson) {

    /** The number of features. */
    public int dimension() {
        return x.length;
    }

    @Override
    public boolean equals(final Object other) {
        return other instanceof PredictRequest that
                && Arrays.equals(x, that.x)
                && java.util.Objects.equals(idJson, that.idJson);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(x) + java.util.Objects.hashCode(idJson);
    }

    @Override
    public String toString() {
        return "PredictRequest[x=" + Arrays.toString(x) + ", id=" + idJson + "]";
    }
}
