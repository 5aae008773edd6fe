package io.onlinelearner.optim;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ArrayPoolTest {

    @Test
    void shouldHandBackAGivenArrayOfTheSameLengthOnly() {
        final ArrayPool pool = new ArrayPool();
        final double[] given = {1.0, 2.0, 3.0};
        pool.give(given);
        assertThat(pool.take(2)).hasSize(2).isNotSameAs(given);
        assertThat(pool.take(3)).isSameAs(given);
        assertThat(pool.take(3)).isNotSameAs(given).containsExactly(0.0, 0.0, 0.0);
        assertThat(pool.spares()).isZero();
    }

    @Test
    void shouldKeepAnArrayGivenTwiceOnce() {
        final ArrayPool pool = new ArrayPool();
        final double[] given = new double[4];
        pool.give(given);
        pool.give(given);
        assertThat(pool.spares()).isEqualTo(1);
        assertThat(pool.take(4)).isSameAs(given);
        assertThat(pool.take(4)).isNotSameAs(given);
    }

    @Test
    void shouldBoundWhatItKeeps() {
        final ArrayPool pool = new ArrayPool();
        for (int i = 0; i < ArrayPool.SPARES_PER_LENGTH + 5; i++) {
            pool.give(new double[7]);
        }
        assertThat(pool.spares()).isEqualTo(ArrayPool.SPARES_PER_LENGTH);
        for (int length = 1; length <= ArrayPool.LENGTHS + 3; length++) {
            pool.give(new double[100 + length]);
        }
        assertThat(pool.spares()).isEqualTo(ArrayPool.SPARES_PER_LENGTH + ArrayPool.LENGTHS - 1);
        pool.give(new double[0]);
        assertThat(pool.spares()).isEqualTo(ArrayPool.SPARES_PER_LENGTH + ArrayPool.LENGTHS - 1);
    }
}
