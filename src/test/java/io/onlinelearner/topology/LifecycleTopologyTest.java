package io.onlinelearner.topology;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.onlinelearner.learner.Learner;
import io.onlinelearner.learner.ModelState;
import io.onlinelearner.learner.Snapshot;
import io.onlinelearner.model.Example;
import io.onlinelearner.model.InputFormat;
import io.onlinelearner.model.Position;
import io.onlinelearner.vectors.SharedVector;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every lifecycle vector (lifecycle, plateau, drift) end to end through the topology, in JSON and in
 * Avro: every control event with all its fields, a snapshot at every round's end, at every stop and
 * at every reset, every prediction, every checkpoint against the store, and the final model, which
 * is the last snapshot. Reals within the file's tolerance.
 */
class LifecycleTopologyTest {

    static Stream<Arguments> lifecyclesInBothFormats() {
        return SharedVector.lifecycles().stream()
                .flatMap(v -> Stream.of(Arguments.of(v, InputFormat.JSON), Arguments.of(v, InputFormat.AVRO)));
    }

    static List<SharedVector> lifecycles() {
        return SharedVector.lifecycles();
    }

    @ParameterizedTest(name = "{0} in {1}")
    @MethodSource("lifecyclesInBothFormats")
    void shouldPublishEveryEventSnapshotAndPredictionOfTheVector(final SharedVector vector, final InputFormat format) {
        final JsonNode expect = vector.expect();
        final Iterator<JsonNode> checkpoints = expect.path("checkpoints").iterator();
        final int[] checked = {0};
        final JsonNode[] next = {checkpoints.hasNext() ? checkpoints.next() : null};
        final List<Integer> counts = new ArrayList<>(List.of(0, 0));
        final LifecycleRun run = LifecycleRun.of(vector, format, (step, driver) -> {
            counts.set(0, counts.get(0) + step.events().size());
            counts.set(1, counts.get(1) + step.predictions().size());
            if (next[0] != null && next[0].path("after").asInt() == step.index()) {
                assertCheckpoint(vector, next[0], driver.state(LifecycleRun.MODEL), counts);
                checked[0]++;
                next[0] = checkpoints.hasNext() ? checkpoints.next() : null;
            }
        });
        assertThat(checked[0])
                .as("checkpoints checked")
                .isEqualTo(expect.path("checkpoints").size());

        VectorJson.assertSameJson(
                vector,
                "events",
                run.events.stream().map(e -> VectorJson.asVector(e)).toList(),
                expect.path("events"));
        assertThat(run.predictions)
                .allSatisfy(p -> assertThat(p.path("model").asText()).isEqualTo("m"));
        VectorJson.assertSameJson(
                vector,
                "predictions",
                run.predictions.stream()
                        .map(p -> VectorJson.asVector(p, "model"))
                        .toList(),
                format == InputFormat.AVRO
                        ? VectorJson.idsAsAvroStrings(expect.path("predictions"))
                        : expect.path("predictions"));
        assertRoundSnapshots(vector, run);
        assertCommandSnapshots(vector, run);
        assertFinal(vector, run);
    }

