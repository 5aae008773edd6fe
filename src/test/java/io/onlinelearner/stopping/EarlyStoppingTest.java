package io.onlinelearner.stopping;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class EarlyStoppingTest {

    private static final Checkpoint AT_ZERO = new Checkpoint(new double[] {0.0}, 0);

    private static Checkpoint at(final int updates) {
        return new Checkpoint(new double[] {updates}, updates);
    }

    /** Feeds the losses as rounds 0, 1, … and returns the round that stopped, or -1. */
    private static int stopRound(final EarlyStopping stopping, final double... losses) {
        StoppingState state = StoppingState.INITIAL;
        for (int r = 0; r < losses.length; r++) {
            final EarlyStopping.Decision decision = stopping.onRound(state, r, losses[r], at(r));
            state = decision.state();
            if (decision.stop()) {
                return r;
            }
        }
        return -1;
    }

    private static EarlyStopping stopping(
            final int patience,
            final double minDelta,
            final OptionalDouble baseline,
            final int warmup,
            final boolean restoreBest) {
        return new EarlyStopping(new StoppingConfig(10, patience, minDelta, baseline, warmup, restoreBest));
    }

    @Test
    void shouldStopAfterPatienceRoundsWithoutImprovement() {
        final EarlyStopping es = stopping(2, 0, OptionalDouble.empty(), 0, true);
        assertThat(stopRound(es, 5, 4, 3, 3.5, 3.2, 1)).isEqualTo(4);
        assertThat(stopRound(es, 5, 4, 3, 2, 1)).isEqualTo(-1);
    }

    @Test
    void shouldStopAtTheFirstRoundWithoutImprovementWithPatienceZeroButNeverAtRoundZero() {
        final EarlyStopping es = stopping(0, 0, OptionalDouble.empty(), 0, true);
        assertThat(stopRound(es, 5, 6)).isEqualTo(1);
        assertThat(stopRound(es, Double.NaN, Double.NaN)).isEqualTo(1);
        assertThat(stopRound(es, Double.NaN, 6)).isEqualTo(-1);
        assertThat(stopRound(es, 5, 4, 3, 3)).isEqualTo(3);
    }

    @Test
    void shouldTreatATieWithinMinDeltaAsNoImprovement() {
        final EarlyStopping es = stopping(1, 0.5, OptionalDouble.empty(), 0, true);
        assertThat(stopRound(es, 5, 4.5)).isEqualTo(1);
        assertThat(stopRound(es, 5, 4.4, 3.8, 3.3)).isEqualTo(3);
        assertThat(stopRound(stopping(1, -0.5, OptionalDouble.empty(), 0, true), 5, 4.5))
                .isEqualTo(1);
    }

    @Test
    void shouldNeverCountANaNRoundLossAsImprovement() {
        final EarlyStopping es = stopping(2, 0, OptionalDouble.empty(), 0, true);
        StoppingState state = StoppingState.INITIAL;
        state = es.onRound(state, 0, 1.0, at(0)).state();
        final EarlyStopping.Decision nan = es.onRound(state, 1, Double.NaN, at(1));
        assertThat(nan.state().best()).isEqualTo(1.0);
        assertThat(nan.state().bestRound()).isZero();
        assertThat(nan.state().waited()).isEqualTo(1);
        assertThat(es.onRound(nan.state(), 2, Double.NaN, at(2)).stop()).isTrue();
    }

    @Test
    void shouldKeepWaitingWhenImprovementsNeverBeatTheBaseline() {
        final EarlyStopping es = stopping(3, 0, OptionalDouble.of(1.0), 0, true);
        StoppingState state = StoppingState.INITIAL;
        final double[] losses = {5, 4, 3};
        for (int r = 0; r < losses.length; r++) {
            final EarlyStopping.Decision decision = es.onRound(state, r, losses[r], at(r));
            state = decision.state();
            assertThat(decision.stop()).isFalse();
            assertThat(state.bestRound()).isEqualTo(r);
            assertThat(state.waited()).isEqualTo(r + 1);
        }
        assertThat(es.onRound(state, 3, 3.5, at(3)).stop()).isTrue();
        assertThat(stopRound(es, 5, 4, 3, 2.5, 2.4, 2.3)).isEqualTo(-1);
        assertThat(stopRound(es, 5, 0.5, 0.4, 0.3, 0.2)).isEqualTo(-1);
    }

    @Test
    void shouldIgnoreWarmupRounds() {
        final EarlyStopping es = stopping(1, 0, OptionalDouble.empty(), 3, true);
        assertThat(stopRound(es, 1, 2, 3, 4, 5)).isEqualTo(4);
        StoppingState state = StoppingState.INITIAL;
        for (int r = 0; r < 3; r++) {
            state = es.onRound(state, r, 1.0, at(r)).state();
        }
        assertThat(state).isEqualTo(StoppingState.INITIAL);
        state = es.onRound(state, 3, 9.0, at(3)).state();
        assertThat(state.bestRound()).isEqualTo(3);
        assertThat(state.snapshot()).isEqualTo(at(3));
    }

    @Test
    void shouldFreezeTheBestSnapshotWithRestoreBestAndTheCurrentParametersWithout() {
        final StoppingState state = new StoppingState(4, 1.0, 2, at(2));
        assertThat(stopping(1, 0, OptionalDouble.empty(), 0, true).frozen(state, at(7)))
                .isEqualTo(at(2));
        assertThat(stopping(1, 0, OptionalDouble.empty(), 0, false).frozen(state, at(7)))
                .isEqualTo(at(7));
    }

    @Test
    void shouldSnapshotTheFirstRoundAfterWarmupEvenWithoutImprovement() {
        final EarlyStopping es = stopping(1, 0, OptionalDouble.empty(), 0, true);
        final EarlyStopping.Decision first = es.onRound(StoppingState.INITIAL, 0, Double.NaN, AT_ZERO);
        assertThat(first.state().snapshot()).isEqualTo(AT_ZERO);
        assertThat(first.state().hasBest()).isFalse();
        final EarlyStopping.Decision second = es.onRound(first.state(), 1, Double.NaN, at(1));
        assertThat(second.stop()).isTrue();
        assertThat(es.frozen(second.state(), at(1))).isEqualTo(AT_ZERO);
    }

    @Test
    void shouldTakeThePublishedRoundNumberForTheRuleThatRoundZeroNeverStops() {
        final EarlyStopping es = stopping(1, 0, OptionalDouble.empty(), 0, true);
        assertThat(es.onRound(StoppingState.INITIAL, 4, 0, Double.NaN, at(4)).stop())
                .as("the first round after a resume, round 4, not improving")
                .isTrue();
        assertThat(es.onRound(StoppingState.INITIAL, 0, 0, Double.NaN, AT_ZERO).stop())
                .as("round 0 after a reset")
                .isFalse();
        assertThat(stopping(1, 0, OptionalDouble.empty(), 1, true)
                        .onRound(StoppingState.INITIAL, 4, 0, Double.NaN, at(4))
                        .stop())
                .as("round 4 in the warm-up of one round since the resume")
                .isFalse();
    }
}
