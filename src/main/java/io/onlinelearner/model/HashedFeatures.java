package io.onlinelearner.model;

import java.util.Arrays;
import java.util.List;

/**
 * The named features of one record after hashing: distinct indices in increasing order, each with
 * its value (the sum of the record's features that hashed to it), and, when names are kept, the
 * texts of those features in the order the record gave them. A text made by an interaction may
 * name its two parts, the texts it joins ({@link #part}): the store of texts then keeps it as a
 * reference to them instead of its bytes. A value: its arrays are never written after
 * construction and never handed out; the parts say how texts were made, not what they are, and
 * take no part in equality.
 */
public final class HashedFeatures implements FeatureVector {

    private final int[] indices;
    private final double[] values;
    private final String[] texts;
    private final int[] textStarts;
    private final int[] parts;

    private HashedFeatures(
            final int[] indices,
            final double[] values,
            final String[] texts,
            final int[] textStarts,
            final int[] parts) {
        this.indices = indices;
        this.values = values;
        this.texts = texts;
        this.textStarts = textStarts;
        this.parts = parts;
    }

    /**
     * Takes ownership of the arrays, which the hashing reader builds fresh for each record and
     * never touches again: indices strictly increasing, the texts of index {@code k}
     * {@code texts[textStarts[k] .. textStarts[k + 1])}; both null when names are not kept. No
     * check and no copy: the record's hot path.
     */
    public static HashedFeatures adopt(
            final int[] indices, final double[] values, final String[] texts, final int[] textStarts) {
        return new HashedFeatures(indices, values, texts, textStarts, null);
    }

    /**
     * As {@link #adopt(int[], double[], String[], int[])}, with the parts of interaction texts:
     * {@code parts[2p]} and {@code parts[2p + 1]} are the positions in {@code texts} of the two
     * texts that text {@code p} joins with {@code *}, or both -1 for a text that joins none; null
     * when no text does.
     */
    public static HashedFeatures adopt(
            final int[] indices,
            final double[] values,
            final String[] texts,
            final int[] textStarts,
            final int[] parts) {
        return new HashedFeatures(indices, values, texts, textStarts, parts);
    }

    /**
     * Features with names, e.g. read back from storage: the arrays are copied and checked.
     *
     * @throws IllegalArgumentException when the indices are not strictly increasing or the sizes disagree
     */
    public static HashedFeatures of(
            final int[] indices, final double[] values, final String[] texts, final int[] textStarts) {
        final HashedFeatures plain = of(indices, values);
        if (texts == null) {
            return plain;
        }
        if (textStarts.length != indices.length + 1
                || textStarts[0] != 0
                || textStarts[indices.length] != texts.length) {
            throw new IllegalArgumentException(
                    "text starts do not fit " + indices.length + " indices and " + texts.length + " texts");
        }
        for (int k = 0; k < indices.length; k++) {
            if (textStarts[k + 1] < textStarts[k]) {
                throw new IllegalArgumentException("text starts decrease at " + k);
            }
        }
        return new HashedFeatures(plain.indices, plain.values, texts.clone(), textStarts.clone(), null);
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
        return new HashedFeatures(indices.clone(), values.clone(), null, null, null);
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

    /**
     * Where the part {@code side} (0: the first, 1: the second) of the {@code j}-th text of the
     * {@code k}-th index is among this record's texts, as a position for {@link #text(int)} and
     * {@link #indexOfText(int)}; -1 when that text joins no parts (a feature of the record, not an
     * interaction, or parts not given).
     */
    public int part(final int k, final int j, final int side) {
        return parts == null ? -1 : parts[2 * (textStarts[k] + j) + side];
    }

    /** The number of texts, of all indices; 0 when names are not kept. */
    public int textCount() {
        return texts == null ? 0 : texts.length;
    }

    /** The position of the {@code j}-th text of the {@code k}-th index among all of this record's texts. */
    public int textPosition(final int k, final int j) {
        return textStarts[k] + j;
    }

    /** The text at {@code position} among all of this record's texts, index by index. */
    public String text(final int position) {
        return texts[position];
    }

    /** The index whose texts hold the text at {@code position}. */
    public int indexOfText(final int position) {
        int low = 0;
        int high = indices.length - 1;
        while (low < high) {
            final int mid = (low + high + 1) >>> 1;
            if (textStarts[mid] <= position) {
                low = mid;
            } else {
                high = mid - 1;
            }
        }
        return indices[low];
    }

    /** True when the texts were kept. */
    public boolean hasNames() {
        return texts != null;
    }

    /** A copy of the indices. */
    public int[] indices() {
        return indices.clone();
    }

    /** A copy of every text, index by index (see {@link #textStarts()}); null when names are not kept. */
    public String[] texts() {
        return texts == null ? null : texts.clone();
    }

    /** A copy of where each index's texts start in {@link #texts()}, one more than {@link #size()}; null without names. */
    public int[] textStarts() {
        return textStarts == null ? null : textStarts.clone();
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
