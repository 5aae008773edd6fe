package io.onlinelearner.drift;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PageHinkleyTest {

    private final PageHinkley test = new PageHinkley(new DriftConfig(3, 0.0, 1.0, 1.0, DriftAction.ALERT));

    @Test
    void shouldFollowTheFormulaStepByStep() {
        final PageHinkleyState one = test.update(PageHinkleyState.INITIAL, 1.0);
        assertThat(one).isEqualTo(new PageHinkleyState(1, 1.0, 0.0, false));
        final PageHinkleyState two = test.update(one, 3.0);
        assertThat(two).isEqualTo(new PageHinkleyState(2, 2.0, 1.0, false));
        final PageHinkleyState three = test.update(two, 5.0);
        assertThat(three).isEqualTo(new PageHinkleyState(3, 3.0, 3.0, true));
    }

    @Test
    void shouldNotFireBeforeMinInstancesWhateverTheStatistic() {
        final PageHinkleyState two = test.update(test.update(PageHinkleyState.INITIAL, 0.0), 100.0);
        assertThat(two.sum()).isGreaterThan(1.0);
        assertThat(two.fired()).isFalse();
    }

    @Test
    void shouldReArmAfterADetection() {
        PageHinkleyState state = PageHinkleyState.INITIAL;
        for (final double loss : new double[] {1.0, 3.0, 5.0}) {
            state = test.update(state, loss);
        }
        assertThat(state.fired()).isTrue();
        final PageHinkleyState rearmed = test.update(state, 7.0);
        assertThat(rearmed).isEqualTo(new PageHinkleyState(1, 7.0, 0.0, false));
    }

    @Test
    void shouldForgetWithAlphaAndNeverGoBelowZero() {
        final PageHinkley forgetful = new PageHinkley(new DriftConfig(1, 0.5, 100.0, 0.5, DriftAction.ALERT));
        final PageHinkleyState down = forgetful.update(new PageHinkleyState(1, 10.0, 4.0, false), 0.0);
        assertThat(down.sum()).isEqualTo(Math.max(0.0, 0.5 * 4.0 + (0.0 - 5.0 - 0.5)));
        assertThat(down.sum()).isZero();
        final PageHinkleyState up = forgetful.update(new PageHinkleyState(1, 0.0, 4.0, false), 4.0);
        assertThat(up.sum()).isEqualTo(0.5 * 4.0 + (4.0 - 2.0 - 0.5));
    }
}
