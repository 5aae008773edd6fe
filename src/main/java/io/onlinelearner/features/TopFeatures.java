package io.onlinelearner.features;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The answer of {@code GET /models/{id}/features?top=N}: a hashed model's largest weights by
 * magnitude, each with its index and the feature texts kept for it. A pure function of the
 * weights and names.
 */
public final class TopFeatures {

    /** Largest {@code |weight|} first; equal magnitudes by increasing index. */
    private static final Comparator<Entry> ORDER =
            Comparator.comparingDouble((Entry e) -> -Math.abs(e.weight())).thenComparingInt(Entry::index);

    private TopFeatures() {}

    /**
     * One listed weight.
     *
     * @param index  the index in {@code [0, 2^bits)}
     * @param weight its weight
     * @param names  the feature texts kept for it (empty when none was kept)
     */
    public record Entry(int index, double weight, List<String> names) {}

    /**
     * The {@code n} touched indices of largest {@code |weight|} (fewer when fewer are touched), in
     * that order.
     *
     * @throws IllegalArgumentException when {@code n} is negative
     */
    public static List<Entry> of(final SparseWeights weights, final FeatureNames names, final int n) {
        if (n < 0) {
            throw new IllegalArgumentException("n must be >= 0, was " + n);
        }
        final List<Entry> all = new ArrayList<>(weights.size());
        for (int k = 0; k < weights.size(); k++) {
            all.add(new Entry(weights.index(k), weights.weightAt(k), names.names(weights.index(k))));
        }
        all.sort(ORDER);
        return List.copyOf(all.subList(0, Math.min(n, all.size())));
    }
}
