package io.onlinelearner.eos;

import static org.assertj.core.api.Assertions.assertThat;

import io.onlinelearner.config.LearnerConfig;
import io.onlinelearner.features.FeatureNames;
import io.onlinelearner.features.HashedInputParser;
import io.onlinelearner.features.HashingConfig;
import io.onlinelearner.labels.LabelJoiner;
import io.onlinelearner.labels.Labelling;
import io.onlinelearner.labels.MemoryPending;
import io.onlinelearner.labels.ModelLabels;
import io.onlinelearner.labels.Remembered;
import io.onlinelearner.learner.ControlEvent;
import io.onlinelearner.learner.Eviction;
import io.onlinelearner.learner.Learner;
import io.onlinelearner.learner.ModelState;
import io.onlinelearner.learner.ModelStatus;
import io.onlinelearner.learner.Outcome;
import io.onlinelearner.learner.Prediction;
import io.onlinelearner.learner.Snapshot;
import io.onlinelearner.model.Example;
import io.onlinelearner.model.HashedFeatures;
import io.onlinelearner.model.InputFormat;
import io.onlinelearner.model.InputParser;
import io.onlinelearner.model.Position;
import io.onlinelearner.model.PredictRequest;
import io.onlinelearner.model.RecordRejectedException;
import io.onlinelearner.optim.AdamHyperparameters;
import io.onlinelearner.serde.JsonCodec;
import io.onlinelearner.serde.LabelsJson;
import io.onlinelearner.serde.ModelStateSerde;
import io.onlinelearner.serde.NamesFormat;
import io.onlinelearner.serde.PendingFormat;
import io.onlinelearner.serde.PendingKeys;
import io.onlinelearner.topology.Source;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the learner must have published for a {@link Workload}: every record fed through the core
 * ({@link Learner}, and with labels on {@link Labelling} over one {@link MemoryPending} per task,
 * same configuration) in the order the learner handles it, with the partition and offset it will
 * have in its topic, giving the exact JSON of every snapshot, control event, prediction and outcome
 * per key, written by the same {@link JsonCodec} and {@link LabelsJson}. As the processor does, every
 * record the learner handles first moves its task's stream time to its timestamp (the records come
 * in timestamp order) and forgets the requests older than the ttl. {@link #assertPublished} then
 * compares that, byte for byte and in order, with what a {@code read_committed} consumer sees on
 * {@code models}, {@code control}, {@code predictions} and {@code outcomes}: none missing, none
 * twice, none changed. A record applied twice or lost anywhere changes a count, a parameter or a
 * lineage, so this fails. With {@code learner.models.idle-ttl-ms} set, each record the learner
 * handles then evicts its task's idle models ({@link IdleReplay}), as the processor does: their last
 * snapshot and {@code EVICTED} event are expected too, their remembered requests are forgotten, and
 * their next record starts a new model.
 *
 * @param snapshots   the expected snapshots per model, in order
 * @param events      the expected control events per key, in order
 * @param predictions the expected predictions per model, in order
 * @param outcomes    the expected outcomes per model, in order (labels on)
 * @param finalStates every model's state at the end
 * @param finalNames  every hashed model's feature texts at the end (texts kept), by {@link FeatureNames#seen}
 * @param pending     the remembered requests at the end, one view per task (partition)
 * @param heldOut     per model, the joined labels whose example validated
 * @param lastSeen    with idle eviction on, every model's last-seen time at the end (empty otherwise)
 * @param config      the learner's configuration the records were replayed with
 */
record Replay(
        Map<String, List<String>> snapshots,
        Map<String, List<String>> events,
        Map<String, List<String>> predictions,
        Map<String, List<String>> outcomes,
        Map<String, ModelState> finalStates,
        Map<String, FeatureNames> finalNames,
        Map<Integer, MemoryPending> pending,
        Map<String, Long> heldOut,
        Map<String, Long> lastSeen,
        LearnerConfig config) {

    /** Replays every record of {@code workload} through a learner built from {@code config}. */
    static Replay of(final Workload workload, final LearnerConfig config) {
        final Learner learner = new Learner(config.learnerSpec());
        final Labelling labelling = config.labels().enabled()
                ? new Labelling(
                        learner, new LabelJoiner(config.labels(), config.model().loss()))
                : null;
        final InputParser parser = config.hashing()
                .map(hashing -> HashedInputParser.of(hashing, config.inputMaxBytes()))
                .orElseGet(() ->
                        InputParser.forFormat(InputFormat.JSON, config.model().maxFeatures(), config.inputMaxBytes()));
        final Replay replay = new Replay(
                new LinkedHashMap<>(),
                new LinkedHashMap<>(),
                new LinkedHashMap<>(),
                new LinkedHashMap<>(),
                new HashMap<>(),
                new TreeMap<>(),
                new TreeMap<>(),
                new TreeMap<>(),
                new TreeMap<>(),
                config);
        final IdleReplay idle = config.idleTtlMs().isPresent()
                ? new IdleReplay(config.idleTtlMs().getAsLong())
                : null;
        final Map<String, Long> offsets = new HashMap<>();
        for (final Workload.Input input : workload.records()) {
            final long offset = Workload.offsetOf(offsets, input);
            if (input.isEnd() && input.source() != Source.TRAIN) {
                continue;
            }
            final Step step = new Step(learner, labelling, parser, input, offset);
            if (labelling != null) {
                final MemoryPending view = replay.pending.computeIfAbsent(input.partition(), p -> new MemoryPending());
                view.apply(labelling.joiner().expire(view, input.timestamp()));
            }
            if (idle != null) {
                replay.evict(step, idle.takeIdle(input.partition(), input.timestamp()));
            }
            if (!input.bad()) {
                replay.apply(step);
                if (idle != null && replay.finalStates().containsKey(input.model())) {
                    idle.seen(input.partition(), input.model(), input.timestamp());
                }
            } else if (input.source() == Source.LABELS) {
                replay.refuse(step);
            }
        }
        if (idle != null) {
            replay.lastSeen.putAll(idle.lastSeen());
        }
        return replay;
    }

    /** Evicts idle models: the last snapshot (label counts as they were), {@code EVICTED}, then everything forgotten. */
    private void evict(final Step step, final List<Map.Entry<String, Long>> idle) {
        for (final Map.Entry<String, Long> entry : idle) {
            final String model = entry.getKey();
            final Eviction eviction = Eviction.of(finalStates.remove(model), entry.getValue());
            finalNames.remove(model);
            add(snapshots, model, snapshot(step, model, eviction.last()));
            add(
                    events,
                    model,
                    JsonCodec.write(JsonCodec.eventValue(
                            model, eviction.event(), config.topics().lineage())));
            if (step.labelling() != null) {
                step.view(this).apply(step.labelling().joiner().forgetModel(step.view(this), model));
            }
        }
    }

    /** One record to replay, with what replays it. */
    private record Step(Learner learner, Labelling labelling, InputParser parser, Workload.Input input, long offset) {

        MemoryPending view(final Replay replay) {
            return replay.pending.get(input.partition());
        }
    }

    private void apply(final Step step) {
        final Workload.Input input = step.input();
        final String model = input.model();
        final ModelState state = finalStates.get(model);
        if (input.source() == Source.PREDICT) {
            final PredictRequest request = step.parser().parsePredict(input.value());
            final Prediction prediction;
            if (step.labelling() == null) {
                prediction = step.learner().predict(state, request);
            } else {
                final Labelling.Served served = step.labelling()
                        .predict(
                                state,
                                step.view(this),
                                model,
                                request,
                                input.timestamp(),
                                step.offset(),
                                input.timestamp());
                step.view(this).apply(served.changes());
                prediction = served.prediction();
            }
            add(
                    predictions,
                    model,
                    JsonCodec.write(JsonCodec.predictionValue(
                            model, prediction, config.topics().lineage())));
            return;
        }
        if (input.source() == Source.LABELS) {
            final Labelling.Labelled labelled = step.labelling()
                    .label(
                            state,
                            step.view(this),
                            model,
                            step.parser().parseLabel(input.value()),
                            input.timestamp(),
                            input.timestamp(),
                            Position.labels(input.partition(), step.offset()));
            step.view(this).apply(labelled.changes());
            add(outcomes, model, JsonCodec.write(LabelsJson.outcomeValue(labelled.outcome())));
            if (labelled.validated()) {
                heldOut.merge(model, 1L, Long::sum);
            }
            take(step, labelled.learned(), labelled.example());
            return;
        }
        final Position position = Position.train(input.partition(), step.offset());
        final Example example =
                input.source() == Source.COMMANDS ? null : step.parser().parseExample(input.value());
        take(
                step,
                switch (input.source()) {
                    case TRAIN -> step.learner().train(state, example, position);
                    case VALIDATION -> step.learner().validate(state, example);
                    default -> step.learner().command(state, step.parser().parseCommand(input.value()));
                },
                example);
    }

    /** A label the workload means to be dead-lettered: the core must refuse it with that reason, changing nothing. */
    private void refuse(final Step step) {
        final Workload.Input input = step.input();
        try {
            step.labelling()
                    .label(
                            finalStates.get(input.model()),
                            step.view(this),
                            input.model(),
                            step.parser().parseLabel(input.value()),
                            input.timestamp(),
                            input.timestamp(),
                            Position.labels(input.partition(), step.offset()));
        } catch (RecordRejectedException e) {
            if (e.reason().code().equals(input.reason())) {
                return;
            }
            throw new IllegalStateException(
                    "the workload means " + input + " to be " + input.reason() + ", not "
                            + e.reason().code(),
                    e);
        }
        throw new IllegalStateException("the workload means " + input.model() + "'s label "
                + new String(input.value(), StandardCharsets.UTF_8) + " at " + input.timestamp() + " to be "
                + input.reason() + ", but it joins");
    }

    private void take(final Step step, final Outcome outcome, final Example example) {
        final String model = step.input().model();
        learnNames(step, outcome, example);
        if (outcome.write()) {
            finalStates.put(model, outcome.state());
        }
        for (final ModelState s : outcome.snapshots()) {
            add(snapshots, model, snapshot(step, model, s));
        }
        outcome.events()
                .forEach(e -> add(
                        events,
                        model,
                        JsonCodec.write(
                                JsonCodec.eventValue(model, e, config.topics().lineage()))));
    }

    /** With texts kept, a reset forgets the model's texts, then an applied step learns the example's. */
    private void learnNames(final Step step, final Outcome outcome, final Example example) {
        final HashingConfig hashing = step.learner()
                .settings()
                .hashing()
                .filter(HashingConfig::keepNames)
                .orElse(null);
        if (hashing == null) {
            return;
        }
        final String model = step.input().model();
        FeatureNames names = finalNames.getOrDefault(model, FeatureNames.NONE);
        if (outcome.events().stream().anyMatch(ControlEvent.Reset.class::isInstance)) {
            names = FeatureNames.NONE;
        }
        if (outcome.kind() == Outcome.Kind.APPLIED
                && example != null
                && example.features() instanceof HashedFeatures hashed) {
            names = names.seen(hashed, hashing.namesPerIndex());
        }
        if (names.size() == 0) {
            finalNames.remove(model);
        } else {
            finalNames.put(model, names);
        }
    }

    /** Every hashed model's texts at the end as the store of texts holds them (keys and values in hex): what its changelog must say. */
    Map<String, String> namesStore() {
        final Map<String, String> store = new TreeMap<>();
        finalNames.forEach((model, names) ->
                store.put(hex(model.getBytes(StandardCharsets.UTF_8)), hex(NamesFormat.encode(names))));
        return store;
    }

    /** {@code state}'s snapshot as published, with the model's label counts when labels are on. */
    private byte[] snapshot(final Step step, final String model, final ModelState state) {
        final Snapshot snapshot = Snapshot.of(model, state);
        return step.labelling() == null
                ? JsonCodec.write(JsonCodec.value(snapshot, config.topics().lineage()))
                : JsonCodec.write(LabelsJson.value(
                        snapshot,
                        step.labelling().joiner().labels(step.view(this), model),
                        config.topics().lineage()));
    }

    private static void add(final Map<String, List<String>> byKey, final String key, final byte[] json) {
        byKey.computeIfAbsent(key, k -> new ArrayList<>()).add(new String(json, StandardCharsets.UTF_8));
    }

    /**
     * What the store of remembered requests holds at the end, in {@link PendingFormat}'s layout
     * (keys and values in hex), over every task: what its changelog must say.
     */
    Map<String, String> rememberedStore(final List<String> models, final int window) {
        final Map<String, String> store = new TreeMap<>();
        pending.values().forEach(view -> {
            for (final String model : models) {
                final ModelLabels labels = view.labels(model);
                if (labels != null) {
                    store.put(hex(PendingKeys.countsKey(model)), hex(PendingFormat.counts(labels)));
                    if (labels.served().size() > 0) {
                        store.put(hex(PendingKeys.windowKey(model)), hex(PendingFormat.window(labels.served())));
                    }
                }
                for (final Remembered r : view.all(model)) {
                    store.put(hex(PendingKeys.requestKey(model, r.idJson())), hex(PendingFormat.request(r)));
                }
            }
        });
        return store;
    }

    /**
     * Every model's final state as the model store serializes it with {@code adam} (keys and values
     * in hex): what its changelog must say.
     */
    Map<String, String> stateStore(final AdamHyperparameters adam) {
        return stateStore(new ModelStateSerde(adam.learningRate(), adam.beta1(), adam.beta2()));
    }

    /**
     * Every model's final state as {@code serde} serializes it (keys and values in hex); e.g. a
     * serde without Adam's betas, which stores no moments as gradients.
     */
    Map<String, String> stateStore(final ModelStateSerde serde) {
        final Map<String, String> store = new TreeMap<>();
        try (serde) {
            finalStates.forEach((model, state) -> store.put(
                    hex(model.getBytes(StandardCharsets.UTF_8)),
                    hex(serde.serializer().serialize("", state))));
        }
        return store;
    }

    static String hex(final byte[] bytes) {
        return bytes == null ? null : HexFormat.of().formatHex(bytes);
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

    /** The number of outcomes expected. */
    long outcomeCount() {
        return outcomes.values().stream().mapToLong(List::size).sum();
    }

    /** Asserts that the committed outputs of {@code kafka} are exactly the replay's. */
    void assertPublished(final KafkaHarness kafka) {
        assertSame("snapshots", kafka.readCommitted(kafka.topics().models()), snapshots);
        assertSame("control events", kafka.readCommitted(kafka.topics().control()), events);
        assertSame("predictions", kafka.readCommitted(kafka.topics().predictions()), predictions);
        assertSame("outcomes", kafka.readCommitted(kafka.topics().outcomes()), outcomes);
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
