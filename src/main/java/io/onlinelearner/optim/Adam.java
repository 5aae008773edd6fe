package io.onlinelearner.optim;

/**
 * The Adam optimiser (Kingma and Ba), step for step as {@code torch.optim.Adam} and {@code AdamW}
 * compute it in float64, with the two other published placements of ε, AMSGrad, coupled (L2) and
 * decoupled weight decay, and gradient-norm clipping.
 *
 * <p>The optimiser holds only its hyperparameters; its state is the explicit {@link AdamState}
 * value passed in and returned, so that it can be stored per model and restored after a crash.
 * {@link #step(double[], double[], AdamState)} never writes into its arguments: it returns a new
 * {@link AdamUpdate} in new arrays, which the caller checks for finiteness before keeping it, so
 * that the states it came from stay values. Instances are immutable and thread-safe.
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
     * One Adam step into new arrays.
     *
     * @param parameters θ before the step; not modified
     * @param gradient   dL/dθ at θ, same length; not modified
     * @param state      the optimiser state before the step, same length; not modified
     * @return the parameters and state after the step, not yet checked for finiteness
     */
    public AdamUpdate step(final double[] parameters, final double[] gradient, final AdamState state) {
        return step(hyper.learningRate(), parameters, gradient, state);
    }

    /**
     * {@link #step(double[], double[], AdamState)} with another learning rate than the
     * hyperparameters': a model's own rate (changed by a command or a schedule), passed as a plain
     * double so that no hyperparameter object is built per record.
     *
     * @param lr the learning rate of this step; finite and positive
     */
    public AdamUpdate step(final double lr, final double[] parameters, final double[] gradient, final AdamState state) {
        checkLengths(parameters, gradient, state);
        final int n = parameters.length;
        final long t = state.step() + 1;
        if (isPlain()) {
            final double[] theta = new double[n];
            final double[] m = new double[n];
            final double[] v = new double[n];
            plainStep(lr, parameters, gradient, state.m(), state.v(), theta, m, v, t);
            return new AdamUpdate(theta, new AdamState(m, v, new double[0], t));
        }
        final double[] vmax = !hyper.amsgrad()
                ? new double[0]
                : state.vmax().length == n ? state.vmax().clone() : new double[n];
        return generalUpdate(
                lr, parameters.clone(), gradient, state.m().clone(), state.v().clone(), vmax, t);
    }

    /** True for the default update: ε outside, no AMSGrad, no weight decay. */
    private boolean isPlain() {
        return !hyper.amsgrad() && hyper.weightDecay() == 0.0 && hyper.epsilonPlacement() == EpsilonPlacement.OUTSIDE;
    }

    private static void checkLengths(final double[] parameters, final double[] gradient, final AdamState state) {
        final int n = parameters.length;
        if (gradient.length != n || state.size() != n) {
            throw new IllegalArgumentException(
                    "lengths differ: parameters=" + n + ", gradient=" + gradient.length + ", state=" + state.size());
        }
    }

    /** Step {@code t} of any configuration, written over θ, m, v and vmax: fresh copies of the inputs. */
    private AdamUpdate generalUpdate(
            final double lr,
            final double[] theta,
            final double[] gradient,
            final double[] m,
            final double[] v,
            final double[] vmax,
            final long t) {
        final double bias1 = 1 - Math.pow(hyper.beta1(), t);
        final double bias2 = 1 - Math.pow(hyper.beta2(), t);
        final double sqrtBias2 = Math.sqrt(bias2);
        final double clip = clipFactor(gradient);
        final double coupledDecay = hyper.decoupledWeightDecay() ? 0.0 : hyper.weightDecay();
        final double decoupledFactor = hyper.decoupledWeightDecay() ? 1 - lr * hyper.weightDecay() : 1.0;
        for (int i = 0; i < theta.length; i++) {
            double g = gradient[i] * clip;
            double p = theta[i];
            if (coupledDecay > 0) {
                g = g + coupledDecay * p;
            }
            if (decoupledFactor != 1.0) {
                p = p * decoupledFactor;
            }
            final double mi = m[i] + oneMinusBeta1 * (g - m[i]);
            final double vi = v[i] * hyper.beta2() + oneMinusBeta2 * (g * g);
            double vbar = vi;
            if (hyper.amsgrad()) {
                vbar = Math.max(vmax[i], vi);
                vmax[i] = vbar;
            }
            m[i] = mi;
            v[i] = vi;
            theta[i] = p - delta(lr, mi, vbar, bias1, bias2, sqrtBias2);
        }
        return new AdamUpdate(theta, new AdamState(m, v, vmax, t));
    }

    /**
     * The default update (ε outside, no AMSGrad, no weight decay) as one branch-free loop that the
     * JIT compiles to SIMD; every operation is the general loop's, in the same order, so the
     * results are bit for bit the same. The outputs are fresh arrays, so the JIT can see that no
     * store feeds a later load.
     */
    private void plainStep(
            final double lr,
            final double[] parameters,
            final double[] gradient,
            final double[] m0,
            final double[] v0,
            final double[] theta,
            final double[] m,
            final double[] v,
            final long t) {
        final double bias1 = 1 - Math.pow(hyper.beta1(), t);
        final double sqrtBias2 = Math.sqrt(1 - Math.pow(hyper.beta2(), t));
        final double clip = clipFactor(gradient);
        final double beta2 = hyper.beta2();
        final double eps = hyper.epsilon();
        final double stepSize = lr / bias1;
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

    private double delta(
            final double lr,
            final double m,
            final double vbar,
            final double bias1,
            final double bias2,
            final double sqrtBias2) {
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
