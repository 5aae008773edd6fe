package io.onlinelearner.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PlateauScheduleTest {

    private static PlateauSchedule.Step run(
            final PlateauSchedule schedule, final PlateauState start, final double lr, final double... losses) {
        PlateauSchedule.Step step = new PlateauSchedule.Step(start, lr);
        for (final double loss : losses) {
            step = schedule.onRound(step.state(), loss, step.lr());
        }
        return step;
    }

    @Test
    void shouldCutTheRateAfterPatienceRoundsWithoutImprovement() {
        final PlateauSchedule schedule = new PlateauSchedule(new PlateauConfig(0.5, 2, 0.0, 0, 0.0));
        assertThat(run(schedule, PlateauState.INITIAL, 0.1, 1.0, 1.0).lr()).isEqualTo(0.1);
        final PlateauSchedule.Step cut = run(schedule, PlateauState.INITIAL, 0.1, 1.0, 1.0, 1.0);
        assertThat(cut.lr()).isEqualTo(0.05);
        assertThat(cut.changed(0.1)).isTrue();
        assertThat(cut.state()).isEqualTo(new PlateauState(1.0, 0, 0));
    }

    @Test
    void shouldResetTheWaitOnAnImprovementBeyondMinDelta() {
        final PlateauSchedule schedule = new PlateauSchedule(new PlateauConfig(0.5, 2, 0.1, 0, 0.0));
        final PlateauSchedule.Step step = run(schedule, PlateauState.INITIAL, 0.1, 1.0, 0.95, 0.8);
        assertThat(step.lr()).isEqualTo(0.1);
        assertThat(step.state()).isEqualTo(new PlateauState(0.8, 0, 0));
        assertThat(run(schedule, PlateauState.INITIAL, 0.1, 1.0, 0.95, 0.95).lr())
                .isEqualTo(0.05);
    }

    @Test
    void shouldNotCountPlateauRoundsDuringCooldown() {
        final PlateauSchedule schedule = new PlateauSchedule(new PlateauConfig(0.5, 1, 0.0, 2, 0.0));
        final PlateauSchedule.Step cut = run(schedule, PlateauState.INITIAL, 0.1, 1.0, 1.0);
        assertThat(cut.lr()).isEqualTo(0.05);
        assertThat(cut.state().cooldownCounter()).isEqualTo(2);
        final PlateauSchedule.Step cooling = run(schedule, cut.state(), cut.lr(), 1.0);
        assertThat(cooling.lr()).isEqualTo(0.05);
        assertThat(cooling.state()).isEqualTo(new PlateauState(1.0, 0, 1));
        // Keras: the round that ends the cooldown counts again, so the next cut comes two rounds later
        assertThat(run(schedule, cooling.state(), cooling.lr(), 1.0).lr()).isEqualTo(0.025);
        final PlateauSchedule noCooldown = new PlateauSchedule(new PlateauConfig(0.5, 1, 0.0, 0, 0.0));
        assertThat(run(noCooldown, PlateauState.INITIAL, 0.1, 1.0, 1.0, 1.0).lr())
                .isEqualTo(0.025);
        assertThat(run(schedule, PlateauState.INITIAL, 0.1, 1.0, 1.0, 1.0).lr()).isEqualTo(0.05);
    }

    @Test
    void shouldClampTheRateAtMinLrAndStopCuttingThere() {
        final PlateauSchedule schedule = new PlateauSchedule(new PlateauConfig(0.1, 1, 0.0, 0, 0.004));
        final PlateauSchedule.Step first = run(schedule, PlateauState.INITIAL, 0.01, 1.0, 1.0);
        assertThat(first.lr()).isEqualTo(0.004);
        final PlateauSchedule.Step stays = run(schedule, first.state(), first.lr(), 1.0, 1.0, 1.0);
        assertThat(stays.lr()).isEqualTo(0.004);
        assertThat(stays.changed(0.004)).isFalse();
        assertThat(stays.state().waited()).isEqualTo(3);
    }
}
