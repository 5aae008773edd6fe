package io.onlinelearner.optim;

import static org.assertj.core.api.Assertions.assertThat;

import io.onlinelearner.config.LearnerConfig;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/** The default configuration's SIMD-friendly loop gives bit for bit what the formula written out per element gives. */
class AdamFastPathProperties {

    @Property(tries = 200)
    void shouldMatchTheElementwiseFormulaBitForBit(
            @ForAll @IntRange(min = 1, max = 40) final int n,
            @ForAll @LongRange(min = 0, max = 5000) final long step,
            @ForAll final long seed) {
        final Random random = new Random(seed);
        final double[] theta = random.doubles(n, -3, 3).toArray();
        final double[] gradient = random.doubles(n, -50, 50).toArray();
        final AdamState state = new AdamState(
                random.doubles(n, -1, 1).toArray(), random.doubles(n, 0, 4).toArray(), new double[0], step);
        final AdamHyperparameters hyper = LearnerConfig.defaults().adam().withLearningRate(0.01);

        final AdamUpdate update = new Adam(hyper).step(theta, gradient, state);

        final long t = step + 1;
        final double bias1 = 1 - Math.pow(hyper.beta1(), t);
        final double bias2 = 1 - Math.pow(hyper.beta2(), t);
        for (int i = 0; i < n; i++) {
            final double m = state.m()[i] + (1 - hyper.beta1()) * (gradient[i] - state.m()[i]);
            final double v = state.v()[i] * hyper.beta2() + (1 - hyper.beta2()) * (gradient[i] * gradient[i]);
            final double expected = theta[i]
                    - (hyper.learningRate() / bias1) * (m / (Math.sqrt(v) / Math.sqrt(bias2) + hyper.epsilon()));
            assertThat(Double.doubleToRawLongBits(update.state().m()[i])).isEqualTo(Double.doubleToRawLongBits(m));
            assertThat(Double.doubleToRawLongBits(update.state().v()[i])).isEqualTo(Double.doubleToRawLongBits(v));
            assertThat(Double.doubleToRawLongBits(update.parameters()[i]))
                    .isEqualTo(Double.doubleToRawLongBits(expected));
        }
        assertThat(update.state().step()).isEqualTo(t);
        assertThat(update.state().vmax()).isEmpty();
    }
}
