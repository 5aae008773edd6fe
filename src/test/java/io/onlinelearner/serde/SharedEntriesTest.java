package io.onlinelearner.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/**
 * Entries that several indices hold bit for bit are stored once and referred to; an index whose
 * {@code m} matches an earlier one but whose {@code θ} or {@code v} does not stores its own after
 * them; every entry reads back bit for bit.
 */
class SharedEntriesTest {

    private static final double C1 = 0.1;
    private static final double C2 = 0.001;

    /** Index 0, 2 and 4 hold one entry; 3 has 0's m but another θ; 5 has 1's m and θ but another v. */
    private static final double[] THETA = {-0.5, 0.25, -0.5, 0.75, -0.5, 0.25};

    private static final double[] M = {0.2, 0.3, 0.2, 0.2, 0.2, 0.3};
    private static final double[] V = {0.04, 0.09, 0.04, 0.04, 0.04, 0.08};

    @Test
    void shouldStoreAnEntryHeldBySeveralIndicesOnce() {
        final SharedEntries.Plan plan = plan(THETA, M, V);
        assertThat(plan.entries()).isEqualTo(2);
        assertThat(plan.refs()).containsExactly(1, 2, 1, 0, 1, 0);
        assertThat(plan.order())
                .as("the entries referred to, then the own ones in order")
                .containsExactly(0, 1, 3, 5);
        assertThat(plan.bytes())
                .as("the count, one byte per reference, four pairs as they are, four weights")
                .isEqualTo(Integer.BYTES + 6 + 2 * Double.BYTES + 1 + 4 * 2 * Double.BYTES + 4 * Double.BYTES);
        assertThat(readBack(plan, 6)).isEqualTo(new double[][] {THETA, M, V});
    }

    @Test
    void shouldReferEveryIndexToItsEntryWhenNoneRepeats() {
        final double[] theta = {1, 2, 3};
        final SharedEntries.Plan plan = plan(theta, new double[] {4, 5, 6}, new double[] {7, 8, 9});
        assertThat(plan.entries()).isEqualTo(3);
        assertThat(plan.refs()).containsExactly(1, 2, 3);
        assertThat(readBack(plan, 3)).isEqualTo(new double[][] {theta, {4, 5, 6}, {7, 8, 9}});
        assertThat(readBack(plan(new double[0], new double[0], new double[0]), 0))
                .isEqualTo(new double[][] {{}, {}, {}});
    }

    @Test
    void shouldTellZeroFromNegativeZero() {
        final double[] theta = {0.0, -0.0, 0.0};
        final double[] zeros = {0.0, 0.0, 0.0};
        final SharedEntries.Plan plan = plan(theta, zeros, zeros);
        assertThat(plan.refs()).containsExactly(1, 0, 1);
        final double[][] read = readBack(plan, 3);
        assertThat(Double.doubleToRawLongBits(read[0][1])).isEqualTo(Double.doubleToRawLongBits(-0.0));
        assertThat(Double.doubleToRawLongBits(read[0][2])).isEqualTo(Double.doubleToRawLongBits(0.0));
    }

    @Test
    void shouldKeepFirstStepMomentsAsGradientsInTheStoredEntries() {
        final double g = -2.5;
        final double m = 0.0 + C1 * (g - 0.0);
        final double v = 0.0 + C2 * (g * g - 0.0);
        final SharedEntries.Plan plan = plan(new double[] {0.1, 0.1}, new double[] {m, m}, new double[] {v, v});
        assertThat(plan.bytes())
                .as("the count, two references, the constants, one flag byte, the gradient, one weight")
                .isEqualTo(Integer.BYTES + 2 + 2 * Double.BYTES + 1 + Double.BYTES + Double.BYTES);
        assertThat(readBack(plan, 2)).isEqualTo(new double[][] {{0.1, 0.1}, {m, m}, {v, v}});
    }

    @Test
    void shouldRefuseAReferenceBeyondTheEntriesOrMoreEntriesThanIndices() {
        final SharedEntries.Plan plan = plan(THETA, M, V);
        final ByteBuffer buffer = written(plan);
        buffer.array()[Integer.BYTES + 1] = 3;
        assertThatThrownBy(() -> SharedEntries.read(buffer.rewind(), 6))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("entry 3 of 2");
        final ByteBuffer many = written(plan).putInt(0, 7);
        assertThatThrownBy(() -> SharedEntries.read(many, 6))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("7 entries referred to by 6 indices");
    }

    private static SharedEntries.Plan plan(final double[] theta, final double[] m, final double[] v) {
        return SharedEntries.plan(theta.length, j -> theta[j], j -> m[j], j -> v[j], C1, C2);
    }

    private static ByteBuffer written(final SharedEntries.Plan plan) {
        final ByteBuffer buffer = ByteBuffer.allocate(plan.bytes());
        plan.put(buffer);
        assertThat(buffer.remaining()).as("bytes() is what put() writes").isZero();
        return buffer.rewind();
    }

    private static double[][] readBack(final SharedEntries.Plan plan, final int k) {
        final ByteBuffer buffer = written(plan);
        final double[][] read = SharedEntries.read(buffer, k);
        assertThat(buffer.remaining()).isZero();
        return read;
    }
}
