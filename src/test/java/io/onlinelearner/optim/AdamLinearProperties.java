package io.onlinelearner.optim;

import static org.assertj.core.api.Assertions.assertThat;

import io.onlinelearner.model.LinearModel;
import java.util.OptionalDouble;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/**
 * The linear model's step, which never builds the gradient on the default update, gives bit for
 * bit what the allocating step returns on {@code LinearModel.gradient}; and the branch-free
 * finiteness check agrees with {@link Double#isFinite} element by element.
 */
class AdamLinearProperties {

    @Property(tries = 300)
    void shouldMatchTheStepOnTheBuiltGradientBitForBit(
            @ForAll @IntRange(min = 1, max = 40) final int d, @ForAll @LongRange(min = 0, max = 5000) final long step,
            @ForAll final EpsilonPlacement placement, @ForAll final boolean amsgrad, @ForAll final boolean decay,
            @ForAll final boolean clip, @ForAll final boolean intercept, @ForAll final boolean plain,
            @ForAll final long seed) {
        final Random random = new Random(seed);
        final int n = d + (intercept ? 1 : 0);
        final double[] theta = random.doubles(n, -3, 3).toArray();
        final double[] x = random.doubles(d, -5, 5).toArray();
        final double dLoss = random.nextGaussian() * 10;
        final AdamState state = new AdamState(random.doubles(n, -1, 1).toArray(), random.doubles(n, 0, 4).toArray(),
                amsgrad && !plain ? random.doubles(n, 0, 4).toArray() : new double[0], step);
        final Adam adam = plain ? new Adam(new AdamHyperparameters(0.01, 0.9, 0.999, 1e-8, EpsilonPlacement.OUTSIDE,
                false, 0.0, false, OptionalDouble.empty()))
                : new Adam(new AdamHyperparameters(0.01, 0.9, 0.999, 1e-8, placement, amsgrad, decay ? 0.05 : 0.0,
                        false, clip ? OptionalDouble.of(1.0) : OptionalDouble.empty()));
        final double[] thetaBefore = theta.clone();
        final AdamState before = new AdamState(state.m().clone(), state.v().clone(), state.vmax().clone(), step);

        final AdamUpdate expected = adam.step(0.01, theta, LinearModel.gradient(dLoss, x, intercept), state);
        final AdamUpdate linear = adam.stepLinear(0.01, theta, dLoss, x, intercept, state);

        assertThat(linear).isEqualTo(expected);
        assertThat(theta).as("writes nothing").isEqualTo(thetaBefore);
        assertThat(state).isEqualTo(before);
    }

    @Property(tries = 300)
    void shouldCallAnArrayFiniteExactlyWhenEveryElementIs(@ForAll @IntRange(min = 0, max = 70) final int n,
            @ForAll @IntRange(min = 0, max = 5) final int special, @ForAll final long seed) {
        final Random random = new Random(seed);
        final double[] values = random.doubles(n, -1e300, 1e300).toArray();
        final double[] odd = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.MAX_VALUE,
            -Double.MAX_VALUE, -0.0};
        for (int k = 0; k < special && n > 0; k++) {
            values[random.nextInt(n)] = odd[random.nextInt(odd.length)];
        }
        boolean expected = true;
        for (final double value : values) {
            expected &= Double.isFinite(value);
        }
        assertThat(Vectors.allFinite(values)).isEqualTo(expected);
    }
}
