package io.onlinelearner.optim;

import java.util.OptionalDouble;

/**
 * Adam's immutable hyperparameters, as in {@code torch.optim.Adam}/{@code AdamW}.
 *
 * @param learningRate         lr, the step size; positive
 * @param beta1                decay of the first moment, in [0, 1)
 * @param beta2                decay of the second moment, in [0, 1)
 * @param epsilon              ε, positive; where it enters is {@code epsilonPlacement}
 * @param epsilonPlacement     which of the three published forms of the update to use
 * @param amsgrad              keep the running maximum of {@code v} and divide by it (Reddi et al.)
 * @param weightDecay          weight decay, zero or more
 * @param decoupledWeightDecay true: AdamW's {@code θ ← θ·(1 − lr·wd)}; false: L2 added to the gradient
 * @param maxGradNorm          when present, clip the gradient's L2 norm as {@code clip_grad_norm_}
 */
public record AdamHyperparameters(
        double learningRate,
        double beta1,
        double beta2,
        double epsilon,
        EpsilonPlacement epsilonPlacement,
        boolean amsgrad,
        double weightDecay,
        boolean decoupledWeightDecay,
        OptionalDouble maxGradNorm) {

    /** Checks every value, so that an optimiser can never be built from a nonsensical setting. */
    public AdamHyperparameters {
        requireFinite(learningRate > 0, "learningRate", learningRate, "a finite number > 0");
        requireFinite(beta1 >= 0 && beta1 < 1, "beta1", beta1, "a number in [0, 1)");
        requireFinite(beta2 >= 0 && beta2 < 1, "beta2", beta2, "a number in [0, 1)");
        requireFinite(epsilon > 0, "epsilon", epsilon, "a finite number > 0");
        requireFinite(weightDecay >= 0, "weightDecay", weightDecay, "a finite number >= 0");
        if (epsilonPlacement == null) {
            throw new IllegalArgumentException("epsilonPlacement must be one of outside, inside, hat");
        }
        if (maxGradNorm == null) {
            throw new IllegalArgumentException("maxGradNorm must be present or empty, not null");
        }
        maxGradNorm.ifPresent(norm -> requireFinite(norm > 0, "maxGradNorm", norm, "a finite number > 0"));
    }

    /** A copy with another learning rate. */
    public AdamHyperparameters withLearningRate(final double lr) {
        return new AdamHyperparameters(
                lr, beta1, beta2, epsilon, epsilonPlacement, amsgrad, weightDecay, decoupledWeightDecay, maxGradNorm);
    }

    private static void requireFinite(final boolean ok, final String name, final double value, final String allowed) {
        if (!ok || !Double.isFinite(value)) {
            throw new IllegalArgumentException(name + " = " + value + ": must be " + allowed);
        }
    }
}
