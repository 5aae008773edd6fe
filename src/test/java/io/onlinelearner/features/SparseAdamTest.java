package io.onlinelearner.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.onlinelearner.model.HashedFeatures;
import org.junit.jupiter.api.Test;

class SparseAdamTest {

    private static final double LR = 0.05;
    private final SparseAdam adam = new SparseAdam(0.9, 0.999, 1e-8);

    @Test
    void shouldTakeTheFirstStepAsTheFormulaSays() {
        final HashedFeatures x = HashedFeatures.of(new int[] {3, 70}, new double[] {2.0, -0.5});
        final double dLoss = -4.0;
        final SparseAdam.Step step = adam.step(LR, SparseWeights.ZERO, SparseMoments.ZERO, x, dLoss, true);
        final double stepSize = LR * Math.sqrt(1 - 0.999) / (1 - 0.9);
        for (int k = 0; k < 2; k++) {
            final double g = dLoss * x.value(k);
            final double m = (1 - 0.9) * g;
            final double v = (1 - 0.999) * g * g;
            assertThat(step.moments().m(x.index(k))).isEqualTo(m);
            assertThat(step.moments().v(x.index(k))).isEqualTo(v);
            assertThat(step.weights().weight(x.index(k)))
                    .isCloseTo(-stepSize * m / (Math.sqrt(v) + 1e-8), within(1e-15));
        }
        assertThat(step.weights().bias())
                .isCloseTo(-stepSize * (0.1 * dLoss) / (Math.sqrt(0.001 * 16) + 1e-8), within(1e-15));
        assertThat(step.moments().step()).isEqualTo(1);
        assertThat(step.weights().indices()).containsExactly(3, 70);
    }

    @Test
    void shouldLeaveAbsentIndicesAndItsArgumentsAsTheyWere() {
        final SparseAdam.Step first = adam.step(
                LR,
                SparseWeights.ZERO,
                SparseMoments.ZERO,
                HashedFeatures.of(new int[] {1, 5}, new double[] {1, 1}),
                1.0,
                true);
        final SparseWeights weights = first.weights();
        final SparseMoments moments = first.moments();
        final double[] w = weights.weights();
        final double[] m = moments.m();
        final SparseAdam.Step second =
                adam.step(LR, weights, moments, HashedFeatures.of(new int[] {2, 5}, new double[] {1, 3}), -2.0, true);
        assertThat(weights.weights()).containsExactly(w);
        assertThat(moments.m()).containsExactly(m);
        assertThat(second.weights().indices()).containsExactly(1, 2, 5);
        assertThat(second.weights().weight(1)).isEqualTo(weights.weight(1));
        assertThat(second.moments().m(1)).isEqualTo(moments.m(1));
        assertThat(second.moments().v(1)).isEqualTo(moments.v(1));
        assertThat(second.moments().m(5)).isNotEqualTo(moments.m(5));
        assertThat(second.moments().step()).isEqualTo(2);
    }

    @Test
    void shouldNotLearnTheBiasWithoutIntercept() {
        final SparseAdam.Step step = adam.step(
                LR,
                SparseWeights.ofBias(0.5),
                SparseMoments.ZERO,
                HashedFeatures.of(new int[] {0}, new double[] {1}),
                1.0,
                false);
        assertThat(step.weights().bias()).isEqualTo(0.5);
        assertThat(step.moments().biasM()).isZero();
    }

    @Test
    void shouldReportANonFiniteStep() {
        final SparseAdam.Step step = adam.step(
                LR,
                SparseWeights.ZERO,
                SparseMoments.ZERO,
                HashedFeatures.of(new int[] {0}, new double[] {1e200}),
                1e200,
                true);
        assertThat(step.isFinite()).isFalse();
    }

    @Test
    void shouldReportAStepWhoseOnlyNonFiniteValueIsTheBiasSecondMoment() {
        final SparseAdam.Step step = adam.step(
                LR,
                SparseWeights.ZERO,
                SparseMoments.ZERO,
                HashedFeatures.of(new int[] {3}, new double[] {1e-300}),
                1e200,
                true);
        assertThat(step.moments().mAt(0)).isFinite();
        assertThat(step.moments().biasV()).isInfinite();
        assertThat(step.isFinite()).isFalse();
    }

    @Test
    void shouldReportANonFiniteSecondMomentAtOneOfManyIndices() {
        final SparseAdam.Step first = adam.step(
                LR,
                SparseWeights.ZERO,
                SparseMoments.ZERO,
                HashedFeatures.of(new int[] {1, 5, 9}, new double[] {1, 2, 3}),
                0.5,
                true);
        final SparseAdam.Step step = adam.step(
                LR,
                first.weights(),
                first.moments(),
                HashedFeatures.of(new int[] {7}, new double[] {1e200}),
                1.0,
                false);
        assertThat(first.isFinite()).isTrue();
        assertThat(step.moments().size()).isEqualTo(4);
        assertThat(step.isFinite()).isFalse();
    }
}
