package io.onlinelearner.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.onlinelearner.features.SparseWeights;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/**
 * A checkpoint's weight that is its reference's weight at its index (here the live weights), bit for
 * bit, is stored as one bit; any other (changed since, -0 against 0, or at an index the reference
 * lacks) as it is; indices that are the reference's are not written.
 */
class CheckpointWeightsTest {

    private static final SparseWeights LIVE =
            SparseWeights.of(new int[] {2, 5, 9, 40}, new double[] {0.5, 0.0, -1.25, 3.0}, 0.75);

    @Test
    void shouldStoreTheWeightsThatAreStillLiveAsBits() {
        final SparseWeights best = SparseWeights.of(new int[] {2, 5, 7, 9}, new double[] {0.5, -0.0, 4.0, -1.25}, 0.5);
        final CheckpointWeights.Plan plan = CheckpointWeights.plan(best, LIVE);
        assertThat(plan.same()).as("indices 2 and 9").isEqualTo(2);
        assertThat(plan.bytes())
                .as("count, a byte for other indices, four one-byte gaps, one byte of bits, two weights, the bias")
                .isEqualTo(Integer.BYTES + 1 + 4 + 1 + 2 * Double.BYTES + Double.BYTES);
        final SparseWeights read = readBack(plan);
        assertThat(read).isEqualTo(best);
        assertThat(Double.doubleToRawLongBits(read.weightAt(1))).isEqualTo(Double.doubleToRawLongBits(-0.0));
    }

    @Test
    void shouldStoreAFrozenCopyOfTheLiveWeightsAsBitsAlone() {
        final CheckpointWeights.Plan plan = CheckpointWeights.plan(LIVE, LIVE);
        assertThat(plan.same()).isEqualTo(4);
        assertThat(plan.sameIndices()).isTrue();
        assertThat(plan.bytes())
                .as("count, a byte for the reference's indices, one byte of bits, the bias")
                .isEqualTo(Integer.BYTES + 1 + 1 + Double.BYTES);
        assertThat(readBack(plan)).isEqualTo(LIVE);
        assertThat(readBack(CheckpointWeights.plan(SparseWeights.ofBias(-1.0), LIVE)))
                .isEqualTo(SparseWeights.ofBias(-1.0));
    }

    @Test
    void shouldReadACopyOfManyWeightsInFewerBytesThanItHasIndices() {
        final int[] indices = new int[40];
        final double[] weights = new double[40];
        for (int j = 0; j < indices.length; j++) {
            indices[j] = 3 * j;
            weights[j] = j / 7.0;
        }
        final SparseWeights best = SparseWeights.of(indices, weights, 0.25);
        final CheckpointWeights.Plan plan = CheckpointWeights.plan(best, best);
        assertThat(plan.bytes()).isEqualTo(Integer.BYTES + 1 + 5 + Double.BYTES).isLessThan(40);
        final ByteBuffer buffer = written(plan);
        assertThat(CheckpointWeights.read(buffer, best)).isEqualTo(best);
    }

    @Test
    void shouldRefuseAWeightMarkedLiveWhereTheLiveWeightsHaveNone() {
        final SparseWeights best = SparseWeights.of(new int[] {2, 7}, new double[] {0.5, 4.0}, 0.5);
        final ByteBuffer buffer = written(CheckpointWeights.plan(best, LIVE));
        final int bits = Integer.BYTES + 1 + 2;
        buffer.array()[bits] = 3;
        assertThatThrownBy(() -> CheckpointWeights.read(buffer, LIVE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no reference weight at index 7");
        assertThatThrownBy(() -> CheckpointWeights.read(
                        written(CheckpointWeights.plan(best, LIVE)).putInt(0, 99), LIVE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a count of 99 does not fit the record");
    }

    private static ByteBuffer written(final CheckpointWeights.Plan plan) {
        final ByteBuffer buffer = ByteBuffer.allocate(plan.bytes());
        plan.put(buffer);
        assertThat(buffer.remaining()).as("bytes() is what put() writes").isZero();
        return buffer.rewind();
    }

    private static SparseWeights readBack(final CheckpointWeights.Plan plan) {
        final ByteBuffer buffer = written(plan);
        final SparseWeights read = CheckpointWeights.read(buffer, LIVE);
        assertThat(buffer.remaining()).isZero();
        return read;
    }
}
