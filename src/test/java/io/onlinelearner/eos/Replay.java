package io.onlinelearner.eos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.onlinelearner.config.LearnerConfig;
import io.onlinelearner.learner.Learner;
import io.onlinelearner.learner.ModelState;
import io.onlinelearner.learner.ModelStatus;
import io.onlinelearner.learner.Outcome;
import io.onlinelearner.learner.Snapshot;
import io.onlinelearner.learner.ControlEvent;
import io.onlinelearner.model.Position;
import io.onlinelearner.model.RecordParser;
import io.onlinelearner.topology.Source;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the learner must have published for a {@link Workload}: every model's records fed through
 * the core ({@link Learner}, same configuration) in the order the learner handles them, giving
 * the exact sequence of snapshots (one per closed round) and the stop signal of each stopped
 * model. {@link #assertPublished} then compares that with what a {@code read_committed} consumer
 * sees on the {@code models} and {@code control} topics: the same snapshots, in order, none
 * missing and none twice, parameters within 1e-9 relative; one stop signal per stopped model and
 * none for the others. A record applied twice or lost anywhere changes the parameters, the
 * {@code updates} count or the number of snapshots, so this fails.
 *
 * @param snapshots the expected snapshots per model, in order
 * @param stops     the expected stop signal per stopped model
 * @param trainingRecords the number of training records per model
 */
record Replay(Map<String, List<Snapshot>> snapshots, Map<String, ControlEvent.Stopped> stops, Map<String, Long> trainingRecords) {

    private static final double RELATIVE = 1e-9;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Replays every model of {@code workload} through a learner built from {@code config}. */
    static Replay of(final Workload workload, final LearnerConfig config) {
        final Learner learner = new Learner(config.model(), config.adam(), config.stopping());
        final RecordParser parser = new RecordParser(config.model().maxFeatures());
        final Map<String, List<Snapshot>> snapshots = new LinkedHashMap<>();
        final Map<String, ControlEvent.Stopped> stops = new LinkedHashMap<>();
        final Map<String, Long> training = new LinkedHashMap<>();
        for (final String model : workload.models()) {
            ModelState state = null;
            final List<Snapshot> published = new ArrayList<>();
            for (final Workload.Input input : workload.recordsOf(model)) {
                if (input.bad()) {
                    continue; // rejected: dead-lettered, no change to the model
                }
                final Outcome outcome = input.source() == Source.TRAIN
                        ? learner.train(state, parser.parse(input.value()), new Position(0, 0L))
                        : learner.validate(state, parser.parse(input.value()));
                state = outcome.state();
                if (outcome.kind().closesRound()) {
                    published.add(Snapshot.of(model, state));
                }
                if (outcome.kind() == Outcome.Kind.STOPPED) {
                    stops.put(model, (ControlEvent.Stopped) outcome.events().get(0));
                }
            }
            snapshots.put(model, published);
            training.put(model, workload.trainingCount(model));
        }
        return new Replay(snapshots, stops, training);
    }

    /** The models that stop. */
    List<String> stopped() {
        return List.copyOf(stops.keySet());
    }

    /** The models still training at the end. */
    List<String> stillTraining() {
        return snapshots.keySet().stream().filter(m -> !stops.containsKey(m)).toList();
    }

    /**
     * Asserts that the committed outputs are exactly the replay's.
     *
     * @param models  the {@code models} topic's committed values by key
     * @param control the {@code control} topic's committed values by key
     */
    void assertPublished(final Map<String, List<String>> models, final Map<String, List<String>> control) {
        assertThat(models.keySet()).as("models with snapshots").containsExactlyInAnyOrderElementsOf(snapshots.keySet());
        assertThat(control.keySet()).as("models with stop signals").containsExactlyInAnyOrderElementsOf(stops.keySet());
        snapshots.forEach((model, expected) -> {
            final List<String> actual = models.get(model);
            assertThat(actual).as("number of snapshots of %s", model).hasSize(expected.size());
            for (int i = 0; i < expected.size(); i++) {
                assertSnapshot(parse(actual.get(i)), expected.get(i), model + " snapshot " + i);
            }
            final Snapshot last = expected.get(expected.size() - 1);
            if (last.status() == ModelStatus.TRAINING) {
                assertThat(parse(actual.get(actual.size() - 1)).get("updates").asLong())
                        .as("updates of %s after all its training records", model)
                        .isEqualTo(trainingRecords.get(model));
            }
        });
        stops.forEach((model, expected) -> {
            assertThat(control.get(model)).as("stop signals of %s", model).hasSize(1);
            assertStopSignal(parse(control.get(model).get(0)), expected, model);
        });
    }

    private static void assertSnapshot(final JsonNode actual, final Snapshot expected, final String what) {
        assertThat(actual.get("model").asText()).as(what).isEqualTo(expected.model());
        assertThat(actual.get("status").asText()).as(what + " status").isEqualTo(expected.status().name());
        assertThat(actual.get("updates").asLong()).as(what + " updates").isEqualTo(expected.updates());
        assertThat(actual.get("round").asInt()).as(what + " round").isEqualTo(expected.round());
        assertThat(nullableInt(actual.get("bestRound"))).as(what + " bestRound").isEqualTo(expected.bestRound());
        assertNullableClose(actual.get("roundLoss"), expected.roundLoss(), what + " roundLoss");
        assertNullableClose(actual.get("bestLoss"), expected.bestLoss(), what + " bestLoss");
        assertParameters(actual, expected.weights(), expected.bias(), what);
    }

    private static void assertStopSignal(final JsonNode actual, final ControlEvent.Stopped expected, final String model) {
        final String what = "stop signal of " + model;
        assertThat(actual.get("event").asText()).as(what).isEqualTo(expected.event());
        assertThat(actual.get("stoppedRound").asInt()).as(what + " stoppedRound").isEqualTo(expected.stoppedRound());
        assertThat(nullableInt(actual.get("bestRound"))).as(what + " bestRound").isEqualTo(expected.bestRound());
        assertNullableClose(actual.get("bestLoss"), expected.bestLoss(), what + " bestLoss");
        assertThat(actual.get("updates").asLong()).as(what + " updates").isEqualTo(expected.updates());
        assertParameters(actual, expected.weights().toArray(), expected.bias(), what);
    }

    private static void assertParameters(final JsonNode actual, final double[] weights, final double bias,
            final String what) {
        final JsonNode w = actual.get("weights");
        assertThat(w.size()).as(what + " weights length").isEqualTo(weights.length);
        for (int i = 0; i < weights.length; i++) {
            assertClose(w.get(i).asDouble(), weights[i], what + " w[" + i + "]");
        }
        assertClose(actual.get("bias").asDouble(), bias, what + " bias");
    }

    private static void assertClose(final double actual, final double expected, final String what) {
        final double tolerance = RELATIVE * Math.max(Math.abs(expected), Double.MIN_NORMAL);
        assertThat(actual).as(what).isCloseTo(expected, within(tolerance));
    }

    private static void assertNullableClose(final JsonNode actual, final Double expected, final String what) {
        if (expected == null) {
            assertThat(actual.isNull()).as(what + " is null").isTrue();
        } else {
            assertClose(actual.asDouble(), expected, what);
        }
    }

    private static Integer nullableInt(final JsonNode node) {
        return node == null || node.isNull() ? null : node.asInt();
    }

    private static JsonNode parse(final String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
