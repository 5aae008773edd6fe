package io.onlinelearner.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DecimatingSeriesTest {

    @Test
    void shouldKeepEveryMultipleOfTheStrideUntilFull() {
        final DecimatingSeries series = new DecimatingSeries(4, 2);
        for (long x = 1; x <= 8; x++) {
            series.offer(x, x * 10.0);
        }
        final DecimatingSeries.Points points = series.points();
        assertThat(points.xs()).containsExactly(2, 4, 6, 8);
        assertThat(points.ys()).containsExactly(20.0, 40.0, 60.0, 80.0);
        assertThat(points.stride()).isEqualTo(2);
    }

    @Test
    void shouldDropEveryOtherPointAndDoubleTheStrideWhenFull() {
        final DecimatingSeries series = new DecimatingSeries(4, 1);
        for (long x = 1; x <= 10; x++) {
            series.offer(x, x);
        }
        final DecimatingSeries.Points points = series.points();
        assertThat(points.stride()).isEqualTo(4);
        assertThat(points.xs()).containsExactly(4, 8);
    }

    @Test
    void shouldIgnoreNonFiniteValues() {
        final DecimatingSeries series = new DecimatingSeries(4, 1);
        series.offer(1, Double.NaN);
        series.offer(2, Double.POSITIVE_INFINITY);
        series.offer(3, 1.5);
        assertThat(series.points().xs()).containsExactly(3);
    }

    @Test
    void shouldIgnorePointsNotBeyondTheLastOne() {
        final DecimatingSeries series = new DecimatingSeries(2, 1);
        for (int i = 0; i < 5; i++) {
            series.offer(2, 1.0);
            series.offer(4, 2.0);
        }
        series.offer(3, 3.0);
        assertThat(series.points().xs()).containsExactly(2, 4);
        series.offer(8, 4.0);
        assertThat(series.points().xs()).containsExactly(4, 8);
        assertThat(series.points().stride()).isEqualTo(4);
    }
}
