package io.onlinelearner.learner;

import static io.onlinelearner.learner.Fixtures.at;
import static io.onlinelearner.learner.Fixtures.ex;
import static org.assertj.core.api.Assertions.assertThat;

import io.onlinelearner.drift.DriftAction;
import io.onlinelearner.drift.DriftConfig;
import io.onlinelearner.drift.PageHinkleyState;
import io.onlinelearner.model.Command;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Drift detection in the learner: with minInstances 1, delta 0, alpha 1 and threshold 10, a first
 * record of loss 0 then one of loss 100 fires at n = 2 with statistic 50.
 */
class DriftActionsTest {

    private static Learner learner(final DriftAction action) {
        return Fixtures.learner(
                Fixtures.WINDOW_2,
                Optional.empty(),
                Optional.of(new DriftConfig(1, 0.0, 10.0, 1.0, action)),
                PredictParameters.LIVE);
    }

    /** One record whose loss under the initial parameters (w=2, b=1) is 0. */
    private static ModelState calm(final Learner learner) {
        return learner.train(null, ex(1.0, 3.0), at(0)).state();
    }

    /** The record whose loss is far above: fires the detector. */
    private static Outcome surprise(final Learner learner, final ModelState state) {
        final double prediction =
                state.published().theta().get(0) + state.published().theta().get(1);
        return learner.train(state, ex(1.0, prediction + 10.0), at(1));
    }

    /** The surprising record after a calm one and a stop command. */
    private static Outcome surpriseWhenStopped(final Learner learner) {
        final ModelState stopped =
                learner.command(calm(learner), new Command.Stop()).state();
        return surprise(learner, stopped);
    }

    @Test
    void shouldOnlyAlertAndThenApplyTheRecord() {
        final Learner learner = learner(DriftAction.ALERT);
        final Outcome outcome = surprise(learner, calm(learner));
        assertThat(outcome.events())
                .containsExactly(new ControlEvent.Drift(Cause.DRIFT, 0, PublishedStatus.TRAINING, 2, 50.0));
        assertThat(outcome.kind()).isEqualTo(Outcome.Kind.APPLIED);
        assertThat(outcome.state().updates()).isEqualTo(2);
        assertThat(outcome.state().drift().fired()).isTrue();
        final ModelState next =
                learner.train(outcome.state(), ex(1.0, 3.0), at(2)).state();
        assertThat(next.drift().n()).as("re-armed").isEqualTo(1);
    }

    @Test
    void shouldScoreTrainingRecordsOfAStoppedModelWithItsFrozenParameters() {
        final Learner learner = learner(DriftAction.ALERT);
        final ModelState stopped =
                learner.command(calm(learner), new Command.Stop()).state();
        final Outcome skipped = learner.train(stopped, ex(1.0, 0.0), at(1));
        assertThat(skipped.kind()).isEqualTo(Outcome.Kind.SKIPPED);
        assertThat(skipped.state().skipped()).isEqualTo(1);
        assertThat(skipped.state().drift().n()).isEqualTo(2);
        assertThat(skipped.state().live()).isEqualTo(stopped.live());
        final Outcome alert = surprise(learner, stopped);
        assertThat(alert.events())
                .containsExactly(new ControlEvent.Drift(Cause.DRIFT, 0, PublishedStatus.STOPPED, 2, 50.0));
        assertThat(alert.kind()).isEqualTo(Outcome.Kind.SKIPPED);
    }

    @Test
    void shouldResumeAStoppedModelFromBestThenApplyTheRecordThatFired() {
        final Outcome outcome = surpriseWhenStopped(learner(DriftAction.RESUME));
        assertThat(outcome.events())
                .containsExactly(
                        new ControlEvent.Drift(Cause.DRIFT, 0, PublishedStatus.STOPPED, 2, 50.0),
                        new ControlEvent.Resumed(Cause.DRIFT, 1, PublishedStatus.TRAINING, Command.ResumeFrom.BEST, 1));
        assertThat(outcome.kind()).isEqualTo(Outcome.Kind.APPLIED);
        final ModelState after = outcome.state();
        assertThat(after.status()).isEqualTo(ModelStatus.TRAINING);
        assertThat(after.generation()).isEqualTo(1);
        assertThat(after.updates()).isEqualTo(2);
        assertThat(after.moments().t()).as("warm restart, then one step").isEqualTo(1);
        assertThat(after.live().trainedThrough()).isEqualTo(at(1));
        assertThat(after.drift()).as("the record fed only the old detector").isEqualTo(PageHinkleyState.INITIAL);
        assertThat(outcome.snapshots()).isEmpty();
    }

    @Test
    void shouldLeaveATrainingModelAsItIsWhenTheActionIsResume() {
        final Learner learner = learner(DriftAction.RESUME);
        final Outcome outcome = surprise(learner, calm(learner));
        assertThat(outcome.events())
                .containsExactly(new ControlEvent.Drift(Cause.DRIFT, 0, PublishedStatus.TRAINING, 2, 50.0));
        assertThat(outcome.state().generation()).isZero();
        assertThat(outcome.state().updates()).isEqualTo(2);
    }

