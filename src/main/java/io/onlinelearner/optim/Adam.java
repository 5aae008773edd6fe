package io.onlinelearner.optim;

/**
 * The Adam optimiser (Kingma and Ba), step for step as {@code torch.optim.Adam} and {@code AdamW}
 * compute it in float64, with the two other published placements of ε, AMSGrad, coupled (L2) and
 * decoupled weight decay, and gradient-norm clipping.
 *
 * <p>The optimiser holds only its hyperparameters; its state is the explicit {@link AdamState}
 * value passed in and returned, so that it can be stored per model and restored after a crash.
 * {@link #step(double[], double[], AdamState)} never writes into its arguments: it returns a new
 * {@link AdamUpdate}, which the caller checks for finiteness before keeping it; its five-argument
 * form writes into arrays the caller owns instead. Instances are immutable and thread-safe.
 */
public final class Adam {

    /** torch.nn.utils.clip_grad_norm_ adds this to the norm before dividing. */
    static final double CLIP_NORM_EPSILON = 1e-6;

    private final AdamHyperparameters hyper;
    private final double oneMinusBeta1;
    private final double oneMinusBeta2;

    /** An optimiser with the given hyperparameters. */
    public Adam(final AdamHyperparameters hyperparameters) {
        this.hyper = hyperparameters;
        this.oneMinusBeta1 = 1 - hyperparameters.beta1();
        this.oneMinusBeta2 = 1 - hyperparameters.beta2();
    }

    /** The hyperparameters this optimiser applies. */
    public AdamHyperparameters hyperparameters() {
        return hyper;
    }

    /**
     * One Adam step into new arrays: the form the learner uses, since the states it returns are
     * values that others (the store's cache, listeners) may still hold.
     *
     * @param parameters θ before the step; not modified
     * @param gradient   dL/dθ at θ, same length; not modified
     * @param state      the optimiser state before the step, same length; not modified
     * @return the parameters and state after the step, not yet checked for finiteness
     */
    public AdamUpdate step(final double[] parameters, final double[] gradient, final AdamState state) {
        final int n = parameters.length;
        checkLengths(parameters, gradient, state);
        return compute(parameters, gradient, state, new double[n], new double[n], new double[n],
                hyper.amsgrad() ? new double[n] : new double[0]);
    }

    /**
     * One Adam step written into the caller's arrays, for a caller that owns them and wants no
     * allocation per step. Every element is read before it is written, so an output may be the
     * matching input itself (an in-place step); the results are bit for bit those of
     * {@link #step(double[], double[], AdamState)}.
     *
     * @param parameters θ before the step; overwritten only when it is {@code thetaOut}
     * @param gradient   dL/dθ at θ, same length; not modified
     * @param state      the optimiser state before the step, same length; overwritten only when its
     *                   arrays are {@code stateOut}'s
     * @param thetaOut   receives θ after the step, same length
     * @param stateOut   its {@code m}, {@code v} (and with AMSGrad {@code vmax}) receive the moments after
     *                   the step; its step count is ignored
     * @return {@code thetaOut} and {@code stateOut}'s arrays with the new step count, not yet checked for finiteness
     */
    public AdamUpdate step(final double[] parameters, final double[] gradient, final AdamState state,
            final double[] thetaOut, final AdamState stateOut) {
        final int n = parameters.length;
        checkLengths(parameters, gradient, state);
        if (thetaOut.length != n || stateOut.size() != n || (hyper.amsgrad() && stateOut.vmax().length != n)) {
            throw new IllegalArgumentException("output lengths differ: parameters=" + n + ", outputs="
                    + thetaOut.length + "/" + stateOut.size() + "/" + stateOut.vmax().length);
        }
        return compute(parameters, gradient, state, thetaOut, stateOut.m(), stateOut.v(),
                hyper.amsgrad() ? stateOut.vmax() : new double[0]);
    }

    private static void checkLengths(final double[] parameters, final double[] gradient, final AdamState state) {
        final int n = parameters.length;
        if (gradient.length != n || state.size() != n) {
            throw new IllegalArgumentException("lengths differ: parameters=" + n + ", gradient="
                    + gradient.length + ", state=" + state.size());
        }
    }

