package io.onlinelearner.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.onlinelearner.config.LearnerConfig;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class AdamTest {

    private static AdamHyperparameters hyper(
            final double lr,
            final EpsilonPlacement placement,
            final boolean amsgrad,
            final double decay,
            final boolean decoupled,
            final OptionalDouble clip) {
        return new AdamHyperparameters(lr, 0.9, 0.999, 1e-8, placement, amsgrad, decay, decoupled, clip);
    }

    @Test
    void shouldReproduceTheSeedWorkedExample() {
        final Adam adam = new Adam(LearnerConfig.defaults().adam().withLearningRate(0.1));
        final double w = 0.5;
        final double x = 3.0;
        final double y = 4.0;
        final double g = 2 * (w * x - y) * x;
        assertThat(g).isEqualTo(-15.0);

        final AdamUpdate update = adam.step(new double[] {w}, new double[] {g}, AdamState.initial(1, false));

        assertThat(update.state().m()[0]).isCloseTo(-1.5, within(1e-10));
        assertThat(update.state().v()[0]).isCloseTo(0.225, within(1e-10));
        assertThat(update.state().m()[0] / (1 - 0.9)).isCloseTo(-15.0, within(1e-10));
        assertThat(update.state().v()[0] / (1 - 0.999)).isCloseTo(225.0, within(1e-10));
        assertThat(update.parameters()[0]).isCloseTo(0.6, within(1e-10));
        assertThat(update.state().step()).isEqualTo(1);
    }

    @Test
    void shouldPlaceEpsilonAsEachFormSays() {
        final double g = 2.0;
        final double eps = 0.5;
        final double m = 0.1 * g;
        final double v = 0.001 * g * g;
        final double mhat = m / 0.1;
        final double vhat = v / 0.001;
        final double lr = 0.01;
        for (final EpsilonPlacement placement : EpsilonPlacement.values()) {
            final Adam adam = new Adam(
                    new AdamHyperparameters(lr, 0.9, 0.999, eps, placement, false, 0, false, OptionalDouble.empty()));
            final double theta = adam.step(new double[] {1.0}, new double[] {g}, AdamState.initial(1, false))
                    .parameters()[0];
            final double expected = switch (placement) {
                case OUTSIDE -> 1.0 - lr * mhat / (Math.sqrt(vhat) + eps);
                case INSIDE -> 1.0 - lr * mhat / Math.sqrt(vhat + eps);
                case HAT -> 1.0 - lr * Math.sqrt(0.001) / 0.1 * m / (Math.sqrt(v) + eps);
            };
            assertThat(theta).as(placement.name()).isCloseTo(expected, within(1e-15));
        }
    }

    @Test
    void shouldDivideByTheRunningMaximumOfVWithAmsgrad() {
        final Adam adam = new Adam(hyper(0.1, EpsilonPlacement.OUTSIDE, true, 0, false, OptionalDouble.empty()));
        final AdamUpdate first = adam.step(new double[] {0.0}, new double[] {10.0}, AdamState.initial(1, true));
        final AdamUpdate second = adam.step(first.parameters(), new double[] {0.0}, first.state());

        assertThat(second.state().v()[0]).isLessThan(first.state().v()[0]);
        assertThat(second.state().vmax()[0]).isEqualTo(first.state().v()[0]);
        final double bias1 = 1 - 0.9 * 0.9;
        final double bias2 = 1 - 0.999 * 0.999;
        final double expected = first.parameters()[0]
                - 0.1 / bias1 * second.state().m()[0] / (Math.sqrt(first.state().v()[0]) / Math.sqrt(bias2) + 1e-8);
        assertThat(second.parameters()[0]).isCloseTo(expected, within(1e-15));
    }

    @Test
    void shouldAddCoupledWeightDecayToTheGradient() {
        final Adam coupled = new Adam(hyper(0.1, EpsilonPlacement.OUTSIDE, false, 0.5, false, OptionalDouble.empty()));
        final Adam plain = new Adam(hyper(0.1, EpsilonPlacement.OUTSIDE, false, 0, false, OptionalDouble.empty()));
        final AdamUpdate withDecay = coupled.step(new double[] {2.0}, new double[] {1.0}, AdamState.initial(1, false));
        final AdamUpdate equivalent =
                plain.step(new double[] {2.0}, new double[] {1.0 + 0.5 * 2.0}, AdamState.initial(1, false));
        assertThat(withDecay).isEqualTo(equivalent);
    }

    @Test
    void shouldShrinkParametersBeforeTheStepWithDecoupledWeightDecay() {
        final Adam adamw = new Adam(hyper(0.1, EpsilonPlacement.OUTSIDE, false, 0.5, true, OptionalDouble.empty()));
        final Adam plain = new Adam(hyper(0.1, EpsilonPlacement.OUTSIDE, false, 0, false, OptionalDouble.empty()));
        final AdamUpdate decayed = adamw.step(new double[] {2.0}, new double[] {1.0}, AdamState.initial(1, false));
        final AdamUpdate undecayed =
                plain.step(new double[] {2.0 * (1 - 0.1 * 0.5)}, new double[] {1.0}, AdamState.initial(1, false));
        assertThat(decayed).isEqualTo(undecayed);
    }

    @Test
    void shouldClipTheGradientNormLikeTorch() {
        final Adam clipped = new Adam(hyper(0.1, EpsilonPlacement.OUTSIDE, false, 0, false, OptionalDouble.of(1.0)));
        final AdamUpdate update =
                clipped.step(new double[] {0, 0}, new double[] {3.0, 4.0}, AdamState.initial(2, false));
        final double coefficient = 1.0 / (5.0 + 1e-6);
        assertThat(update.state().m()[0]).isCloseTo(0.1 * 3.0 * coefficient, within(1e-15));
        assertThat(update.state().m()[1]).isCloseTo(0.1 * 4.0 * coefficient, within(1e-15));

        final AdamUpdate small =
                clipped.step(new double[] {0, 0}, new double[] {0.3, 0.4}, AdamState.initial(2, false));
        assertThat(small.state().m()[0]).isCloseTo(0.1 * 0.3, within(1e-15));
    }

    @Test
    void shouldLeaveItsInputsUntouched() {
        final Adam adam = new Adam(LearnerConfig.defaults().adam());
        final double[] theta = {1.0, 2.0};
        final double[] gradient = {0.5, -0.5};
        final AdamState state = new AdamState(new double[] {0.1, 0.2}, new double[] {0.3, 0.4}, new double[0], 7);
        adam.step(theta, gradient, state);
        assertThat(theta).containsExactly(1.0, 2.0);
        assertThat(gradient).containsExactly(0.5, -0.5);
        assertThat(state).isEqualTo(new AdamState(new double[] {0.1, 0.2}, new double[] {0.3, 0.4}, new double[0], 7));
    }

    @Test
    void shouldReportANonFiniteUpdate() {
        final Adam adam = new Adam(LearnerConfig.defaults().adam());
        assertThat(adam.step(new double[] {1.0}, new double[] {Double.POSITIVE_INFINITY}, AdamState.initial(1, false))
                        .isFinite())
                .isFalse();
        assertThat(adam.step(new double[] {1.0}, new double[] {1.0}, AdamState.initial(1, false))
                        .isFinite())
                .isTrue();
    }

    @Test
    void shouldRefuseNonsensicalHyperparameters() {
        assertThatThrownBy(() -> LearnerConfig.defaults().adam().withLearningRate(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("learningRate");
        assertThatThrownBy(() -> new AdamHyperparameters(
                        0.1, 1.0, 0.999, 1e-8, EpsilonPlacement.OUTSIDE, false, 0, false, OptionalDouble.empty()))
                .hasMessageContaining("beta1");
        assertThatThrownBy(() -> new Adam(LearnerConfig.defaults().adam())
                        .step(new double[2], new double[1], AdamState.initial(2, false)))
                .hasMessageContaining("lengths differ");
    }
}
