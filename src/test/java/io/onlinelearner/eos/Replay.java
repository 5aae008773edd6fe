package io.onlinelearner.eos;

import static org.assertj.core.api.Assertions.assertThat;

import io.onlinelearner.config.LearnerConfig;
import io.onlinelearner.features.HashedInputParser;
import io.onlinelearner.learner.Eviction;
import io.onlinelearner.learner.Learner;
import io.onlinelearner.learner.ModelState;
import io.onlinelearner.learner.ModelStatus;
import io.onlinelearner.learner.Outcome;
import io.onlinelearner.learner.Snapshot;
import io.onlinelearner.model.InputFormat;
import io.onlinelearner.model.InputParser;
import io.onlinelearner.model.Position;
import io.onlinelearner.serde.JsonCodec;
import io.onlinelearner.topology.Source;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the learner must have published for a {@link Workload}: every record fed through the core
 * ({@link Learner}, same configuration) in the order the learner handles it, with the partition and
 * offset it will have in its topic, giving the exact JSON of every snapshot, control event and
 * prediction per key, written by the same {@link JsonCodec}. {@link #assertPublished} then compares
 * that, byte for byte and in order, with what a {@code read_committed} consumer sees on
 * {@code models}, {@code control} and {@code predictions}: none missing, none twice, none changed.
 * A record applied twice or lost anywhere changes a count, a parameter or a lineage, so this fails.
 * With {@code learner.models.idle-ttl-ms} set, idle models are evicted before each record the
 * learner handles ({@link IdleReplay}), bad ones included: their last snapshot and
 * {@code EVICTED} event are expected too, and their next record starts a new model.
 *
 * @param snapshots   the expected snapshots per model, in order
 * @param events      the expected control events per key, in order
 * @param predictions the expected predictions per model, in order
 * @param finalStates every model's state at the end
 */
record Replay(
        Map<String, List<String>> snapshots,
        Map<String, List<String>> events,
        Map<String, List<String>> predictions,
        Map<String, ModelState> finalStates) {

    /** Replays every record of {@code workload} through a learner built from {@code config}. */
    static Replay of(final Workload workload, final LearnerConfig config) {
        final Learner learner = new Learner(config.learnerSpec());
        final InputParser parser = config.hashing()
                .map(hashing -> HashedInputParser.of(hashing, config.inputMaxBytes()))
                .orElseGet(() ->
                        InputParser.forFormat(InputFormat.JSON, config.model().maxFeatures(), config.inputMaxBytes()));
        final Replay replay =
                new Replay(new LinkedHashMap<>(), new LinkedHashMap<>(), new LinkedHashMap<>(), new HashMap<>());
        final IdleReplay idle = config.idleTtlMs().isPresent()
                ? new IdleReplay(config.idleTtlMs().getAsLong())
                : null;
        final Map<String, Long> offsets = new HashMap<>();
        for (final Workload.Input input : workload.records()) {
            final long offset = Workload.offsetOf(offsets, input);
            if (idle != null && !(input.isEnd() && input.source() != Source.TRAIN)) {
                replay.evict(idle.takeIdle(input.partition(), input.timestamp()));
            }
            if (!input.bad()) {
                replay.apply(learner, parser, input, Position.train(input.partition(), offset));
                if (idle != null && replay.finalStates().containsKey(input.model())) {
                    idle.seen(input.partition(), input.model(), input.timestamp());
                }
            }
        }
        return replay;
    }

    private void evict(final List<Map.Entry<String, Long>> idle) {
        for (final Map.Entry<String, Long> model : idle) {
            final Eviction eviction = Eviction.of(finalStates.remove(model.getKey()), model.getValue());
            add(snapshots, model.getKey(), JsonCodec.snapshot(Snapshot.of(model.getKey(), eviction.last())));
            add(events, model.getKey(), JsonCodec.event(model.getKey(), eviction.event()));
        }
    }

    private void apply(
            final Learner learner, final InputParser parser, final Workload.Input input, final Position position) {
        final String model = input.model();
        final ModelState state = finalStates.get(model);
        if (input.source() == Source.PREDICT) {
            add(
                    predictions,
                    model,
                    JsonCodec.prediction(model, learner.predict(state, parser.parsePredict(input.value()))));
            return;
        }
        final Outcome outcome = switch (input.source()) {
            case TRAIN -> learner.train(state, parser.parseExample(input.value()), position);
            case VALIDATION -> learner.validate(state, parser.parseExample(input.value()));
            default -> learner.command(state, parser.parseCommand(input.value()));
        };
        if (outcome.write()) {
            finalStates.put(model, outcome.state());
        }
        outcome.snapshots().forEach(s -> add(snapshots, model, JsonCodec.snapshot(Snapshot.of(model, s))));
        outcome.events().forEach(e -> add(events, model, JsonCodec.event(model, e)));
    }

    private static void add(final Map<String, List<String>> byKey, final String key, final byte[] json) {
        byKey.computeIfAbsent(key, k -> new ArrayList<>()).add(new String(json, StandardCharsets.UTF_8));
    }

    /** The models stopped at the end. */
    List<String> stopped() {
        return finalStates.entrySet().stream()
                .filter(e -> e.getValue().status() == ModelStatus.STOPPED)
                .map(Map.Entry::getKey)
                .sorted()
                .toList();
    }

    /** The models still training at the end. */
    List<String> stillTraining() {
        return finalStates.entrySet().stream()
                .filter(e -> e.getValue().status() == ModelStatus.TRAINING)
                .map(Map.Entry::getKey)
                .sorted()
                .toList();
    }

    /** How many control events named {@code event} (e.g. {@code DRIFT}) with {@code cause} the replay expects. */
    long count(final String event, final String cause) {
        return events.values().stream()
                .flatMap(List::stream)
                .filter(e -> e.contains("\"event\":\"" + event + "\",\"cause\":\"" + cause + "\""))
                .count();
    }

    /** The number of predictions expected. */
    long predictionCount() {
        return predictions.values().stream().mapToLong(List::size).sum();
    }

    /** Asserts that the committed outputs of {@code kafka} are exactly the replay's. */
    void assertPublished(final KafkaHarness kafka) {
        assertSame("snapshots", kafka.readCommitted(kafka.topics().models()), snapshots);
        assertSame("control events", kafka.readCommitted(kafka.topics().control()), events);
        assertSame("predictions", kafka.readCommitted(kafka.topics().predictions()), predictions);
    }

    /** Fails with a short message (the first difference of the first key that differs) unless equal. */
    private static void assertSame(
            final String what, final Map<String, List<String>> actual, final Map<String, List<String>> expected) {
        assertThat(actual.keySet()).as("keys with %s", what).containsExactlyInAnyOrderElementsOf(expected.keySet());
        expected.forEach((key, list) -> {
            final List<String> published = actual.get(key);
            for (int i = 0; i < Math.min(list.size(), published.size()); i++) {
                assertThat(published.get(i))
                        .as("%s of %s #%d (of %d expected, %d published)", what, key, i, list.size(), published.size())
                        .isEqualTo(list.get(i));
            }
            assertThat(published.size()).as("number of %s of %s", what, key).isEqualTo(list.size());
        });
    }
}
