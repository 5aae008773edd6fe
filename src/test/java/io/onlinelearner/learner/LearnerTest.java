package io.onlinelearner.learner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.onlinelearner.config.LearnerConfig;
import io.onlinelearner.model.Example;
import io.onlinelearner.model.Loss;
import io.onlinelearner.model.ModelSpec;
import io.onlinelearner.model.Position;
import io.onlinelearner.model.RecordRejectedException;
import io.onlinelearner.model.RejectionReason;
import io.onlinelearner.optim.ArrayPool;
import io.onlinelearner.stopping.StoppingConfig;
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
    void shouldTrainInPlaceBitForBitAsIntoNewArraysAndNeverWriteACheckpoint() {
        final Learner learner = learner(Loss.SQUARED);
        final ArrayPool pool = new ArrayPool();
        ModelState pure = null;
        ModelState owned = null;
        for (int i = 0; i < 60; i++) {
            final Example example = ex(i % 7 - 3.0, i * 0.1, 1 - i * 0.05, (i % 3) * 0.5, 2.0, -1.0);
            if (i % 10 == 9) {
                pure = learner.validate(pure, example).state();
                owned = learner.validate(owned, example).state();
            } else {
                final double[] bestBefore = owned == null || owned.best() == null
                        ? null
                        : owned.best().theta().readOnlyArray().clone();
                pure = learner.train(pure, example, Position.train(0, i)).state();
                final ModelState next = learner.trainInPlace(owned, example, Position.train(0, i), pool)
                        .state();
                if (owned != null) {
                    owned.release(next, pool);
                }
                owned = next;
                if (bestBefore != null) {
                    assertThat(owned.best().theta().readOnlyArray())
                            .as("best snapshot")
                            .isEqualTo(bestBefore);
                }
            }
            assertThat(owned).isEqualTo(pure);
        }
        assertThat(pure.rounds()).as("rounds closed, so checkpoints shared θ").isGreaterThanOrEqualTo(2);
        assertThat(pool.spares()).as("the gradient").isEqualTo(1);
    }

    @Test
    void shouldTrainInPlaceWithoutAllocatingTheStatesArrays() {
        final Learner learner = learner(Loss.SQUARED);
        final ArrayPool pool = new ArrayPool();
        final ModelState first =
                learner.train(null, ex(1, 1, 2), Position.train(0, 0L)).state();
        final double[] theta = first.live().theta().readOnlyArray();
        final double[] m = first.moments().m().readOnlyArray();
        final ModelState second = learner.trainInPlace(first, ex(2, 1, 2), Position.train(0, 1L), pool)
                .state();
        assertThat(second.live().theta().readOnlyArray()).isSameAs(theta);
        assertThat(second.moments().m().readOnlyArray()).isSameAs(m);
        assertThat(second.updates()).isEqualTo(2);
    }

    @Test
    void shouldGiveBackTheGradientWhenItRejectsAnUpdate() {
        final Learner learner = learner(Loss.SQUARED);
        final ArrayPool pool = new ArrayPool();
        final ModelState state =
                learner.train(null, ex(1, 1), Position.train(0, 0L)).state();
        assertThat(rejection(() -> learner.trainInPlace(state, ex(1e200, 1e200), Position.train(0, 1L), pool)))
                .isEqualTo(RejectionReason.NON_FINITE_UPDATE);
        assertThat(pool.spares()).isEqualTo(1);
    }

    @Test
    void shouldReleaseOnlyTheArraysTheNextStateNoLongerUses() {
        final Learner learner = learner(Loss.SQUARED);
        final ModelState trained =
                learner.train(null, ex(1, 1), Position.train(0, 0L)).state();
        final ModelState scored = learner.validate(trained, ex(1, 1)).state();
        final ModelState closed = learner.validate(scored, ex(1, 1)).state();
        assertThat(closed.liveSharedWithCheckpoint()).isTrue();

        final ArrayPool pool = new ArrayPool();
        scored.release(closed, pool);
        assertThat(pool.spares()).as("everything shared").isZero();

        final ModelState stepped =
                learner.train(closed, ex(2, 1), Position.train(0, 1L)).state();
        assertThat(stepped.liveSharedWithCheckpoint()).isFalse();
        closed.release(stepped, pool);
        assertThat(pool.spares()).as("m and v; θ is still the best snapshot's").isEqualTo(2);
        assertThat(pool.take(2)).isNotSameAs(closed.best().theta().readOnlyArray());
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
        assertThat(second.state().trainLoss()).isEqualTo(4.0 + Learner.TRAIN_LOSS_SMOOTHING * (second.loss() - 4.0));
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
