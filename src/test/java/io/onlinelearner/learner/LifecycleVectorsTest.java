package io.onlinelearner.learner;

import static io.onlinelearner.topology.VectorJson.assertSameJson;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.onlinelearner.model.DoubleVector;
import io.onlinelearner.model.Example;
import io.onlinelearner.model.Position;
import io.onlinelearner.model.PredictRequest;
import io.onlinelearner.serde.ModelStateSerde;
import io.onlinelearner.vectors.SharedVector;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Replays every lifecycle vector (lifecycle, plateau, drift) through the pure core and checks
 * everything it expects: each control event with all its fields, each round, each prediction,
 * each checkpoint and the final model, reals within the file's tolerance.
 */
class LifecycleVectorsTest {

    static List<SharedVector> lifecycles() {
        return SharedVector.lifecycles();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("lifecycles")
    void shouldReproduceEveryEventRoundPredictionCheckpointAndTheFinalModel(final SharedVector vector) {
        final Replayed run = replay(vector);
        final JsonNode expect = vector.expect();
        assertSameJson(vector, "events", run.events, expect.path("events"));
        assertSameJson(vector, "predictions", run.predictions, expect.path("predictions"));
        assertSameJson(vector, "rounds", run.rounds, expect.path("rounds"));
        assertThat(run.checkpoints)
                .as("checkpoints checked")
                .isEqualTo(expect.path("checkpoints").size());
        final Snapshot last = Snapshot.of("m", run.lastSnapshot);
        assertThat(Snapshot.of("m", run.state)).isEqualTo(last);
        final JsonNode f = expect.path("final");
        vector.assertMatches(concat(last.denseWeights(), last.bias()), last.updates(), f, true);
        assertThat(last.trainedThrough() == null ? null : last.trainedThrough().offset())
                .isEqualTo(
                        f.path("trainedThrough").isNull()
                                ? null
                                : f.path("trainedThrough").asLong());
        assertThat(vector.close(last.lr(), f.path("lr").asDouble())).isTrue();
        assertThat(last.generation()).isEqualTo(f.path("generation").asLong());
        assertThat(last.status().name()).isEqualTo(f.path("status").asText());
        assertThat(last.round())
                .isEqualTo(f.path("round").isNull() ? null : f.path("round").asInt());
    }

    private static Replayed replay(final SharedVector vector) {
        final Learner learner = new Learner(vector.learnerSpec());
        final ModelStateSerde serde = new ModelStateSerde(vector.adam().learningRate());
        final Replayed run = new Replayed();
        final Iterator<JsonNode> checkpoints =
                vector.expect().path("checkpoints").iterator();
        JsonNode next = checkpoints.hasNext() ? checkpoints.next() : null;
        long trainOffset = 0;
        int index = 0;
        for (final SharedVector.Input input : vector.inputs()) {
            final Outcome outcome = switch (input.topic()) {
                case "train" ->
                    learner.train(run.state, new Example(input.x(), input.y()), Position.train(0, trainOffset++));
                case "validation" -> learner.validate(run.state, new Example(input.x(), input.y()));
                case "commands" -> learner.command(run.state, input.command());
                default -> null;
            };
            if (outcome == null) {
                final byte[] before = serde.serialize("", run.state);
                run.predictions.add(Published.prediction(
                        learner.predict(run.state, new PredictRequest(input.x(), input.idJson()))));
                assertThat(serde.serialize("", run.state))
                        .as("prediction %d leaves the state as it was", index)
                        .isEqualTo(before);
            } else {
                run.take(outcome, vector);
            }
            if (next != null && next.path("after").asInt() == index) {
                checkCheckpoint(vector, run, next, learner);
                run.checkpoints++;
                next = checkpoints.hasNext() ? checkpoints.next() : null;
            }
            index++;
        }
        return run;
    }

    private static void checkCheckpoint(
            final SharedVector vector, final Replayed run, final JsonNode c, final Learner learner) {
        final ModelState s = run.state;
        final String at = vector.name() + " after " + c.path("after").asInt();
        assertThat(s == null ? "NEW" : s.status().name())
                .as(at)
                .isEqualTo(c.path("status").asText());
        assertThat(s == null ? 0 : s.published().updates())
                .as(at)
                .isEqualTo(c.path("updates").asLong());
        assertThat(s == null ? 0 : s.generation())
                .as(at)
                .isEqualTo(c.path("generation").asLong());
        final double lr = s == null ? learner.settings().adam().learningRate() : s.lr();
        assertThat(vector.close(lr, c.path("lr").asDouble()))
                .as(at + ": lr " + lr)
                .isTrue();
        final Integer round = s == null ? null : s.round().last();
        assertThat(round)
                .as(at)
                .isEqualTo(c.path("round").isNull() ? null : c.path("round").asInt());
        assertThat(run.events.size()).as(at).isEqualTo(c.path("events").asInt());
        assertThat(run.predictions.size())
                .as(at)
                .isEqualTo(c.path("predictions").asInt());
    }

    private static double[] concat(final double[] weights, final double bias) {
        final double[] theta = java.util.Arrays.copyOf(weights, weights.length + 1);
        theta[weights.length] = bias;
        return theta;
    }

    /** What a replay produced. */
    private static final class Replayed {
        ModelState state;
        ModelState lastSnapshot;
        int checkpoints;
        final List<ObjectNode> events = new ArrayList<>();
        final List<ObjectNode> predictions = new ArrayList<>();
        final List<ObjectNode> rounds = new ArrayList<>();

        void take(final Outcome outcome, final SharedVector vector) {
            outcome.events().forEach(e -> events.add(Published.event("m", e)));
            if (outcome.write()) {
                state = outcome.state();
            }
            if (!outcome.snapshots().isEmpty()) {
                lastSnapshot = outcome.snapshots().get(outcome.snapshots().size() - 1);
            }
            if (outcome.kind().closesRound()) {
                final ObjectNode r = Published.array(DoubleVector.empty()).objectNode();
                r.put("round", state.round().last())
                        .put("loss", state.lastRoundLoss())
                        .put("updates", state.live().updates())
                        .put("lr", state.lr())
                        .put("generation", state.generation());
                rounds.add(r);
            }
        }
    }
}
