package io.onlinelearner.features;

import io.onlinelearner.model.HashedFeatures;
import java.nio.DoubleBuffer;
import java.util.Arrays;

/**
 * The weights of a hashed model at the indices it has touched, with its bias: strictly increasing
 * indices in one {@code int[]} and their weights in a parallel {@code double[]}. An index not
 * stored has weight 0. A value: every change returns a new instance, and the arrays of one are
 * never written after construction (two instances may share an unchanged index array).
 */
public final class SparseWeights {

    /** No index touched, bias 0. */
    public static final SparseWeights ZERO = new SparseWeights(new int[0], new double[0], 0.0);

    private final int[] indices;
    private final double[] weights;
    private final double bias;

    SparseWeights(final int[] indices, final double[] weights, final double bias) {
        this.indices = indices;
        this.weights = weights;
        this.bias = bias;
    }

    /**
     * Weights given as arrays (copied), e.g. read from storage.
     *
     * @throws IllegalArgumentException when the indices are not strictly increasing and non-negative,
     *                                  or the lengths differ
     */
    public static SparseWeights of(final int[] indices, final double[] weights, final double bias) {
        Sparse.checkIndices(indices, weights.length);
        return new SparseWeights(indices.clone(), weights.clone(), bias);
    }

    /**
     * Weights given as arrays that the caller hands over and never touches again (no copy), e.g.
     * just read from storage; the index array may be shared with other values that never write it.
     *
     * @throws IllegalArgumentException as {@link #of}
     */
    public static SparseWeights adopt(final int[] indices, final double[] weights, final double bias) {
        Sparse.checkIndices(indices, weights.length);
        return new SparseWeights(indices, weights, bias);
    }

    /** No touched index, with bias {@code bias}. */
    public static SparseWeights ofBias(final double bias) {
        return new SparseWeights(new int[0], new double[0], bias);
    }

    /** The number of touched indices. */
    public int size() {
        return indices.length;
    }

    /** The {@code k}-th touched index, increasing in {@code k}. */
    public int index(final int k) {
        return indices[k];
    }

    /** The weight at the {@code k}-th touched index. */
    public double weightAt(final int k) {
        return weights[k];
    }

    /** The weight of index {@code index}: 0 when untouched. */
    public double weight(final int index) {
        final int k = Arrays.binarySearch(indices, index);
        return k >= 0 ? weights[k] : 0.0;
    }

    /** The bias. */
    public double bias() {
        return bias;
    }

    /** A copy of the touched indices. */
    public int[] indices() {
        return indices.clone();
    }

    /** A copy of the weights at the touched indices. */
    public double[] weights() {
        return weights.clone();
    }

    /** Puts the weights at the touched indices into {@code out} in one bulk copy. */
    public void putWeights(final DoubleBuffer out) {
        out.put(weights);
    }

    /** {@code Σ w[index] · value} over the features, plus the bias when {@code intercept}. */
    public double predict(final HashedFeatures x, final boolean intercept) {
        double sum = 0.0;
        int from = 0;
        for (int k = 0; k < x.size(); k++) {
            final int at = Arrays.binarySearch(indices, from, indices.length, x.index(k));
            if (at >= 0) {
                sum += weights[at] * x.value(k);
                from = at + 1;
            } else {
                from = -at - 1;
            }
        }
        return intercept ? sum + bias : sum;
    }

    int[] sharedIndices() {
        return indices;
    }

    double[] sharedWeights() {
        return weights;
    }

    /** True when every weight and the bias are finite. */
    public boolean isFinite() {
        return Double.isFinite(bias) && Sparse.allFinite(weights);
    }

    @Override
    public boolean equals(final Object other) {
        return other instanceof SparseWeights that
                && Double.compare(bias, that.bias) == 0
                && Arrays.equals(indices, that.indices)
                && Arrays.equals(weights, that.weights);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(indices) + Arrays.hashCode(weights)) + Double.hashCode(bias);
    }

    @Override
    public String toString() {
        return "SparseWeights[" + size() + " indices, bias=" + bias + "]";
    }
}
