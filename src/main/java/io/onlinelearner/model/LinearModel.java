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

    /** {@code ŷ = w·x + b}. */
    public static double predict(final double[] theta, final double[] x, final boolean intercept) {
        double sum = 0.0;
        for (int i = 0; i < x.length; i++) {
            sum += theta[i] * x[i];
        }
        return intercept ? sum + theta[x.length] : sum;
    }

    /** The gradient {@code dL/dθ = dL/dŷ · [x, 1]}, as a new array. */
    public static double[] gradient(final double dLoss, final double[] x, final boolean intercept) {
        final double[] gradient = new double[parameterCount(x.length, intercept)];
        for (int i = 0; i < x.length; i++) {
            gradient[i] = dLoss * x[i];
        }
        if (intercept) {
            gradient[x.length] = dLoss;
        }
        return gradient;
    }
}
