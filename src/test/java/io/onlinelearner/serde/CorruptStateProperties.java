package io.onlinelearner.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.onlinelearner.features.FeatureNames;
import io.onlinelearner.features.SparseMoments;
import io.onlinelearner.features.SparseWeights;
import io.onlinelearner.learner.LazyMoments;
import io.onlinelearner.learner.ModelState;
import io.onlinelearner.model.Position;
import io.onlinelearner.stopping.Checkpoint;
import io.onlinelearner.stopping.Weights;
import java.nio.ByteBuffer;
import java.util.List;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.apache.kafka.common.errors.SerializationException;

/**
 * Stored bytes that are not a state, whatever is wrong with them, fail to read as a
 * {@link SerializationException} and nothing else: the store's readers (listings, idle eviction)
 * skip such an entry by that exception, and must not be stopped by another.
 */
class CorruptStateProperties {

    /** Where a dense state keeps its dimension: after the version and the flags byte. */
    private static final int FEATURES_AT = 2;

    private final ModelStateSerde serde = new ModelStateSerde(0.001);

    @Property(tries = 500)
    void anIntWrittenAnywhereInADenseStateReadsBackOrFailsAsASerializationException(
            @ForAll @IntRange(min = 0, max = 10_000) final int at, @ForAll final int value) {
        assertReadsOrFailsAsSerialization(overwritten(serde.serialize("t", ModelStateSerdeTest.full()), at, value));
    }

    @Property(tries = 500)
    void anIntWrittenAnywhereInAHashedStateReadsBackOrFailsAsASerializationException(
            @ForAll @IntRange(min = 0, max = 10_000) final int at, @ForAll final int value) {
        assertReadsOrFailsAsSerialization(overwritten(serde.serialize("t", hashed()), at, value));
    }

    @Property(tries = 300)
    void anyBytesReadBackOrFailAsASerializationException(@ForAll @Size(max = 300) final byte[] bytes) {
        assertReadsOrFailsAsSerialization(bytes);
    }

    @Example
    void aDimensionThatOverflowsWithTheInterceptFailsAsASerializationException() {
        final byte[] bytes = serde.serialize("t", ModelStateSerdeTest.full());
        final int features = FEATURES_AT;
        assertThat(ByteBuffer.wrap(bytes).getInt(features)).as("features field").isEqualTo(2);
        assertThat(catchThrowable(() -> serde.deserialize("t", overwritten(bytes, features, Integer.MAX_VALUE))))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("dimension " + Integer.MAX_VALUE);
    }

    private void assertReadsOrFailsAsSerialization(final byte[] bytes) {
        final Throwable thrown = catchThrowable(() -> serde.deserialize("t", bytes));
        if (thrown != null) {
            assertThat(thrown).isInstanceOf(SerializationException.class);
        }
    }

    private static byte[] overwritten(final byte[] bytes, final int at, final int value) {
        final byte[] copy = bytes.clone();
        final int from = Math.min(at, Math.max(0, copy.length - Integer.BYTES));
        ByteBuffer.wrap(copy).putInt(from, value);
        return copy;
    }

    private static ModelState hashed() {
        final int[] indices = {3, 70_000, 262_143};
        final double[] values = {0.5, -1.25, 2};
        final Checkpoint live =
                new Checkpoint(new Weights.Sparse(SparseWeights.of(indices, values, 0.25)), 7, Position.train(0, 6));
        return ModelState.of(
                        1 << 18,
                        true,
                        live,
                        new LazyMoments(SparseMoments.of(indices, values, values, 0.1, 0.2, 7)),
                        0.01)
                .withNames(FeatureNames.of(indices, List.of(List.of("a"), List.of("b=x", "c"), List.of("u^v"))));
    }
}
