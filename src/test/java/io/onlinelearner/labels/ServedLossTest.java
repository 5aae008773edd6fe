package io.onlinelearner.labels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ServedLossTest {

    @Test
    void shouldHaveNoMeanBeforeTheFirstLoss() {
        assertThat(ServedLoss.empty(3).mean()).isNaN();
        assertThat(ServedLoss.empty(3).size()).isZero();
    }

    @Test
    void shouldAverageTheLatestLossesDroppingTheOldest() {
        final ServedLoss one = ServedLoss.empty(3).with(1.0);
        final ServedLoss four = one.with(2.0).with(3.0).with(7.0);

        assertThat(one.mean()).isEqualTo(1.0);
        assertThat(four.losses()).containsExactly(2.0, 3.0, 7.0);
        assertThat(four.mean()).isEqualTo(4.0);
        assertThat(one.losses()).as("a value: with() returns a new window").containsExactly(1.0);
    }

    @Test
    void shouldKeepOnlyTheNewestWhenMadeSmaller() {
        final ServedLoss window = ServedLoss.of(2, new double[] {1.0, 2.0, 3.0});

        assertThat(window.losses()).containsExactly(2.0, 3.0);
        assertThat(window.with(5.0).losses()).containsExactly(3.0, 5.0);
        assertThat(ServedLoss.of(5, new double[] {1.0}))
                .isEqualTo(ServedLoss.empty(5).with(1.0));
    }

    @Test
    void shouldRefuseAnEmptyCapacity() {
        assertThatThrownBy(() -> ServedLoss.empty(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ServedLoss.of(0, new double[0])).isInstanceOf(IllegalArgumentException.class);
    }
}
