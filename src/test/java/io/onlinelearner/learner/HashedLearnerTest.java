package io.onlinelearner.learner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.onlinelearner.drift.DriftAction;
import io.onlinelearner.drift.DriftConfig;
import io.onlinelearner.features.FeatureNames;
import io.onlinelearner.features.HashingConfig;
import io.onlinelearner.features.SparseAdam;
import io.onlinelearner.features.SparseMoments;
import io.onlinelearner.features.SparseWeights;
import io.onlinelearner.model.Command;
import io.onlinelearner.model.Example;
import io.onlinelearner.model.HashedFeatures;
import io.onlinelearner.model.Loss;
import io.onlinelearner.model.ModelSpec;
import io.onlinelearner.model.PredictRequest;
import io.onlinelearner.model.RecordRejectedException;
import io.onlinelearner.model.RejectionReason;
import io.onlinelearner.optim.AdamHyperparameters;
import io.onlinelearner.optim.EpsilonPlacement;
import io.onlinelearner.schedule.PlateauConfig;
import io.onlinelearner.stopping.Checkpoint;
import io.onlinelearner.stopping.StoppingConfig;
import io.onlinelearner.stopping.Weights;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/**
 * The learner with hashed models: lazy Adam steps by the state's layout (the texts are kept by the
 * processor, {@code topology.NamesStep}), and stop, resume from best and from last, reset, best predictions and drift as in
 * dense mode, on sparse weights.
 */
class HashedLearnerTest {

    private static final double LR = 0.1;
    private static final HashingConfig HASHING = new HashingConfig(4, 0, List.of(), true, 1, 100);
    private static final ModelSpec SPEC =
            new ModelSpec(OptionalInt.empty(), true, Loss.SQUARED, new double[0], 0.0, 100);
    private static final AdamHyperparameters ADAM = new AdamHyperparameters(
            LR, 0.9, 0.999, 1e-8, EpsilonPlacement.HAT, false, 0, false, OptionalDouble.empty());

    private static Learner learner(final Optional<DriftConfig> drift, final PredictParameters predict) {
        return new Learner(
                new LearnerSpec(SPEC, ADAM, Fixtures.WINDOW_2, Optional.empty(), drift, predict, Optional.of(HASHING)));
    }

    private final Learner learner = learner(Optional.empty(), PredictParameters.BEST);

    private static HashedFeatures x(final int index, final String name) {
        return HashedFeatures.of(new int[] {index}, new double[] {1.0}, new String[] {name}, new int[] {0, 1});
    }

    private static Example ex(final int index, final String name, final double y) {
        return new Example(x(index, name), y);
    }

    private static SparseWeights weights(final Checkpoint c) {
        return ((Weights.Sparse) c.weights()).weights();
    }

    @Test
    void shouldStepWithLazyAdamAndKeepNoTextInTheState() {
        final ModelState first =
                learner.train(null, ex(3, "a", 2.0), Fixtures.at(0)).state();
        final SparseAdam.Step expected = new SparseAdam(0.9, 0.999, 1e-8)
                .step(LR, SparseWeights.ZERO, SparseMoments.ZERO, x(3, "a"), Loss.SQUARED.derivative(0.0, 2.0), true);
        assertThat(first.features()).isEqualTo(16);
        assertThat(weights(first.live())).isEqualTo(expected.weights());
        assertThat(first.moments()).isEqualTo(new LazyMoments(expected.moments()));
        assertThat(first.names())
                .as("texts are kept apart from the state, by the processor")
                .isEqualTo(FeatureNames.NONE);
        final ModelState second =
                learner.train(first, ex(3, "b", 2.0), Fixtures.at(1)).state();
        assertThat(second.moments().t()).isEqualTo(2);
    }

    @Test
    void shouldStopResumeAndResetOnSparseWeights() {
        ModelState s = learner.train(null, ex(1, "a", 2.0), Fixtures.at(0)).state();
        s = learner.validate(learner.validate(s, ex(1, "a", 2.0)).state(), ex(1, "a", 2.0))
                .state();
        final Checkpoint best = s.best();
        assertThat(best.weights()).isEqualTo(s.live().weights());
        s = learner.train(s, ex(2, "b", 1.0), Fixtures.at(1)).state();
        assertThat(learner.predict(s, new PredictRequest(x(2, "b"), null)).parameters())
                .isEqualTo(Prediction.Answering.BEST);
        final Outcome stop = learner.command(s, new Command.Stop());
        final ModelState stopped = stop.state();
        assertThat(stopped.frozen()).isEqualTo(best);
        final ControlEvent.Stopped signal = (ControlEvent.Stopped) stop.events().get(0);
        assertThat(signal.weights()).isEqualTo(best.weights());
        assertThat(signal.bias()).isEqualTo(weights(best).bias());
        assertThat(learner.predict(stopped, new PredictRequest(x(1, "a"), null)).prediction())
                .isEqualTo(weights(best).predict(x(1, "a"), true));

        final ModelState fromBest = learner.command(stopped, new Command.Resume(Command.ResumeFrom.BEST))
                .state();
        assertThat(fromBest.live()).isEqualTo(best);
        assertThat(fromBest.moments()).isEqualTo(LazyMoments.ZERO);
        assertThat(fromBest.updates()).isEqualTo(1);
        final ModelState fromLast = learner.command(stopped, new Command.Resume(Command.ResumeFrom.LAST))
                .state();
        assertThat(fromLast.live()).isEqualTo(s.live());
        assertThat(fromLast.moments()).isEqualTo(s.moments());

        final FeatureNames carried = FeatureNames.of(new int[] {1}, List.of(List.of("a")));
        final Outcome reset = learner.command(fromLast.withNames(carried), new Command.Reset());
        assertThat(weights(reset.state().live())).isEqualTo(SparseWeights.ZERO);
        assertThat(reset.state().moments()).isEqualTo(LazyMoments.ZERO);
        assertThat(reset.state().names())
                .as("a reset forgets the texts a format-4 state carried")
                .isEqualTo(FeatureNames.NONE);
        assertThat(reset.state().features()).isEqualTo(16);
    }