    private AdamUpdate compute(final double[] parameters, final double[] gradient, final AdamState state,
            final double[] thetaOut, final double[] m, final double[] v, final double[] vmax) {
        final int n = parameters.length;
        final long t = state.step() + 1;
        final double bias1 = 1 - Math.pow(hyper.beta1(), t);
        final double bias2 = 1 - Math.pow(hyper.beta2(), t);
        final double sqrtBias2 = Math.sqrt(bias2);
        final double clip = clipFactor(gradient);
        if (!hyper.amsgrad() && hyper.weightDecay() == 0.0 && hyper.epsilonPlacement() == EpsilonPlacement.OUTSIDE) {
            plainStep(parameters, gradient, clip, state, bias1, sqrtBias2, thetaOut, m, v);
            return new AdamUpdate(thetaOut, new AdamState(m, v, vmax, t));
        }
        final double[] oldVmax = state.vmax().length == n ? state.vmax() : null;
        final double coupledDecay = hyper.decoupledWeightDecay() ? 0.0 : hyper.weightDecay();
        final double decoupledFactor = hyper.decoupledWeightDecay()
                ? 1 - hyper.learningRate() * hyper.weightDecay() : 1.0;
        for (int i = 0; i < n; i++) {
            double g = gradient[i] * clip;
            double p = parameters[i];
            if (coupledDecay > 0) {
                g = g + coupledDecay * p;
            }
            if (decoupledFactor != 1.0) {
                p = p * decoupledFactor;
            }
            final double mi = state.m()[i] + oneMinusBeta1 * (g - state.m()[i]);
            final double vi = state.v()[i] * hyper.beta2() + oneMinusBeta2 * (g * g);
            double vbar = vi;
            if (hyper.amsgrad()) {
                vbar = Math.max(oldVmax == null ? 0.0 : oldVmax[i], vi);
                vmax[i] = vbar;
            }
            m[i] = mi;
            v[i] = vi;
            thetaOut[i] = p - delta(mi, vbar, bias1, bias2, sqrtBias2);
        }
        return new AdamUpdate(thetaOut, new AdamState(m, v, vmax, t));
    }

    /**
     * The default update (ε outside, no AMSGrad, no weight decay) as one branch-free loop that the
     * JIT compiles to SIMD; every operation is the general loop's, in the same order, so the
     * results are bit for bit the same.
     */
    private void plainStep(final double[] parameters, final double[] gradient, final double clip,
            final AdamState state, final double bias1, final double sqrtBias2, final double[] theta,
            final double[] m, final double[] v) {
        final double[] m0 = state.m();
        final double[] v0 = state.v();
        final double beta2 = hyper.beta2();
        final double eps = hyper.epsilon();
        final double stepSize = hyper.learningRate() / bias1;
        final int n = theta.length;
        for (int i = 0; i < n; i++) {
            final double g = gradient[i] * clip;
            final double mi = m0[i] + oneMinusBeta1 * (g - m0[i]);
            final double vi = v0[i] * beta2 + oneMinusBeta2 * (g * g);
            m[i] = mi;
            v[i] = vi;
            theta[i] = parameters[i] - stepSize * (mi / (Math.sqrt(vi) / sqrtBias2 + eps));
        }
    }

    private double delta(final double m, final double vbar, final double bias1, final double bias2,
            final double sqrtBias2) {
        final double lr = hyper.learningRate();
        final double eps = hyper.epsilon();
        switch (hyper.epsilonPlacement()) {
            case INSIDE:
                return lr * (m / bias1) / Math.sqrt(vbar / bias2 + eps);
            case HAT:
                return lr * sqrtBias2 / bias1 * (m / (Math.sqrt(vbar) + eps));
            case OUTSIDE:
            default:
                final double denominator = Math.sqrt(vbar) / sqrtBias2 + eps;
                return (lr / bias1) * (m / denominator);
        }
    }

    private double clipFactor(final double[] gradient) {
        if (hyper.maxGradNorm().isEmpty()) {
            return 1.0;
        }
        final double coefficient = hyper.maxGradNorm().getAsDouble() / (Vectors.norm2(gradient) + CLIP_NORM_EPSILON);
        return Math.min(coefficient, 1.0);
    }
}
