package io.onlinelearner.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.function.IntToDoubleFunction;
import org.junit.jupiter.api.Test;

/** Moment pairs of one step from zero stored as their gradient, every other pair as it is, all read back bit for bit. */
class FirstStepMomentsTest {

    private static final double C1 = 1 - 0.9;
    private static final double C2 = 1 - 0.999;

    @Test
    void shouldFindTheGradientOfOneStepFromZero() {
        for (final double g : new double[] {0.5, -3.25, 1e-3, 12345.678, -0.1}) {
            final double m = 0.0 + C1 * (g - 0.0);
            final double v = 0.0 + C2 * (g * g - 0.0);
            final double found = FirstStepMoments.gradientOf(m, v, C1, C2);
            assertThat(Double.doubleToRawLongBits(C1 * found)).isEqualTo(Double.doubleToRawLongBits(m));
            assertThat(Double.doubleToRawLongBits(C2 * (found * found))).isEqualTo(Double.doubleToRawLongBits(v));
        }
        assertThat(FirstStepMoments.gradientOf(0.0, 0.0, C1, C2)).isZero();
    }

    @Test
    void shouldFindNoGradientForTwoStepsOrUnrelatedMoments() {
        final double m1 = C1 * 0.5;
        final double v1 = C2 * 0.25;
        final double m2 = m1 + C1 * (-1.5 - m1);
        final double v2 = v1 + C2 * (2.25 - v1);
        assertThat(FirstStepMoments.gradientOf(m2, v2, C1, C2)).isNaN();
        assertThat(FirstStepMoments.gradientOf(0.1, 0.4, C1, C2)).isNaN();
        assertThat(FirstStepMoments.gradientOf(C1 * 0.5, C2 * 0.25, Double.NaN, Double.NaN))
                .as("no constants, no gradients")
                .isNaN();
    }

    @Test
    void shouldWriteGradientsForFirstStepsAndReadEveryPairBackBitForBit() {
        final double[] m = {C1 * 0.5, 0.1, 0.0, -0.0, C1 * -7.0};
        final double[] v = {C2 * 0.25, 0.4, 0.0, 0.0, C2 * 49.0};
        final byte[] bytes = encode(m.length, j -> m[j], j -> v[j], C1, C2);
        assertThat(bytes).hasSize(2 * Double.BYTES + 1 + (m.length + 1) * Double.BYTES);
        assertThat(bytes[2 * Double.BYTES])
                .as("entries 0, 2, 3 and 4 as gradients")
                .isEqualTo((byte) 0b11101);
        final ByteBuffer buffer = ByteBuffer.wrap(bytes);
        final double[][] read = FirstStepMoments.read(buffer, m.length);
        assertThat(buffer.hasRemaining()).isFalse();
        assertThat(bits(read[0])).isEqualTo(bits(m));
        assertThat(bits(read[1])).isEqualTo(bits(v));
    }

    @Test
    void shouldStoreEveryPairAsItIsWithoutConstants() {
        final double[] m = {C1 * 0.5, 0.1};
        final double[] v = {C2 * 0.25, 0.4};
        final byte[] bytes = encode(2, j -> m[j], j -> v[j], Double.NaN, Double.NaN);
        assertThat(bytes).hasSize(2 * Double.BYTES + 1 + 4 * Double.BYTES);
        final double[][] read = FirstStepMoments.read(ByteBuffer.wrap(bytes), 2);
        assertThat(bits(read[0])).isEqualTo(bits(m));
        assertThat(bits(read[1])).isEqualTo(bits(v));
    }

    @Test
    void shouldRefuseBytesThatEndTooSoon() {
        final double[] m = {0.1, 0.2};
        final byte[] bytes = encode(2, j -> m[j], j -> m[j], C1, C2);
        assertThatThrownBy(() -> FirstStepMoments.read(ByteBuffer.wrap(Arrays.copyOf(bytes, bytes.length - 1)), 2))
                .isInstanceOf(BufferUnderflowException.class);
        final byte[] flagged = bytes.clone();
        flagged[2 * Double.BYTES] = (byte) 0xFC;
        assertThat(FirstStepMoments.read(ByteBuffer.wrap(flagged), 2)[1])
                .as("flags past the last entry are not counted")
                .hasSize(2);
    }

    private static byte[] encode(
            final int k, final IntToDoubleFunction m, final IntToDoubleFunction v, final double c1, final double c2) {
        final FirstStepMoments.Plan plan = FirstStepMoments.plan(k, m, v, c1, c2);
        final ByteBuffer buffer = ByteBuffer.allocate(plan.bytes());
        plan.put(buffer);
        assertThat(buffer.hasRemaining()).as("exactly the bytes planned").isFalse();
        return buffer.array();
    }

    private static long[] bits(final double[] values) {
        return Arrays.stream(values).mapToLong(Double::doubleToRawLongBits).toArray();
    }
}
