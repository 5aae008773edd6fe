package io.onlinelearner.model;

import java.util.Arrays;

/**
 * The features of one record, in one of the two shapes the learner reads: a dense vector
 * {@code "x": [...]} ({@link Dense}), or named features hashed into {@code 2^bits} buckets
 * ({@link HashedFeatures}, with {@code learner.features.mode=hashed}). Sealed: the learner's
 * code that tells them apart names both, and a third shape would be a compile error there.
 */
public sealed interface FeatureVector permits FeatureVector.Dense, HashedFeatures {

    /** The number of features the record gives: the dense dimension, or the distinct hashed indices. */
    int size();

    /**
     * A dense vector {@code x}, finite, with at least one feature.
     *
     * @param x the values; never written after construction
     */
    record Dense(double[] x) implements FeatureVector {

        @Override
        public int size() {
            return x.length;
        }

        @Override
        public boolean equals(final Object other) {
            return other instanceof Dense that && Arrays.equals(x, that.x);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(x);
        }

        @Override
        public String toString() {
            return Arrays.toString(x);
        }
    }
}
