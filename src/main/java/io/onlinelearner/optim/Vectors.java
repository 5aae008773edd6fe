package io.onlinelearner.optim;

/** Small helpers over {@code double[]} used by the optimiser and the model. */
public final class Vectors {

    private Vectors() {
    }

    /**
     * True when every element is neither NaN nor infinite. Written as a branch-free maximum of the
     * magnitudes, which the JIT vectorizes: {@link Math#max} returns NaN when either argument is
     * NaN, and an infinity is larger than {@link Double#MAX_VALUE}, so the maximum is at most
     * {@code MAX_VALUE} exactly when every element is finite.
     */
    public static boolean allFinite(final double[] values) {
        double max = 0.0;
        for (final double value : values) {
            max = Math.max(max, Math.abs(value));
        }
        return max <= Double.MAX_VALUE;
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
