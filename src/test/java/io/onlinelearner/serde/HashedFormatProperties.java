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
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;

/** Any hashed model's state, of any size and indices anywhere in [0, 2^31), reads back equal from format 6. */
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
            state = state.withStopping(new StoppingState(1, 0.5, 2, live)).withFrozen(live);
        }
        final byte[] bytes = serde.serialize("t", state);
        assertThat(bytes[0]).isEqualTo((byte) 6);
        assertThat(serde.deserialize("t", bytes))
                .as("format 6 carries no texts")
                .isEqualTo(state.withNames(FeatureNames.NONE));
    }
}