    /**
     * Lineage: a published snapshot's parameters are exactly those of a fresh core learner fed the
     * {@code train} records 0 to its {@code trainedThrough} offset, for every snapshot of a model
     * that has never been resumed or reset (generation 0) nor had its rate changed, the frozen
     * parameters of a stop included. (Past a resume, a reset or a new rate, rebuilding needs the
     * commands and validation records too, in their order.)
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("lifecycles")
    void shouldRebuildEveryFirstGenerationSnapshotByReplayingTrainToItsTrainedThrough(final SharedVector vector) {
        final LifecycleRun run = LifecycleRun.of(vector, InputFormat.JSON);
        final List<SharedVector.Input> train =
                vector.inputs().stream().filter(i -> "train".equals(i.topic())).toList();
        final List<JsonNode> firstGeneration = run.snapshots.stream()
                .filter(s -> s.path("generation").asLong() == 0
                        && s.path("trainedThrough").isObject()
                        && s.path("lr").asDouble() == vector.adam().learningRate())
                .toList();
        assertThat(firstGeneration).isNotEmpty();
        if (vector.plateau().isEmpty()) {
            assertThat(firstGeneration)
                    .anySatisfy(s -> assertThat(s.path("status").asText()).isEqualTo("STOPPED"));
        }
        for (final JsonNode snapshot : firstGeneration) {
            final long through = snapshot.path("trainedThrough").path("offset").asLong();
            final Learner learner = new Learner(vector.model(), vector.adam(), vector.stopping());
            ModelState state = null;
            for (int offset = 0; offset <= through; offset++) {
                final SharedVector.Input input = train.get(offset);
                state = learner.train(state, new Example(input.x(), input.y()), Position.train(0, offset))
                        .state();
            }
            final Snapshot replayed = Snapshot.of(LifecycleRun.MODEL, state);
            assertThat(SharedVector.doubles(snapshot.path("weights")))
                    .as("weights of %s", snapshot)
                    .containsExactly(replayed.denseWeights());
            assertThat(snapshot.path("bias").asDouble())
                    .as("bias of %s", snapshot)
                    .isEqualTo(replayed.bias());
            assertThat(snapshot.path("updates").asLong())
                    .isEqualTo(replayed.updates())
                    .isEqualTo(through + 1);
        }
    }

    private static void assertCheckpoint(
            final SharedVector vector, final JsonNode c, final ModelState state, final List<Integer> counts) {
        final String at = vector.name() + " after " + c.path("after").asInt();
        final Snapshot s = state == null ? null : Snapshot.of(LifecycleRun.MODEL, state);
        assertThat(s == null ? "NEW" : s.status().name())
                .as(at)
                .isEqualTo(c.path("status").asText());
        assertThat(s == null ? 0 : s.updates())
                .as(at)
                .isEqualTo(c.path("updates").asLong());
        assertThat(s == null ? 0 : s.generation())
                .as(at)
                .isEqualTo(c.path("generation").asLong());
        final double lr = s == null ? vector.adam().learningRate() : s.lr();
        assertThat(vector.close(lr, c.path("lr").asDouble()))
                .as(at + ": lr " + lr)
                .isTrue();
        assertThat(s == null ? null : s.round())
                .as(at)
                .isEqualTo(c.path("round").isNull() ? null : c.path("round").asInt());
        assertThat(counts.get(0)).as(at + ": events").isEqualTo(c.path("events").asInt());
        assertThat(counts.get(1))
                .as(at + ": predictions")
                .isEqualTo(c.path("predictions").asInt());
    }

    /** Each validation record that closes a round publishes one snapshot of that round. */
    private static void assertRoundSnapshots(final SharedVector vector, final LifecycleRun run) {
        final JsonNode rounds = vector.expect().path("rounds");
        int r = 0;
        for (final LifecycleRun.Step step : run.steps) {
            if (!"validation".equals(step.input().topic()) || step.snapshots().isEmpty()) {
                continue;
            }
            assertThat(step.snapshots())
                    .as("snapshots of validation record %d", step.index())
                    .hasSize(1);
            final JsonNode s = step.snapshots().get(0);
            final JsonNode expected = rounds.get(r++);
            final String at = vector.name() + " round snapshot " + (r - 1);
            assertThat(s.path("round").asInt())
                    .as(at)
                    .isEqualTo(expected.path("round").asInt());
            assertThat(vector.close(
                            s.path("roundLoss").asDouble(),
                            expected.path("loss").asDouble()))
                    .as(at)
                    .isTrue();
            assertThat(vector.close(s.path("lr").asDouble(), expected.path("lr").asDouble()))
                    .as(at)
                    .isTrue();
            assertThat(s.path("generation").asLong())
                    .as(at)
                    .isEqualTo(expected.path("generation").asLong());
            if ("STOPPED".equals(s.path("status").asText())) {
                final JsonNode stop = step.events().get(step.events().size() - 1);
                assertThat(stop.path("event").asText()).as(at).isEqualTo("STOPPED");
                assertThat(s.path("updates").asLong())
                        .as(at + ": frozen updates")
                        .isEqualTo(stop.path("updates").asLong());
                assertThat(s.path("weights")).as(at).isEqualTo(stop.path("weights"));
                assertThat(s.path("trainedThrough")).as(at).isEqualTo(stop.path("trainedThrough"));
            } else {
                assertThat(s.path("updates").asLong())
                        .as(at)
                        .isEqualTo(expected.path("updates").asLong());
            }
        }
        assertThat(r).as(vector.name() + ": round snapshots").isEqualTo(rounds.size());
    }

    /** Outside round ends, a snapshot comes with each stop and each reset, and with nothing else. */
    private static void assertCommandSnapshots(final SharedVector vector, final LifecycleRun run) {
        for (final LifecycleRun.Step step : run.steps) {
            if ("validation".equals(step.input().topic())) {
                continue;
            }
            final List<JsonNode> publishing = step.events().stream()
                    .filter(e ->
                            List.of("STOPPED", "RESET").contains(e.path("event").asText()))
                    .toList();
            assertThat(step.snapshots())
                    .as("snapshots of record %d", step.index())
                    .hasSameSizeAs(publishing);
            for (int i = 0; i < publishing.size(); i++) {
                final JsonNode event = publishing.get(i);
                final JsonNode s = step.snapshots().get(i);
                assertThat(s.path("status").asText())
                        .isEqualTo(event.path("status").asText());
                assertThat(s.path("generation").asLong())
                        .isEqualTo(event.path("generation").asLong());
                if ("RESET".equals(event.path("event").asText())) {
                    assertThat(s.path("updates").asLong()).isZero();
                    assertThat(s.path("round").isNull()).isTrue();
                    assertThat(s.path("trainedThrough").isNull()).isTrue();
                    assertThat(s.path("lr").asDouble()).isEqualTo(vector.adam().learningRate());
                } else {
                    assertThat(s.path("updates").asLong())
                            .isEqualTo(event.path("updates").asLong());
                    assertThat(s.path("weights")).isEqualTo(event.path("weights"));
                    assertThat(s.path("bias")).isEqualTo(event.path("bias"));
                    assertThat(s.path("trainedThrough")).isEqualTo(event.path("trainedThrough"));
                }
            }
        }
    }

    private static void assertFinal(final SharedVector vector, final LifecycleRun run) {
        final JsonNode f = vector.expect().path("final");
        final ObjectNode last = VectorJson.asVector(run.snapshots.get(run.snapshots.size() - 1));
        final ObjectNode actual = last.objectNode();
        f.fieldNames().forEachRemaining(name -> actual.set(name, last.path(name)));
        VectorJson.assertSame(vector, vector.name() + " final", actual, f);
        assertThat(run.finalStateSnapshotText)
                .as("the final state is the last snapshot")
                .isEqualTo(run.lastSnapshotText);
    }
}
