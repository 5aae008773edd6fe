package io.onlinelearner.serde;

import static org.assertj.core.api.Assertions.assertThat;

import io.onlinelearner.features.FeatureNames;
import io.onlinelearner.features.SparseMoments;
import io.onlinelearner.features.SparseWeights;
import io.onlinelearner.learner.LazyMoments;
import io.onlinelearner.learner.ModelState;
import io.onlinelearner.model.Position;
import io.onlinelearner.stopping.Checkpoint;
import io.onlinelearner.stopping.StoppingState;
import io.onlinelearner.stopping.Weights;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Scale;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;

/**
 * Any hashed model's state, of any size and indices anywhere in [0, 2^31), reads back equal from
 * format 8 (a snapshot with some weights changed since and an index fewer, a frozen copy of the
 * live weights); moments that one step from zero gave are stored as their gradient and read back bit for
 * bit, whatever Adam's betas (each index with a weight of its own, so that no entry is shared).
 */
class HashedFormatProperties {

    private final ModelStateSerde serde = new ModelStateSerde(0.001);

    @Property(tries = 200)
    void roundTripsAnyHashedState(
            @ForAll @Size(max = 40) final Set<@IntRange(min = 0, max = Integer.MAX_VALUE) Integer> touched,
            @ForAll final double bias,
            @ForAll @StringLength(max = 12) final String text,
            @ForAll final boolean stopped,
            @ForAll final boolean momentsElsewhere,
            @ForAll @IntRange(min = 0, max = 1_000_000) final int updates) {
        final int[] indices =
                new TreeSet<>(touched).stream().mapToInt(Integer::intValue).toArray();
        final double[] values = new double[indices.length];
        final List<List<String>> names = new ArrayList<>();
        for (int k = 0; k < indices.length; k++) {
            values[k] = k - bias / 3;
            names.add(k % 2 == 0 ? List.of(text) : List.of(text + k, "ü*" + k));
        }
        final Checkpoint live = new Checkpoint(
                new Weights.Sparse(SparseWeights.of(indices, values, bias)), updates, Position.train(1, updates));
        ModelState state = ModelState.of(
                        1 << 24,
                        true,
                        live,
                        new LazyMoments(
                                momentsElsewhere && indices.length > 0
                                        ? SparseMoments.of(
                                                Arrays.copyOfRange(indices, 1, indices.length),
                                                Arrays.copyOfRange(values, 1, values.length),
                                                Arrays.copyOfRange(values, 1, values.length),
                                                bias,
                                                1.0,
                                                updates)
                                        : SparseMoments.of(indices, values, values, bias, 1.0, updates)),
                        0.01)
                .withNames(FeatureNames.of(indices, names));
        if (stopped) {
            final double[] since = values.clone();
            for (int k = 0; k < since.length; k += 3) {
                since[k] += 1;
            }
            final int from = indices.length > 1 ? 1 : 0;
            final Checkpoint best = new Checkpoint(
                    new Weights.Sparse(SparseWeights.of(
                            Arrays.copyOfRange(indices, from, indices.length),
                            Arrays.copyOfRange(since, from, since.length),
                            bias / 2)),
                    updates / 2,
                    Position.train(1, updates / 2));
            state = state.withStopping(new StoppingState(1, 0.5, 2, best)).withFrozen(live);
        }
        final byte[] bytes = serde.serialize("t", state);
        assertThat(bytes[0]).isEqualTo((byte) 8);
        assertThat(serde.deserialize("t", bytes))
                .as("format 8 carries no texts")
                .isEqualTo(state.withNames(FeatureNames.NONE));
    }

    @Property(tries = 300)
    void storesFirstStepMomentsAsTheirGradientAndReadsEveryMomentBackBitForBit(
            @ForAll @Size(max = 60) final List<@DoubleRange(min = -1e6, max = 1e6) Double> gradients,
            @ForAll @Size(max = 60) final List<Double> others,
            @ForAll @DoubleRange(min = 0, max = 0.999999) @Scale(6) final double beta1,
            @ForAll @DoubleRange(min = 0, max = 0.999999) @Scale(6) final double beta2) {
        final double c1 = 1 - beta1;
        final double c2 = 1 - beta2;
        final int k = gradients.size() + others.size() / 2;
        final int[] indices = new int[k];
        final double[] m = new double[k];
        final double[] v = new double[k];
        int firstSteps = 0;
        for (int j = 0; j < k; j++) {
            indices[j] = 3 * j + 1;
            if (j < gradients.size()) {
                final double g = gradients.get(j);
                m[j] = 0.0 + c1 * (g - 0.0);
                v[j] = 0.0 + c2 * (g * g - 0.0);
                firstSteps += Math.abs(g) >= 1e-100 || g == 0.0 ? 1 : 0;
            } else {
                final int o = 2 * (j - gradients.size());
                m[j] = others.get(o);
                v[j] = others.get(o + 1);
            }
        }
        final double[] theta = new double[k];
        Arrays.setAll(theta, j -> j + 0.25);
        final ModelState state = ModelState.of(
                1 << 20,
                true,
                new Checkpoint(new Weights.Sparse(SparseWeights.of(indices, theta, 0.5)), k, Position.train(0, k)),
                new LazyMoments(SparseMoments.of(indices, m, v, 0.25, 0.125, k)),
                0.01);
        final byte[] bytes = new ModelStateSerde(0.001, beta1, beta2).serialize("t", state);
        final byte[] plain = serde.serialize("t", state);
        assertThat(new ModelStateSerde(0.5).deserialize("t", bytes))
                .as("read back bit for bit, without the betas")
                .isEqualTo(state);
        assertThat(plain.length - bytes.length)
                .as("eight bytes fewer for each moment pair stored as its gradient")
                .isGreaterThanOrEqualTo(8 * firstSteps)
                .isEqualTo(8 * ((plain.length - bytes.length) / 8));
    }
}
