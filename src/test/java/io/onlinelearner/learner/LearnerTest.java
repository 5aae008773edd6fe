package io.onlinelearner.learner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.within;

import io.onlinelearner.config.LearnerConfig;
import io.onlinelearner.model.Example;
import io.onlinelearner.model.Loss;
import io.onlinelearner.model.ModelSpec;
import io.onlinelearner.model.Position;
import io.onlinelearner.model.RecordRejectedException;
import io.onlinelearner.model.RejectionReason;
import io.onlinelearner.stopping.StoppingConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class LearnerTest {

    private static final StoppingConfig WINDOW_2 = new StoppingConfig(2, 0, 0, OptionalDouble.empty(), 0, true);

    private static Learner learner(final Loss loss) {
        return new Learner(
                new ModelSpec(OptionalInt.empty(), true, loss, new double[0], 0, 10),
                LearnerConfig.defaults().adam().withLearningRate(0.1),
                WINDOW_2);
    }

    private static Example ex(final double y, final double... x) {
        return new Example(x, y);
    }

    private static RejectionReason rejection(final Runnable call) {
        return catchThrowableOfType(RecordRejectedException.class, call::run).reason();
    }

    @Test
    void shouldTakeTheDimensionFromTheFirstRecordAndRejectOthers() {
        final Learner learner = learner(Loss.SQUARED);
        final ModelState state =
                learner.train(null, ex(1, 1, 2), Position.train(0, 0L)).state();
        assertThat(state.features()).isEqualTo(2);
        assertThat(state.parameters()).hasSize(3);
        assertThat(rejection(() -> learner.train(state, ex(1, 1, 2, 3), Position.train(0, 0L))))
                .isEqualTo(RejectionReason.WRONG_DIMENSION);
        assertThat(rejection(() -> learner.validate(state, ex(1, 1)))).isEqualTo(RejectionReason.WRONG_DIMENSION);
        assertThatThrownBy(() -> learner.validate(state, ex(1, 1))).hasMessage("x has 1 feature, the model has 2");
        assertThatThrownBy(() -> learner.validate(state, ex(1, 1, 2, 3)))
                .hasMessage("x has 3 features, the model has 2");
    }

    @Test
    void shouldRejectARecordOfAnotherDimensionThanConfigured() {
        final Learner fixed = new Learner(
                new ModelSpec(OptionalInt.of(3), true, Loss.SQUARED, new double[0], 0, 10),
                LearnerConfig.defaults().adam(),
                WINDOW_2);
        assertThat(rejection(() -> fixed.train(null, ex(1, 1, 2), Position.train(0, 0L))))
                .isEqualTo(RejectionReason.WRONG_DIMENSION);
    }

    @Test
    void shouldRejectLogisticLabelsOtherThanZeroOrOne() {
        final Learner learner = learner(Loss.LOGISTIC);
        assertThat(rejection(() -> learner.train(null, ex(0.5, 1), Position.train(0, 0L))))
                .isEqualTo(RejectionReason.INVALID_LABEL);
        assertThat(rejection(() -> learner.validate(null, ex(2, 1)))).isEqualTo(RejectionReason.INVALID_LABEL);
        assertThat(learner.train(null, ex(1, 1), Position.train(0, 0L)).kind()).isEqualTo(Outcome.Kind.APPLIED);
    }

    @Test
    void shouldRejectAnUpdateThatWouldMakeTheModelNonFinite() {
        final Learner learner = learner(Loss.SQUARED);
        final ModelState state =
                learner.train(null, ex(1, 1), Position.train(0, 0L)).state();
        assertThat(rejection(() -> learner.train(state, ex(1e200, 1e200), Position.train(0, 0L))))
                .isEqualTo(RejectionReason.NON_FINITE_UPDATE);
    }

    @Test
    void shouldNeverWriteIntoTheStatesItWasGivenOrTheSnapshotsItPublished() {
        final Learner learner = learner(Loss.SQUARED);
        final List<ModelState> seen = new ArrayList<>();
        final List<String> asFirstSeen = new ArrayList<>();
        ModelState state = null;
        for (int i = 0; i < 60; i++) {
            final Example example = ex(i % 7 - 3.0, i * 0.1, 1 - i * 0.05, (i % 3) * 0.5, 2.0, -1.0);
            final Outcome outcome = i % 10 == 9
                    ? learner.validate(state, example)
                    : learner.train(state, example, Position.train(0, i));
            for (final ModelState published : outcome.snapshots()) {
                seen.add(published);
                asFirstSeen.add(published.toString());
            }
            state = outcome.state();
            seen.add(state);
            asFirstSeen.add(state.toString());
        }
        assertThat(state.rounds()).as("rounds closed, so checkpoints share θ").isGreaterThanOrEqualTo(2);
        assertThat(seen.stream().map(ModelState::toString).toList()).isEqualTo(asFirstSeen);
    }

    @Test
    void shouldScoreValidationIntoRoundsWithoutTouchingParameters() {
        final Learner learner = learner(Loss.SQUARED);
        final ModelState trained =
                learner.train(null, ex(2, 1), Position.train(0, 0L)).state();
        final Outcome first = learner.validate(trained, ex(3, 1));
        assertThat(first.kind()).isEqualTo(Outcome.Kind.SCORED);
        assertThat(first.state().parameters()).isEqualTo(trained.parameters());
        final double prediction = trained.parameters()[0] + trained.parameters()[1];
        assertThat(first.loss()).isEqualTo((prediction - 3) * (prediction - 3));
        final Outcome second = learner.validate(first.state(), ex(5, 1));
        assertThat(second.kind()).isEqualTo(Outcome.Kind.ROUND_CLOSED);
        assertThat(second.state().rounds()).isEqualTo(1);
        assertThat(second.state().roundCount()).isZero();
        assertThat(second.state().lastRoundLoss())
                .isEqualTo(((prediction - 3) * (prediction - 3) + (prediction - 5) * (prediction - 5)) / 2);
        assertThat(second.state().stopping().bestRound()).isZero();
    }

    @Test
    void shouldFreezeOnStopAndCountButNotApplyLaterTrainingRecords() {
        final Learner learner = learner(Loss.SQUARED);
        ModelState state = learner.train(null, ex(1, 1), Position.train(0, 0L)).state();
        state = learner.validate(learner.validate(state, ex(1, 1)).state(), ex(1, 1))
                .state();
        state = learner.train(state, ex(-100, 1), Position.train(0, 0L)).state();
        final Outcome stop = learner.validate(learner.validate(state, ex(1, 1)).state(), ex(1, 1));
        assertThat(stop.kind()).isEqualTo(Outcome.Kind.STOPPED);
        assertThat(stop.state().status()).isEqualTo(ModelStatus.STOPPED);
        assertThat(stop.state().frozen().updates()).isEqualTo(1);
        assertThat(stop.state().stoppedRound()).isEqualTo(1);

        final Outcome skipped = learner.train(stop.state(), ex(5, 1), Position.train(0, 0L));
        assertThat(skipped.kind()).isEqualTo(Outcome.Kind.SKIPPED);
        assertThat(skipped.state().skipped()).isEqualTo(1);
        assertThat(skipped.state().parameters()).isEqualTo(stop.state().parameters());
        assertThat(skipped.state().updates()).isEqualTo(2);
        final Outcome ignored = learner.validate(skipped.state(), ex(5, 1));
        assertThat(ignored.kind()).isEqualTo(Outcome.Kind.SKIPPED);
        assertThat(ignored.state()).isSameAs(skipped.state());
    }

    @Test
    void shouldTrackAnExponentiallyWeightedTrainingLoss() {
        final Learner learner = learner(Loss.SQUARED);
        final Outcome first = learner.train(null, ex(2, 1), Position.train(0, 0L));
        assertThat(first.state().trainLoss()).isEqualTo(4.0);
        final Outcome second = learner.train(first.state(), ex(2, 1), Position.train(0, 0L));
        assertThat(second.loss())
                .as("Adam's first step at lr 0.1 moves w and b by 0.1 each: (0.2 - 2)^2")
                .isCloseTo(3.24, within(1e-6));
        assertThat(second.state().trainLoss()).as("4 + 0.01 * (3.24 - 4)").isCloseTo(3.9924, within(1e-8));
    }

    @Test
    void shouldComputeTheLogisticLossAndGradientStably() {
        assertThat(Loss.LOGISTIC.value(0, 1)).isEqualTo(Math.log(2));
        assertThat(Loss.LOGISTIC.value(1000, 1)).isEqualTo(0.0);
        assertThat(Loss.LOGISTIC.value(-1000, 1)).isEqualTo(1000.0);
        assertThat(Loss.LOGISTIC.derivative(0, 1)).isEqualTo(-0.5);
        assertThat(Loss.LOGISTIC.derivative(-1000, 0)).isEqualTo(0.0);
    }
}