    @Test
    void shouldResetTheModelPublishItAndApplyTheRecordAsItsFirstUpdate() {
        final Learner learner = learner(DriftAction.RESET);
        final Outcome outcome = surprise(learner, calm(learner));
        assertThat(outcome.events())
                .containsExactly(
                        new ControlEvent.Drift(Cause.DRIFT, 0, PublishedStatus.TRAINING, 2, 50.0),
                        new ControlEvent.Reset(Cause.DRIFT, 1, PublishedStatus.TRAINING));
        assertThat(outcome.snapshots()).singleElement().satisfies(reset -> {
            assertThat(reset.updates()).isZero();
            assertThat(reset.live()).isEqualTo(learner.initialState(1).live());
            assertThat(reset.generation()).isEqualTo(1);
        });
        final ModelState after = outcome.state();
        assertThat(after.updates()).isEqualTo(1);
        assertThat(after.live().trainedThrough()).isEqualTo(at(1));
        assertThat(after.generation()).isEqualTo(1);
        assertThat(after.drift()).isEqualTo(PageHinkleyState.INITIAL);
    }

    @Test
    void shouldResetAStoppedModelToTrainingAndApplyTheRecordAsItsFirstUpdate() {
        final Outcome outcome = surpriseWhenStopped(learner(DriftAction.RESET));
        assertThat(outcome.events())
                .containsExactly(
                        new ControlEvent.Drift(Cause.DRIFT, 0, PublishedStatus.STOPPED, 2, 50.0),
                        new ControlEvent.Reset(Cause.DRIFT, 1, PublishedStatus.TRAINING));
        assertThat(outcome.kind()).isEqualTo(Outcome.Kind.APPLIED);
        assertThat(outcome.snapshots()).singleElement().satisfies(reset -> {
            assertThat(reset.status()).isEqualTo(ModelStatus.TRAINING);
            assertThat(reset.updates()).isZero();
            assertThat(reset.frozen()).isNull();
        });
        final ModelState after = outcome.state();
        assertThat(after.status()).isEqualTo(ModelStatus.TRAINING);
        assertThat(after.updates()).isEqualTo(1);
        assertThat(after.live().trainedThrough()).isEqualTo(at(1));
        assertThat(after.generation()).isEqualTo(1);
    }

    @Test
    void shouldKeepANonFiniteLossFromTheDetectorAndCountIt() {
        final Learner learner = learner(DriftAction.ALERT);
        final ModelState stopped =
                learner.command(calm(learner), new Command.Stop()).state();
        final Outcome huge = learner.train(stopped, ex(1.0, 1e200), at(1));
        assertThat(huge.kind()).isEqualTo(Outcome.Kind.SKIPPED);
        assertThat(huge.state().drift()).as("not fed").isEqualTo(stopped.drift());
        assertThat(huge.state().counters().nonFiniteLosses()).isEqualTo(1);
        assertThat(huge.state().skipped()).isEqualTo(1);
        assertThat(huge.events()).isEmpty();
        final Outcome alert = surprise(learner, huge.state());
        assertThat(alert.events())
                .as("the detector still works")
                .containsExactly(new ControlEvent.Drift(Cause.DRIFT, 0, PublishedStatus.STOPPED, 2, 50.0));
        assertThat(alert.state().counters().nonFiniteLosses()).isEqualTo(1);
    }

    @Test
    void shouldNeverLetTheDetectorOverflow() {
        final Learner learner = Fixtures.learner(
                Fixtures.WINDOW_2,
                Optional.empty(),
                Optional.of(new DriftConfig(1000, 0.0, 1e308, 1.0, DriftAction.ALERT)),
                PredictParameters.LIVE);
        ModelState s = learner.command(calm(learner), new Command.Stop()).state();
        final double y = 3.0 + 1.3e154; // loss about 1.7e308, finite
        for (int i = 0; i < 20; i++) {
            s = learner.train(s, ex(1.0, i % 2 == 0 ? 3.0 : y), at(i + 1)).state();
            assertThat(Double.isFinite(s.drift().sum())
                            && Double.isFinite(s.drift().mean()))
                    .as("finite after %d: %s", i, s.drift())
                    .isTrue();
        }
        assertThat(s.counters().nonFiniteLosses()).isPositive();
    }

    @Test
    void shouldPublishTheResetModelAsItWasBeforeTheRecordThatFiredIsTrained() {
        final Learner learner = learner(DriftAction.RESET);
        final ModelState calm = calm(learner);
        final double prediction =
                calm.published().theta().get(0) + calm.published().theta().get(1);
        final Outcome outcome = learner.train(calm, ex(1.0, prediction + 10.0), at(1));
        assertThat(outcome.snapshots()).containsExactly(learner.initialState(1).withGeneration(1));
        assertThat(outcome.state().updates()).isEqualTo(1);
    }

    @Test
    void shouldStayOffWithoutADriftConfiguration() {
        final Learner off = Fixtures.learner();
        final ModelState s = off.train(null, ex(1.0, 3.0), at(0)).state();
        final Outcome outcome = off.train(s, ex(1.0, 1000.0), at(1));
        assertThat(outcome.events()).isEmpty();
        assertThat(outcome.state().drift()).isEqualTo(PageHinkleyState.INITIAL);
    }
}
