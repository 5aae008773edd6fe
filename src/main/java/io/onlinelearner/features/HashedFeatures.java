package io.onlinelearner.features;

import java.util.Arrays;
import java.util.List;

/**
 * The named features of one record after hashing: distinct indices in increasing order, each with
 * its value (the sum of the record's features that hashed to it), and, when names are kept, the
 * texts of those features in the order the record gave them. A value: its arrays are never
 * written after construction and never handed out.
 */
public final class HashedFeatures {

    private final int[] indices;
    private final double[] values;
    private final String[] texts;
    private final int[] textStarts;

    /**
     * Takes ownership of the arrays, which {@link FeatureReader} builds fresh for each record: the
     * texts of index {@code k} are {@code texts[textStarts[k] .. textStarts[k + 1])}; both null
     * when names are not kept.
     */
    HashedFeatures(final int[] indices, final double[] values, final String[] texts, final int[] textStarts) {
        this.indices = indices;
        this.values = values;
        this.texts = texts;
        this.textStarts = textStarts;
    }

    /**
     * Features given directly, e.g. in tests: indices strictly increasing and non-negative.
     *
     * @throws IllegalArgumentException when the indices are not strictly increasing or the lengths differ
     */
    public static HashedFeatures of(final int[] indices, final double[] values) {
        if (indices.length != values.length) {
            throw new IllegalArgumentException("lengths differ: " + indices.length + " indices, " + values.length);
        }
        for (int k = 0; k < indices.length; k++) {
            if (indices[k] < 0 || (k > 0 && indices[k] <= indices[k - 1])) {
                throw new IllegalArgumentException(
                        "indices must be non-negative and increasing: " + Arrays.toString(indices));
            }
        }
        return new HashedFeatures(indices.clone(), values.clone(), null, null);
    }

    /** The number of distinct indices. */
    public int size() {
        return indices.length;
    }

    /** The {@code k}-th index, increasing in {@code k}. */
    public int index(final int k) {
        return indices[k];
    }

    /** The value at the {@code k}-th index. */
    public double value(final int k) {
        return values[k];
    }

    /** The texts of the features at the {@code k}-th index; empty when names are not kept. */
    public List<String> names(final int k) {
        return texts == null ? List.of() : List.of(Arrays.copyOfRange(texts, textStarts[k], textStarts[k + 1]));
    }

    /** The number of texts of the features at the {@code k}-th index; 0 when names are not kept. */
    public int nameCount(final int k) {
        return texts == null ? 0 : textStarts[k + 1] - textStarts[k];
    }

    /** The {@code j}-th text of the features at the {@code k}-th index, {@code j < nameCount(k)}. */
    public String name(final int k, final int j) {
        return texts[textStarts[k] + j];
    }

    /** True when the texts were kept. */
    public boolean hasNames() {
        return texts != null;
    }

    /** A copy of the indices. */
    public int[] indices() {
        return indices.clone();
    }

    /** A copy of the values. */
    public double[] values() {
        return values.clone();
    }

    @Override
    public boolean equals(final Object other) {
        return other instanceof HashedFeatures that
                && Arrays.equals(indices, that.indices)
                && Arrays.equals(values, that.values)
                && Arrays.equals(texts, that.texts)
                && Arrays.equals(textStarts, that.textStarts);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(indices) + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        final StringBuilder b = new StringBuilder("HashedFeatures[");
        for (int k = 0; k < indices.length; k++) {
            b.append(k == 0 ? "" : ", ").append(indices[k]).append('=').append(values[k]);
            if (texts != null) {
                b.append(names(k));
            }
        }
        return b.append(']').toString();
    }
}
