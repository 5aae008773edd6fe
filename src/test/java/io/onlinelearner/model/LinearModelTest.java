package io.onlinelearner.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LinearModelTest {

    @Test
    void shouldSumFourInterleavedPartialSumsPairwiseThenTheRemainderInOrder() {
        final double[] x = {1e16, 1.0, -1e16, 1.0, 3.0, 0.5};
        final double[] theta = {1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 0.25};
        final double s0 = 1e16 + 0.0;
        final double s1 = 1.0;
        final double s2 = -1e16;
        final double s3 = 1.0;
        final double expected = ((s0 + s1) + (s2 + s3)) + 3.0 + 0.5;
        assertThat(LinearModel.predict(theta, x, false)).isEqualTo(expected).isEqualTo(3.5);
        assertThat(LinearModel.predict(theta, x, true)).isEqualTo(3.75);
        final double sequential = ((((1e16 + 1.0) - 1e16) + 1.0) + 3.0) + 0.5;
        assertThat(sequential).as("what one chain would give").isEqualTo(4.5);
    }

    @Test
    void shouldSumFewerThanFourFeaturesInOrder() {
        final double[] theta = {2.0, -1.0, 0.5, 10.0};
        assertThat(LinearModel.predict(theta, new double[] {1.0, 2.0, 4.0}, true))
                .isEqualTo(12.0);
        assertThat(LinearModel.predict(theta, new double[] {3.0}, false)).isEqualTo(6.0);
    }

    @Test
    void shouldWriteTheGradientIntoTheGivenArray() {
        final double[] out = {9.0, 9.0, 9.0};
        assertThat(LinearModel.gradient(-2.0, new double[] {1.0, 0.5}, true, out))
                .isSameAs(out)
                .containsExactly(-2.0, -1.0, -2.0);
        assertThat(LinearModel.gradient(3.0, new double[] {1.0, 0.5}, false)).containsExactly(3.0, 1.5);
    }
}
