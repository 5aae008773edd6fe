package io.onlinelearner.optim;

/** Small helpers over {@code double[]} used by the optimiser and the model. */
public final class Vectors {

    private Vectors() {}

    /**
     * True when every element is neither NaN nor infinite. Four elements at a time: {@code x * 0}
     * is ±0 for a finite {@code x} and NaN otherwise, so a sum of four such products equals 0
     * exactly when all four are finite (it cannot overflow); the groups are independent, so the
     * processor overlaps them instead of taking one branch per element.
     */
    public static boolean allFinite(final double[] values) {
        final int n = values.length;
        final int blocked = n & ~3;
        for (int i = 0; i < blocked; i += 4) {
            final double zeros = (values[i] * 0.0 + values[i + 1] * 0.0) + (values[i + 2] * 0.0 + values[i + 3] * 0.0);
            if (zeros != 0.0) {
                return false;
            }
        }
        for (int i = blocked; i < n; i++) {
            if (!Double.isFinite(values[i])) {
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
