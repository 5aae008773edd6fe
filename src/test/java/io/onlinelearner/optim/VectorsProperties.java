package io.onlinelearner.optim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** The grouped finiteness check agrees with checking each element, wherever a bad value sits. */
class VectorsProperties {

    private static final double[] EXTREMES = {
        Double.MAX_VALUE, -Double.MAX_VALUE, Double.MIN_VALUE, -0.0, 0.0, 1e308, -1e-320, 1.0
    };
    private static final double[] NON_FINITE = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};

    @Property(tries = 500)
    void shouldTellFiniteArraysFromArraysWithANanOrAnInfinity(
            @ForAll @IntRange(min = 0, max = 37) final int n,
            @ForAll @IntRange(min = 0, max = 3) final int bad,
            @ForAll final long seed) {
        final Random random = new Random(seed);
        final double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = EXTREMES[random.nextInt(EXTREMES.length)];
        }
        for (int k = 0; k < bad && n > 0; k++) {
            values[random.nextInt(n)] = NON_FINITE[random.nextInt(NON_FINITE.length)];
        }
        assertThat(Vectors.allFinite(values)).isEqualTo(eachFinite(values));
    }

    private static boolean eachFinite(final double[] values) {
        for (final double value : values) {
            if (!Double.isFinite(value)) {
                return false;
            }
        }
        return true;
    }
}
