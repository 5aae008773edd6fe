package io.onlinelearner.learner;

import io.onlinelearner.model.DoubleVector;
import io.onlinelearner.optim.AdamState;

/**
 * Adam's per-parameter state as a value: first and second moments, AMSGrad's running maximum
 * (empty when AMSGrad is off) and the step count {@code t}. {@code t} counts the steps since the
 * last warm restart, so it may differ from the parameters' {@code updates} after a resume from best.
 *
 * @param m    first moment
 * @param v    second moment
 * @param vmax AMSGrad's running maximum of {@code v}, or empty
 * @param t    Adam's step count
 */
public record Moments(DoubleVector m, DoubleVector v, DoubleVector vmax, long t) implements AdamMoments {

    /** Zero moments and {@code t = 0} for {@code n} parameters: the state before the first step, or after a warm restart. */
    public static Moments zero(final int n, final boolean amsgrad) {
        return new Moments(
                DoubleVector.zeros(n),
                DoubleVector.zeros(n),
                amsgrad ? DoubleVector.zeros(n) : DoubleVector.empty(),
                0L);
    }

    /** Adopts the arrays of an optimiser state that was just computed (no copy). */
    public static Moments adopt(final AdamState state) {
        return new Moments(
                DoubleVector.wrap(state.m()),
                DoubleVector.wrap(state.v()),
                DoubleVector.wrap(state.vmax()),
                state.step());
    }

    @Override
    public AdamMoments zeroed() {
        return zero(m.length(), vmax.length() > 0);
    }

    @Override
    public int size() {
        return m.length();
    }

    /** A read-only view for the optimiser, over the same arrays: the optimiser's {@code step} does not write into it. */
    public AdamState view() {
        return new AdamState(m.readOnlyArray(), v.readOnlyArray(), vmax.readOnlyArray(), t);
    }
}
