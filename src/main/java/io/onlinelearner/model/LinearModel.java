package io.onlinelearner.model;

/**
 * The linear model {@code ŷ = w·x + b} over a flat parameter vector {@code θ = [w₀ … w_{d−1}, b]},
 * where {@code b} is present only with an intercept. Pure static functions: the parameters live in
 * the model's state, not here.
 */
public final class LinearModel {

    private LinearModel() {}

    /** The number of parameters for {@code features} features, with or without intercept. */
    public static int parameterCount(final int features, final boolean intercept) {
        return intercept ? features + 1 : features;
    }

    /**
     * {@code ŷ = w·x + b}. The dot product sums four interleaved partial sums (elements 4k, 4k+1,
     * 4k+2, 4k+3), added pairwise at the end, then the remainder in order: four independent
     * chains instead of one, so that the sum is not bound by the latency of one addition per
     * element, as BLAS's {@code ddot} does. Below four features it is the plain sequential sum.
     */
    public static double predict(final double[] theta, final double[] x, final boolean intercept) {
        final int n = x.length;
        final int blocked = n & ~3;
        double s0 = 0.0;
        double s1 = 0.0;
        double s2 = 0.0;
        double s3 = 0.0;
        for (int i = 0; i < blocked; i += 4) {
            s0 += theta[i] * x[i];
            s1 += theta[i + 1] * x[i + 1];
            s2 += theta[i + 2] * x[i + 2];
            s3 += theta[i + 3] * x[i + 3];
        }
        double sum = (s0 + s1) + (s2 + s3);
        for (int i = blocked; i < n; i++) {
            sum += theta[i] * x[i];
        }
        return intercept ? sum + theta[n] : sum;
    }

    /** The gradient {@code dL/dθ = dL/dŷ · [x, 1]}, as a new array. */
    public static double[] gradient(final double dLoss, final double[] x, final boolean intercept) {
        return gradient(dLoss, x, intercept, new double[parameterCount(x.length, intercept)]);
    }

    /**
     * The gradient {@code dL/dθ = dL/dŷ · [x, 1]}, written into {@code out} (of the parameter
     * count's length, any contents).
     *
     * @return {@code out}
     */
    public static double[] gradient(final double dLoss, final double[] x, final boolean intercept, final double[] out) {
        for (int i = 0; i < x.length; i++) {
            out[i] = dLoss * x[i];
        }
        if (intercept) {
            out[x.length] = dLoss;
        }
        return out;
    }
}
