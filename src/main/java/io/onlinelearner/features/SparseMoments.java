package io.onlinelearner.features;

import java.nio.DoubleBuffer;
import java.util.Arrays;

/**
 * Lazy Adam's state for a hashed model: the first and second moments {@code m}, {@code v} at
 * the indices that have had a gradient (strictly increasing, parallel arrays), those of the bias,
 * and {@code t}, the number of updates applied. An index not stored has both moments 0. A value,
 * as {@link SparseWeights}.
 */
public final class SparseMoments {

    /** Before the first update: nothing stored, {@code t = 0}. */
    public static final SparseMoments ZERO = new SparseMoments(new int[0], new double[0], new double[0], 0, 0, 0);

    private final int[] indices;
    private final double[] m;
    private final double[] v;
    private final double biasM;
    private final double biasV;
    private final long step;

    SparseMoments(
            final int[] indices,
            final double[] m,
            final double[] v,
            final double biasM,
            final double biasV,
            final long step) {
        this.indices = indices;
        this.m = m;
        this.v = v;
        this.biasM = biasM;
        this.biasV = biasV;
        this.step = step;
    }

    /**
     * Moments given as arrays (copied), e.g. read from storage.
     *
     * @throws IllegalArgumentException for indices not strictly increasing, lengths that differ or a negative step
     */
    public static SparseMoments of(
            final int[] indices,
            final double[] m,
            final double[] v,
            final double biasM,
            final double biasV,
            final long step) {
        return adopt(indices.clone(), m.clone(), v.clone(), biasM, biasV, step);
    }

    /**
     * Moments given as arrays that the caller hands over and never touches again (no copy), e.g.
     * just read from storage; the index array may be shared with the weights'.
     *
     * @throws IllegalArgumentException as {@link #of}
     */
    public static SparseMoments adopt(
            final int[] indices,
            final double[] m,
            final double[] v,
            final double biasM,
            final double biasV,
            final long step) {
        Sparse.checkIndices(indices, m.length);
        Sparse.checkIndices(indices, v.length);
        if (step < 0) {
            throw new IllegalArgumentException("step must be >= 0, was " + step);
        }
        return new SparseMoments(indices, m, v, biasM, biasV, step);
    }

    /** Puts {@code m}, then {@code v}, each in one bulk copy, without the indices. */
    public void putMoments(final DoubleBuffer mOut, final DoubleBuffer vOut) {
        mOut.put(m);
        vOut.put(v);
    }

    /** The first moment of the {@code k}-th index with moments. */
    public double mAt(final int k) {
        return m[k];
    }

    /** The second moment of the {@code k}-th index with moments. */
    public double vAt(final int k) {
        return v[k];
    }

    /** The {@code k}-th index with moments, increasing in {@code k}. */
    public int index(final int k) {
        return indices[k];
    }

    /**
     * True when these moments are kept at exactly the indices of {@code weights}: the usual case,
     * since a step touches both at the same indices (and then shares one array between them).
     */
    public boolean hasIndicesOf(final SparseWeights weights) {
        final int[] other = weights.sharedIndices();
        return indices == other || Arrays.equals(indices, other);
    }

    /** The number of indices with moments. */
    public int size() {
        return indices.length;
    }

    /** t: the number of updates applied (0 before the first). */
    public long step() {
        return step;
    }

    /** The bias's first moment. */
    public double biasM() {
        return biasM;
    }

    /** The bias's second moment. */
    public double biasV() {
        return biasV;
    }

    /** A copy of the indices with moments. */
    public int[] indices() {
        return indices.clone();
    }

    /** A copy of the first moments. */
    public double[] m() {
        return m.clone();
    }

    /** A copy of the second moments. */
    public double[] v() {
        return v.clone();
    }

    /** The first moment of index {@code index}: 0 when none is stored. */
    public double m(final int index) {
        final int k = Arrays.binarySearch(indices, index);
        return k >= 0 ? m[k] : 0.0;
    }

    /** The second moment of index {@code index}: 0 when none is stored. */
    public double v(final int index) {
        final int k = Arrays.binarySearch(indices, index);
        return k >= 0 ? v[k] : 0.0;
    }

    int[] sharedIndices() {
        return indices;
    }

    double[] sharedM() {
        return m;
    }

    double[] sharedV() {
        return v;
    }

    @Override
    public boolean equals(final Object other) {
        return other instanceof SparseMoments that
                && step == that.step
                && Double.compare(biasM, that.biasM) == 0
                && Double.compare(biasV, that.biasV) == 0
                && Arrays.equals(indices, that.indices)
                && Arrays.equals(m, that.m)
                && Arrays.equals(v, that.v);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(indices) + Arrays.hashCode(m)) + Long.hashCode(step);
    }

    @Override
    public String toString() {
        return "SparseMoments[t=" + step + ", " + size() + " indices]";
    }
}
