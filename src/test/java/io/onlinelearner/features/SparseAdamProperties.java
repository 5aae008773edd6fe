package io.onlinelearner.features;

import static org.assertj.core.api.Assertions.assertThat;

import io.onlinelearner.model.HashedFeatures;
import io.onlinelearner.optim.Adam;
import io.onlinelearner.optim.AdamHyperparameters;
import io.onlinelearner.optim.AdamState;
import io.onlinelearner.optim.AdamUpdate;
import io.onlinelearner.optim.EpsilonPlacement;
import java.util.List;
import java.util.OptionalDouble;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Lazy Adam against the dense optimiser with ε at the hat, where the two must agree. */
class SparseAdamProperties {

    private static final int D = 4;

    /** When every record has every index, lazy Adam is Adam with the hat placement of ε. */
    @Property(tries = 200)
    void equalsDenseAdamWithTheHatWhenEveryIndexIsInEveryRecord(@ForAll("gradients") final List<double[]> gradients) {
        final Adam dense = new Adam(new AdamHyperparameters(
                0.01, 0.9, 0.999, 1e-8, EpsilonPlacement.HAT, false, 0, false, OptionalDouble.empty()));
        final SparseAdam lazy = new SparseAdam(0.9, 0.999, 1e-8);
        double[] theta = new double[D + 1];
        AdamState state = AdamState.initial(D + 1, false);
        SparseWeights weights = SparseWeights.ZERO;
        SparseMoments moments = SparseMoments.ZERO;
        for (final double[] x : gradients) {
            final double dLoss = x[D];
            final double[] gradient = new double[D + 1];
            for (int i = 0; i < D; i++) {
                gradient[i] = dLoss * x[i];
            }
            gradient[D] = dLoss;
            final AdamUpdate update = dense.step(theta, gradient, state);
            theta = update.parameters();
            state = update.state();
            final SparseAdam.Step step = lazy.step(
                    0.01,
                    weights,
                    moments,
                    HashedFeatures.of(new int[] {0, 1, 2, 3}, java.util.Arrays.copyOf(x, D)),
                    dLoss,
                    true);
            weights = step.weights();
            moments = step.moments();
        }
        for (int i = 0; i < D; i++) {
            assertThat(close(weights.weight(i), theta[i]))
                    .as("w%d: %s vs %s", i, weights.weight(i), theta[i])
                    .isTrue();
            assertThat(close(moments.m(i), state.m()[i])).isTrue();
            assertThat(close(moments.v(i), state.v()[i])).isTrue();
        }
        assertThat(close(weights.bias(), theta[D])).isTrue();
        assertThat(moments.step()).isEqualTo(state.step());
    }

    private static boolean close(final double a, final double b) {
        return Math.abs(a - b) <= 1e-12 + 1e-9 * Math.abs(b);
    }

    @Provide
    Arbitrary<List<double[]>> gradients() {
        final Arbitrary<double[]> row = Arbitraries.doubles()
                .between(-10, 10)
                .filter(v -> v != 0.0)
                .array(double[].class)
                .ofSize(D + 1);
        return row.list().ofMinSize(1).ofMaxSize(30);
    }
}