    @Test
    void shouldResetOnDriftAndApplyTheRecordToTheResetModel() {
        final Learner drifting =
                learner(Optional.of(new DriftConfig(1, 0.0, 0.5, 1.0, DriftAction.RESET)), PredictParameters.LIVE);
        final ModelState s =
                drifting.train(null, ex(1, "a", 0.0), Fixtures.at(0)).state();
        final Outcome drifted = drifting.train(s, ex(1, "a", 100.0), Fixtures.at(1));
        assertThat(drifted.events().stream().map(ControlEvent::event)).containsExactly("DRIFT", "RESET");
        assertThat(drifted.state().updates()).isEqualTo(1);
        assertThat(drifted.state().generation()).isEqualTo(1);
    }

    @Test
    void shouldLowerTheRateOnAPlateauAndTakeASetRateAtTheNextLazyStep() {
        final Learner plateau = new Learner(new LearnerSpec(
                SPEC,
                ADAM,
                new StoppingConfig(2, 5, 0, OptionalDouble.empty(), 0, true),
                Optional.of(new PlateauConfig(0.5, 1, 0.0, 0, 0.0)),
                Optional.empty(),
                PredictParameters.LIVE,
                Optional.of(HASHING)));
        ModelState s = plateau.train(null, ex(1, "a", 2.0), Fixtures.at(0)).state();
        for (int round = 0; round < 2; round++) {
            final Outcome closed =
                    plateau.validate(plateau.validate(s, ex(1, "a", 2.0)).state(), ex(1, "a", 2.0));
            s = closed.state();
            assertThat(closed.events())
                    .as("round %d", round)
                    .hasSize(round)
                    .allSatisfy(e -> assertThat(e)
                            .isEqualTo(new ControlEvent.LrChanged(
                                    Cause.PLATEAU, 0, PublishedStatus.TRAINING, LR, LR * 0.5, 1)));
        }
        assertThat(s.lr()).isEqualTo(LR * 0.5);

        final ModelState set = plateau.command(s, new Command.SetLr(0.02)).state();
        final ModelState next =
                plateau.train(set, ex(2, "b", 1.0), Fixtures.at(1)).state();
        final SparseAdam.Step expected = new SparseAdam(0.9, 0.999, 1e-8)
                .step(
                        0.02,
                        weights(set.live()),
                        ((LazyMoments) set.moments()).moments(),
                        x(2, "b"),
                        Loss.SQUARED.derivative(weights(set.live()).predict(x(2, "b"), true), 1.0),
                        true);
        assertThat(weights(next.live())).isEqualTo(expected.weights());
    }

    @Test
    void shouldRefuseADenseStoredModelAndANonFiniteStep() {
        final ModelState dense = Fixtures.learner()
                .train(null, Fixtures.ex(1.0, 1.0), Fixtures.at(0))
                .state();
        assertThatThrownBy(() -> learner.train(dense, ex(1, "a", 1.0), Fixtures.at(1)))
                .isInstanceOfSatisfying(
                        RecordRejectedException.class,
                        e -> assertThat(e.reason()).isEqualTo(RejectionReason.WRONG_DIMENSION));
        final ModelState hashed =
                learner.train(null, ex(1, "a", 1.0), Fixtures.at(0)).state();
        assertThatThrownBy(() -> Fixtures.learner().train(hashed, Fixtures.ex(1.0, 1.0), Fixtures.at(1)))
                .isInstanceOfSatisfying(
                        RecordRejectedException.class,
                        e -> assertThat(e.reason()).isEqualTo(RejectionReason.WRONG_DIMENSION));
        final Example huge = new Example(HashedFeatures.of(new int[] {1}, new double[] {1e200}), 1e300);
        assertThatThrownBy(() -> learner.train(hashed, huge, Fixtures.at(1)))
                .isInstanceOfSatisfying(
                        RecordRejectedException.class,
                        e -> assertThat(e.reason()).isEqualTo(RejectionReason.NON_FINITE_UPDATE));
    }
}
