package io.onlinelearner.optim;

import java.util.Arrays;

/**
 * Adam's per-parameter state as a plain value: the first moment {@code m}, the second moment
 * {@code v}, AMSGrad's running maximum {@code vmax} (empty when AMSGrad is off) and the step count
 * {@code t}, the number of updates applied so far.
 *
 * <p>It is held outside the optimiser so that it can be stored, restored after a crash and
 * compared in tests. Instances are treated as immutable: nothing in the learner writes into the
 * arrays of a state it did not just create.
 *
 * @param m    first moment, one entry per parameter
 * @param v    second moment, one entry per parameter
 * @param vmax running maximum of {@code v} for AMSGrad, same length as {@code v}, or empty
 * @param step t, the number of updates applied (0 before the first)
 */
public record AdamState(double[] m, double[] v, double[] vmax, long step) {

    /** The state before the first update: zero moments, {@code t = 0}. */
    public static AdamState initial(final int parameters, final boolean amsgrad) {
        return new AdamState(new double[parameters], new double[parameters], new double[amsgrad ? parameters : 0], 0L);
    }

    /** Checks the shapes, so that a state read from storage cannot silently mismatch. */
    public AdamState {
        if (m.length != v.length || (vmax.length != 0 && vmax.length != v.length)) {
            throw new IllegalArgumentException(
                    "moment lengths differ: m=" + m.length + ", v=" + v.length + ", vmax=" + vmax.length);
        }
        if (step < 0) {
            throw new IllegalArgumentException("step must be >= 0, was " + step);
        }
    }

    /** Number of parameters this state is for. */
    public int size() {
        return m.length;
    }

    /** True when every moment is finite. */
    public boolean isFinite() {
        return Vectors.allFinite(m) && Vectors.allFinite(v) && Vectors.allFinite(vmax);
    }

    @Override
    public boolean equals(final Object other) {
        return other instanceof AdamState that
                && step == that.step
                && Arrays.equals(m, that.m)
                && Arrays.equals(v, that.v)
                && Arrays.equals(vmax, that.vmax);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(m) + Arrays.hashCode(v)) + Long.hashCode(step);
    }

    @Override
    public String toString() {
        return "AdamState[t=" + step + ", m=" + Arrays.toString(m) + ", v=" + Arrays.toString(v) + ", vmax="
                + Arrays.toString(vmax) + "]";
    }
}
