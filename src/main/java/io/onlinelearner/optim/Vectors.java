package io.onlinelearner.optim;

/** Small helpers over {@code double[]} used by the optimiser and the model. */
public final class Vectors {

    private Vectors() {}

    /** True when every element is neither NaN nor infinite. */
    public static boolean allFinite(final double[] values) {
        for (final double value : values) {
            if (!Double.isFinite(value)) {
                return false;
            }
        }
        return true;
    }

    /** The Euclidean norm, ‖values‖₂. */
    public static double norm2(final double[] values) {
        double sum = 0.0;
        for (final double value : values) {
            sum += value * value;
        }
        return Math.sqrt(sum);
    }
}
