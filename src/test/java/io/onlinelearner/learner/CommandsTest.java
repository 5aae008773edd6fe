package io.onlinelearner.learner;

import static io.onlinelearner.learner.Fixtures.at;
import static io.onlinelearner.learner.Fixtures.ex;
import static io.onlinelearner.learner.Fixtures.learner;
import static io.onlinelearner.learner.Fixtures.round;
import static io.onlinelearner.learner.Fixtures.train;
import static org.assertj.core.api.Assertions.assertThat;

import io.onlinelearner.drift.PageHinkleyState;
import io.onlinelearner.model.Command;
import io.onlinelearner.model.DoubleVector;
import io.onlinelearner.optim.Adam;
import io.onlinelearner.optim.AdamUpdate;
import io.onlinelearner.schedule.PlateauConfig;
import io.onlinelearner.schedule.PlateauState;
import io.onlinelearner.stopping.StoppingConfig;
import io.onlinelearner.stopping.StoppingState;
import io.onlinelearner.stopping.Weights;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class CommandsTest {

    private static final List<Command> ALL = List.of(
            new Command.Stop(),
            new Command.Resume(Command.ResumeFrom.BEST),
            new Command.Resume(Command.ResumeFrom.LAST),
            new Command.Reset(),
            new Command.SetLr(0.5));

    private final Learner learner = learner();

    /** Trained 4 records, round 0 closed (best, 4 updates), then trained 3 more records. */
    private ModelState training() {
        final ModelState afterRound =
                round(learner, train(learner, null, 4, 0), 3.0).state();
        return train(learner, afterRound, 3, 4);
    }

    private ModelState stopped() {
        return learner.command(training(), new Command.Stop()).state();
    }

    @Test
    void shouldIgnoreEveryCommandToAModelWithNoStateAsNewGenerationZeroWritingNothing() {
        for (final Command command : ALL) {
            final Outcome outcome = learner.command(null, command);
            assertThat(outcome.kind()).isEqualTo(Outcome.Kind.COMMAND_IGNORED);
            assertThat(outcome.state()).isNull();
            assertThat(outcome.write()).isFalse();
            assertThat(outcome.snapshots()).isEmpty();
            assertThat(outcome.events()).singleElement().isInstanceOfSatisfying(ControlEvent.Ignored.class, e -> {
                assertThat(e.status()).isEqualTo(PublishedStatus.NEW);
                assertThat(e.generation()).isZero();
                assertThat(e.cause()).isEqualTo(Cause.COMMAND);
                assertThat(e.command()).isEqualTo(command.name());
            });
        }
    }

    @Test
    void shouldStopATrainingModelFrozenToTheBestSnapshotWithTheLastClosedRound() {
        final ModelState before = training();
        final Outcome outcome = learner.command(before, new Command.Stop());
        final ModelState after = outcome.state();
        assertThat(outcome.kind()).isEqualTo(Outcome.Kind.COMMAND_APPLIED);
        assertThat(outcome.write()).isTrue();
        assertThat(after.status()).isEqualTo(ModelStatus.STOPPED);
        assertThat(after.frozen()).isEqualTo(before.best());
        assertThat(after.frozen().updates()).isEqualTo(4);
        assertThat(after.frozen().trainedThrough()).isEqualTo(at(3));
        assertThat(outcome.snapshots()).containsExactly(after);
        assertThat(outcome.events())
                .containsExactly(new ControlEvent.Stopped(
                        Cause.COMMAND,
                        0,
                        PublishedStatus.STOPPED,
                        0,
                        0,
                        before.stopping().best(),
                        4,
                        1,
                        new Weights.Dense(DoubleVector.of(before.best().theta().get(0))),
                        before.best().theta().get(1),
                        at(3)));
    }

    @Test
    void shouldStopAModelWithoutRoundsAtItsLiveParametersWithNullRounds() {
        final ModelState before = train(learner, null, 3, 0);
        final Outcome outcome = learner.command(before, new Command.Stop());
        assertThat(outcome.state().frozen()).isEqualTo(before.live());
        assertThat(outcome.events()).singleElement().isInstanceOfSatisfying(ControlEvent.Stopped.class, e -> {
            assertThat(e.stoppedRound()).isNull();
            assertThat(e.bestRound()).isNull();
            assertThat(e.bestLoss()).isNull();
            assertThat(e.updates()).isEqualTo(3);
            assertThat(e.trainedThrough()).isEqualTo(at(2));
        });
    }

    @Test
    void shouldIgnoreStopOfAStoppedModelAndResumeOfATrainingOneWithTheirStatusAndGeneration() {
        final ModelState stopped = stopped();
        final Outcome stop = learner.command(stopped, new Command.Stop());
        assertThat(stop.kind()).isEqualTo(Outcome.Kind.COMMAND_IGNORED);
        assertThat(stop.state()).isSameAs(stopped);
        assertThat(stop.write()).isFalse();
        assertThat(stop.events())
                .containsExactly(
                        new ControlEvent.Ignored(Cause.COMMAND, 0, PublishedStatus.STOPPED, "stop", "already stopped"));
        final ModelState resumed = learner.command(stopped, new Command.Resume(Command.ResumeFrom.BEST))
                .state();
        final Outcome resume = learner.command(resumed, new Command.Resume(Command.ResumeFrom.LAST));
        assertThat(resume.write()).isFalse();
        assertThat(resume.events()).singleElement().isInstanceOfSatisfying(ControlEvent.Ignored.class, e -> {
            assertThat(e.status()).isEqualTo(PublishedStatus.TRAINING);
            assertThat(e.generation()).isEqualTo(1);
            assertThat(e.command()).isEqualTo("resume");
        });
    }

    @Test
    void shouldResumeFromBestWithTheFrozenParametersAndAWarmRestartOfAdam() {
        final ModelState stopped = stopped();
        final Outcome outcome = learner.command(stopped, new Command.Resume(Command.ResumeFrom.BEST));
        final ModelState resumed = outcome.state();
        assertThat(resumed.status()).isEqualTo(ModelStatus.TRAINING);
        assertThat(resumed.live()).isEqualTo(stopped.frozen());
        assertThat(resumed.moments()).isEqualTo(Moments.zero(2, false));
        assertThat(resumed.generation()).isEqualTo(1);
        assertThat(resumed.lr()).isEqualTo(stopped.lr());
        assertThat(resumed.stopping()).isEqualTo(StoppingState.INITIAL);
        assertThat(resumed.plateau()).isEqualTo(PlateauState.INITIAL);
        assertThat(resumed.drift()).isEqualTo(PageHinkleyState.INITIAL);
        assertThat(resumed.round()).isEqualTo(new RoundState(1, 0, 0.0, stopped.lastRoundLoss(), 0));
        assertThat(outcome.snapshots()).isEmpty();
        assertThat(outcome.events())
                .containsExactly(new ControlEvent.Resumed(
                        Cause.COMMAND, 1, PublishedStatus.TRAINING, Command.ResumeFrom.BEST, 4));
        final ModelState next = learner.train(resumed, ex(1, 1), at(99)).state();
        assertThat(next.moments().t()).isEqualTo(1);
        assertThat(next.updates()).isEqualTo(5);
    }

    @Test
    void shouldResumeFromLastWithTheParametersAndAdamStateOfTheStop() {
        final ModelState stopped = stopped();
        final Outcome outcome = learner.command(stopped, new Command.Resume(Command.ResumeFrom.LAST));
        assertThat(outcome.state().live()).isEqualTo(stopped.live());
        assertThat(outcome.state().moments()).isEqualTo(stopped.moments());
        assertThat(outcome.state().frozen()).isNull();
        assertThat(outcome.events())
                .containsExactly(new ControlEvent.Resumed(
                        Cause.COMMAND, 1, PublishedStatus.TRAINING, Command.ResumeFrom.LAST, 7));
    }

    @Test
    void shouldResetAnyExistingModelToItsInitialStateAndRateAndPublishIt() {
        for (final ModelState before : List.of(training(), stopped())) {
            final ModelState fast = learner.command(before, new Command.SetLr(0.7))
                    .state()
                    .withPlateau(new PlateauState(0.5, 2, 1))
                    .withDrift(new PageHinkleyState(3, 0.25, 1.5, true));
            final Outcome outcome = learner.command(fast, new Command.Reset());
            final ModelState reset = outcome.state();
            final ModelState initial = learner.initialState(1);
            assertThat(reset.live()).isEqualTo(initial.live());
            assertThat(reset.live().trainedThrough()).isNull();
            assertThat(reset.moments()).isEqualTo(initial.moments());
            assertThat(reset.round()).isEqualTo(RoundState.INITIAL);
            assertThat(reset.stopping()).isEqualTo(StoppingState.INITIAL);
            assertThat(reset.frozen()).isNull();
            assertThat(reset.plateau()).isEqualTo(PlateauState.INITIAL);
            assertThat(reset.drift()).isEqualTo(PageHinkleyState.INITIAL);
            assertThat(reset.status()).isEqualTo(ModelStatus.TRAINING);
            assertThat(reset.lr()).isEqualTo(Fixtures.LR);
            assertThat(reset.generation()).isEqualTo(before.generation() + 1);
            assertThat(outcome.events())
                    .containsExactly(new ControlEvent.Reset(Cause.COMMAND, 1, PublishedStatus.TRAINING));
            assertThat(outcome.snapshots()).containsExactly(reset);
            assertThat(Snapshot.of("m", reset).round()).isNull();
            assertThat(Snapshot.of("m", reset).updates()).isZero();
        }
    }

    @Test
    void shouldSetTheRateOfAnyExistingModelAndUseItForTheNextUpdate() {
        final ModelState before = training();
        final Outcome outcome = learner.command(before, new Command.SetLr(0.5));
        assertThat(outcome.events())
                .containsExactly(
                        new ControlEvent.LrChanged(Cause.COMMAND, 0, PublishedStatus.TRAINING, Fixtures.LR, 0.5, null));
        assertThat(outcome.snapshots()).isEmpty();
        final ModelState fast = outcome.state();
        final ModelState next = learner.train(fast, ex(1, 1), at(7)).state();
        final double[] theta = before.parameters();
        final double g = 2 * (theta[0] + theta[1] - 1);
        final AdamUpdate expected = new Adam(
                        io.onlinelearner.config.LearnerConfig.defaults().adam().withLearningRate(0.5))
                .step(theta, new double[] {g, g}, before.adam());
        assertThat(next.parameters()).containsExactly(expected.parameters());
        final Outcome onStopped = learner.command(stopped(), new Command.SetLr(0.5));
        assertThat(onStopped.kind()).isEqualTo(Outcome.Kind.COMMAND_APPLIED);
        assertThat(onStopped.state().lr()).isEqualTo(0.5);
    }

    @Test
    void shouldRunThePlateauScheduleOnWarmUpRoundsToo() {
        final Learner warm = learner(
                new StoppingConfig(2, 5, 0, OptionalDouble.empty(), 3, true),
                Optional.of(new PlateauConfig(0.5, 1, 0.0, 0, 0.0)),
                Optional.empty(),
                PredictParameters.LIVE);
        final ModelState first = round(warm, train(warm, null, 2, 0), 3.0).state();
        final Outcome second = round(warm, first, 3.0);

        assertThat(second.state().best())
                .as("rounds 0 and 1 are warm-up rounds")
                .isNull();
        assertThat(second.events())
                .containsExactly(new ControlEvent.LrChanged(
                        Cause.PLATEAU, 0, PublishedStatus.TRAINING, Fixtures.LR, Fixtures.LR * 0.5, 1));
        assertThat(second.state().lr()).isEqualTo(Fixtures.LR * 0.5);
    }

    @Test
    void shouldCountWarmUpRoundsAgainAfterAResumeWhileRoundNumbersGoOn() {
        final Learner warm = learner(
                new StoppingConfig(2, 5, 0, OptionalDouble.empty(), 1, true),
                Optional.empty(),
                Optional.empty(),
                PredictParameters.LIVE);
        ModelState s = round(warm, train(warm, null, 2, 0), 3.0).state();
        assertThat(s.best()).isNull();
        s = round(warm, s, 3.0).state();
        assertThat(s.stopping().bestRound()).isEqualTo(1);
        s = warm.command(warm.command(s, new Command.Stop()).state(), new Command.Resume(Command.ResumeFrom.LAST))
                .state();
        s = round(warm, s, 3.0).state();
        assertThat(s.round().last()).isEqualTo(2);
        assertThat(s.best())
                .as("round 2 is the first since the resume: warm-up")
                .isNull();
        s = round(warm, s, 3.0).state();
        assertThat(s.stopping().bestRound()).isEqualTo(3);
    }
}
