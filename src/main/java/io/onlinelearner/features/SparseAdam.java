package io.onlinelearner.features;

import io.onlinelearner.model.HashedFeatures;
import java.util.Arrays;

/**
 * Lazy Adam for a hashed linear model, step for step as {@code torch.optim.SparseAdam} computes it
 * in float64 on the parameters {@code [w, b]}: with {@code t} the model's update count (1 on the
 * first) and {@code S} the record's indices plus the bias,
 *
 * <pre>
 * for i in S:  m_i ← m_i + (1−β1)(g_i − m_i);   v_i ← v_i + (1−β2)(g_i² − v_i)
 *              θ_i ← θ_i − lr · √(1−β2ᵗ)/(1−β1ᵗ) · m_i / (√v_i + ε)
 * other indices: unchanged (their moments do not decay)
 * </pre>
 *
 * The gradient of the linear model is {@code g_i = dL/dŷ · x_i} (and {@code dL/dŷ} for the bias).
 * A step never writes into its arguments: it returns new weights and moments, which the caller
 * checks for finiteness before keeping them. The check costs the entries of {@code S}, not the
 * model's: the others are as they were, and every state kept was checked. Instances are immutable
 * and thread-safe.
 *
 * @param beta1   decay of the first moment, in [0, 1)
 * @param beta2   decay of the second moment, in [0, 1)
 * @param epsilon ε, added to √v
 */
public record SparseAdam(double beta1, double beta2, double epsilon) {

    /**
     * One step.
     *
     * @param lr        the learning rate of this step
     * @param weights   the weights before the step
     * @param moments   the moments before the step
     * @param x         the record's features (the indices of S)
     * @param dLoss     dL/dŷ at the record's prediction under {@code weights}
     * @param intercept whether the bias is learnt (and so in S)
     * @return the weights and moments after the step, not yet checked for finiteness
     */
    public Step step(
            final double lr,
            final SparseWeights weights,
            final SparseMoments moments,
            final HashedFeatures x,
            final double dLoss,
            final boolean intercept) {
        final long t = moments.step() + 1;
        final double stepSize = lr * Math.sqrt(1 - Math.pow(beta2, t)) / (1 - Math.pow(beta1, t));
        final double oneMinusBeta1 = 1 - beta1;
        final double oneMinusBeta2 = 1 - beta2;
        final int[] stored = moments.sharedIndices();
        final Sparse.Insertions fresh = Sparse.Insertions.of(stored, x);
        final int[] mIndices = fresh.union(stored);
        final double[] m = fresh.spread(moments.sharedM());
        final double[] v = fresh.spread(moments.sharedV());
        final int[] wIndices;
        final double[] w;
        if (moments.hasIndicesOf(weights)) {
            wIndices = mIndices;
            w = fresh.spread(weights.sharedWeights());
        } else {
            wIndices = Sparse.union(weights.sharedIndices(), x);
            w = Sparse.spread(weights.sharedIndices(), weights.sharedWeights(), wIndices);
        }
        int a = 0;
        int b = 0;
        boolean finite = true;
        for (int k = 0; k < x.size(); k++) {
            final int index = x.index(k);
            a = Arrays.binarySearch(mIndices, a, mIndices.length, index);
            b = Arrays.binarySearch(wIndices, b, wIndices.length, index);
            final double g = dLoss * x.value(k);
            final double mi = m[a] + oneMinusBeta1 * (g - m[a]);
            final double vi = v[a] + oneMinusBeta2 * (g * g - v[a]);
            m[a] = mi;
            v[a] = vi;
            w[b] = w[b] - stepSize * (mi / (Math.sqrt(vi) + epsilon));
            finite &= Double.isFinite(mi) && Double.isFinite(vi) && Double.isFinite(w[b]);
        }
        double bias = weights.bias();
        double biasM = moments.biasM();
        double biasV = moments.biasV();
        if (intercept) {
            biasM = biasM + oneMinusBeta1 * (dLoss - biasM);
            biasV = biasV + oneMinusBeta2 * (dLoss * dLoss - biasV);
            bias = bias - stepSize * (biasM / (Math.sqrt(biasV) + epsilon));
        }
        finite &= Double.isFinite(bias) && Double.isFinite(biasM) && Double.isFinite(biasV);
        return new Step(
                new SparseWeights(wIndices, w, bias), new SparseMoments(mIndices, m, v, biasM, biasV, t), finite);
    }

    /**
     * The outcome of one step.
     *
     * @param weights the new weights
     * @param moments the new moments, with the step count one more
     * @param isFinite whether every weight and moment the step wrote (at the record's indices and the
     *     bias) is finite: then all are, when the weights and moments it started from were
     */
    public record Step(SparseWeights weights, SparseMoments moments, boolean isFinite) {}
}
