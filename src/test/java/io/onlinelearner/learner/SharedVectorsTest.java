package io.onlinelearner.learner;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.onlinelearner.model.Example;
import io.onlinelearner.model.Position;
import io.onlinelearner.vectors.SharedVector;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Replays every vector file (src/test/resources/vectors) through the pure core. */
class SharedVectorsTest {

    static List<SharedVector> trajectories() {
        return SharedVector.trajectories();
    }

    static List<SharedVector> earlyStopping() {
        return SharedVector.earlyStopping();
    }

    @Test
    void shouldFindEveryVectorFileAndTellItsKind() {
        assertThat(SharedVector.trajectories())
                .extracting(SharedVector::name)
                .containsExactly("adam-default", "adamw", "epsilon-inside", "seed-example", "wide-logistic");
        assertThat(SharedVector.earlyStopping()).extracting(SharedVector::name).containsExactly("early-stopping-drift");
        assertThat(SharedVector.lifecycles())
                .extracting(SharedVector::name)
                .containsExactly("drift", "lifecycle", "plateau");
        assertThat(SharedVector.ofKind(SharedVector.Kind.LABELS))
                .extracting(SharedVector::name)
                .containsExactly("labels");
        assertThat(SharedVector.ofKind(SharedVector.Kind.HASHED))
                .extracting(SharedVector::name)
                .containsExactly("hashed");
        assertThat(SharedVector.all()).hasSize(11);
    }

    @Test
    void shouldHaveAWideLogisticTrajectoryWithAmsgradL2AndClipping() {
        final SharedVector wide = SharedVector.named("wide-logistic");
        assertThat(wide.model().features().getAsInt()).isEqualTo(12);
        assertThat(wide.model().loss()).isEqualTo(io.onlinelearner.model.Loss.LOGISTIC);
        assertThat(wide.adam().amsgrad()).isTrue();
        assertThat(wide.adam().weightDecay()).isPositive();
        assertThat(wide.adam().decoupledWeightDecay()).isFalse();
        assertThat(wide.adam().maxGradNorm()).isPresent();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("trajectories")
    void shouldReproduceEveryExpectedStepOfTrajectory(final SharedVector vector) {
        final Learner learner = new Learner(vector.model(), vector.adam(), vector.stopping());
        ModelState state = null;
        int checked = 0;
        for (final SharedVector.Event event : vector.events()) {
            state = learner.train(state, new Example(event.x(), event.y()), Position.train(0, 0L))
                    .state();
            if (!event.expect().isMissingNode()) {
                vector.assertMatches(
                        state.live().parameters(),
                        state.updates(),
                        event.expect(),
                        vector.model().intercept());
                checked++;
            }
        }
        assertThat(checked).isPositive();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("earlyStopping")
    void shouldReproduceRoundsStopAndFrozenModelOfEarlyStoppingVector(final SharedVector vector) {
        final Learner learner = new Learner(vector.model(), vector.adam(), vector.stopping());
        ModelState state = null;
        int stops = 0;
        int skipped = 0;
        final java.util.ArrayList<double[]> rounds = new java.util.ArrayList<>();
        for (final SharedVector.Event event : vector.events()) {
            final Example example = new Example(event.x(), event.y());
            final Outcome outcome = event.train()
                    ? learner.train(state, example, Position.train(0, 0L))
                    : learner.validate(state, example);
            state = outcome.state();
            if (outcome.kind().closesRound()) {
                rounds.add(new double[] {state.rounds() - 1, state.lastRoundLoss(), state.updates()});
            }
            stops += outcome.kind() == Outcome.Kind.STOPPED ? 1 : 0;
            skipped += event.train() && outcome.kind() == Outcome.Kind.SKIPPED ? 1 : 0;
        }
        final JsonNode expect = vector.expect();
        assertThat(rounds).hasSize(expect.path("rounds").size());
        for (int i = 0; i < rounds.size(); i++) {
            final JsonNode round = expect.path("rounds").get(i);
            assertThat(rounds.get(i)[0]).isEqualTo(round.path("round").asDouble());
            assertThat(vector.close(rounds.get(i)[1], round.path("loss").asDouble()))
                    .as("round %d loss %s vs %s", i, rounds.get(i)[1], round.path("loss"))
                    .isTrue();
            assertThat(rounds.get(i)[2]).isEqualTo(round.path("updates").asDouble());
        }
        assertThat(stops).isEqualTo(expect.path("stopped").asBoolean() ? 1 : 0);
        assertThat(state.status()).isEqualTo(ModelStatus.STOPPED);
        assertThat(state.stoppedRound()).isEqualTo(expect.path("stoppedRound").asInt());
        assertThat(state.stopping().bestRound())
                .isEqualTo(expect.path("bestRound").asInt());
        assertThat(vector.close(state.stopping().best(), expect.path("bestLoss").asDouble()))
                .isTrue();
        vector.assertMatches(state.frozen().parameters(), state.frozen().updates(), expect.path("best"), true);
        vector.assertMatches(state.parameters(), state.updates(), expect.path("final"), true);
        assertThat(skipped).isEqualTo(expect.path("ignoredAfterStop").asInt());
        assertThat(state.skipped()).isEqualTo(expect.path("ignoredAfterStop").asLong());
    }
}
