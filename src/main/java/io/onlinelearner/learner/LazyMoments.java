package io.onlinelearner.learner;

import io.onlinelearner.features.SparseMoments;

/**
 * Lazy Adam's state of a hashed model: the moments of the indices that have had a gradient, and
 * {@code t}.
 *
 * @param moments the sparse moments
 */
public record LazyMoments(SparseMoments moments) implements AdamMoments {

    /** Before the first update. */
    public static final LazyMoments ZERO = new LazyMoments(SparseMoments.ZERO);

    @Override
    public long t() {
        return moments.step();
    }

    @Override
    public AdamMoments zeroed() {
        return ZERO;
    }

    @Override
    public int size() {
        return moments.size();
    }
}
