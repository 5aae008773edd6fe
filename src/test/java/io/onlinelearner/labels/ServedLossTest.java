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
    void shouldLeaveEveryEarlierWindowAsItWasWhenTheyGrowApart() {
        final ServedLoss base = ServedLoss.empty(3).with(1.0).with(2.0);
        final ServedLoss left = base.with(3.0);
        final ServedLoss right = base.with(9.0);
        final ServedLoss leftLonger = left.with(4.0).with(5.0);

        assertThat(base.losses()).containsExactly(1.0, 2.0);
        assertThat(left.losses()).containsExactly(1.0, 2.0, 3.0);
        assertThat(right.losses()).containsExactly(1.0, 2.0, 9.0);
        assertThat(leftLonger.losses()).containsExactly(3.0, 4.0, 5.0);
        assertThat(right.with(8.0).losses()).containsExactly(2.0, 9.0, 8.0);
        assertThat(left.mean()).isEqualTo(2.0);
        assertThat(right.mean()).isEqualTo(4.0);
    }

    @Test
    void shouldEqualTheWindowOfTheSameLossesWhateverItsBuffer() {
        ServedLoss grown = ServedLoss.empty(100);
        final double[] all = new double[1000];
        for (int i = 0; i < all.length; i++) {
            all[i] = i * 0.5;
            grown = grown.with(all[i]);
        }
        final ServedLoss copied = ServedLoss.of(100, all);

        assertThat(grown).isEqualTo(copied).hasSameHashCodeAs(copied);
        assertThat(grown.losses()).containsExactly(copied.losses());
        assertThat(grown.mean()).isEqualTo(copied.mean()).isEqualTo(474.75);
        assertThat(grown.footprint()).as("capacity plus a quarter of slack").isEqualTo(125);
        assertThat(grown.with(1.0)).isNotEqualTo(copied);
    }

    @Test
    void shouldRefuseAnEmptyCapacity() {
        assertThatThrownBy(() -> ServedLoss.empty(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ServedLoss.of(0, new double[0])).isInstanceOf(IllegalArgumentException.class);
    }
}
