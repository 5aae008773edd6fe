package io.onlinelearner.features;

import io.onlinelearner.model.HashedFeatures;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The feature texts a hashed model has seen for each index, the first ones seen in training
 * records and at most a fixed number per index: what {@code GET /models/{id}/features} shows next
 * to a weight, so that a hashed weight can be read by name. A value: {@link #seen} returns a new
 * instance when it learns a text, and this one when it learns nothing.
 */
public final class FeatureNames {

    /** No text kept. */
    public static final FeatureNames NONE = new FeatureNames(new int[0], List.of());

    private final int[] indices;
    private final List<List<String>> names;

    private FeatureNames(final int[] indices, final List<List<String>> names) {
        this.indices = indices;
        this.names = names;
    }

    /**
     * Texts given per index, e.g. read from storage.
     *
     * @throws IllegalArgumentException when the indices are not strictly increasing or the sizes differ
     */
    public static FeatureNames of(final int[] indices, final List<List<String>> names) {
        Sparse.checkIndices(indices, names.size());
        return new FeatureNames(
                indices.clone(), names.stream().map(List::copyOf).toList());
    }

    /** The number of indices with texts. */
    public int size() {
        return indices.length;
    }

    /** The {@code k}-th index with texts, increasing in {@code k}. */
    public int index(final int k) {
        return indices[k];
    }

    /** The texts of the {@code k}-th index. */
    public List<String> namesAt(final int k) {
        return names.get(k);
    }

    /** The texts kept for {@code index}; empty when none. */
    public List<String> names(final int index) {
        final int k = Arrays.binarySearch(indices, index);
        return k >= 0 ? names.get(k) : List.of();
    }

    /**
     * These names with {@code x}'s texts added where an index has fewer than {@code perIndex} and
     * does not hold the text yet; this very instance when nothing is added.
     */
    public FeatureNames seen(final HashedFeatures x, final int perIndex) {
        if (!x.hasNames() || perIndex == 0 || !learnsSomething(x, perIndex)) {
            return this;
        }
        final int[] union = Sparse.union(indices, x);
        final List<List<String>> out = new ArrayList<>(union.length);
        int i = 0;
        int j = 0;
        for (final int index : union) {
            final List<String> before = i < indices.length && indices[i] == index ? names.get(i++) : List.of();
            if (j < x.size() && x.index(j) == index) {
                out.add(learnt(before, x, j, perIndex));
                j++;
            } else {
                out.add(before);
            }
        }
        return new FeatureNames(union, List.copyOf(out));
    }

    /** {@code before} with the texts of {@code x}'s {@code k}-th index it lacks, up to {@code perIndex}; {@code before} itself when none. */
    private static List<String> learnt(
            final List<String> before, final HashedFeatures x, final int k, final int perIndex) {
        List<String> kept = null;
        for (int t = 0; t < x.nameCount(k); t++) {
            final String text = x.name(k, t);
            final List<String> now = kept == null ? before : kept;
            if (now.size() < perIndex && !now.contains(text)) {
                if (kept == null) {
                    kept = new ArrayList<>(before);
                }
                kept.add(text);
            }
        }
        return kept == null ? before : List.copyOf(kept);
    }

    private boolean learnsSomething(final HashedFeatures x, final int perIndex) {
        int from = 0;
        for (int k = 0; k < x.size(); k++) {
            final int at = Arrays.binarySearch(indices, from, indices.length, x.index(k));
            if (at < 0) {
                return true;
            }
            from = at + 1;
            final List<String> kept = names.get(at);
            if (kept.size() < perIndex) {
                for (int t = 0; t < x.nameCount(k); t++) {
                    if (!kept.contains(x.name(k, t))) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    @Override
    public boolean equals(final Object other) {
        return other instanceof FeatureNames that && Arrays.equals(indices, that.indices) && names.equals(that.names);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(indices) + names.hashCode();
    }

    @Override
    public String toString() {
        return "FeatureNames[" + indices.length + " indices]";
    }
}
