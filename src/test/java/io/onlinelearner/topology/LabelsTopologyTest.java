package io.onlinelearner.topology;

import static io.onlinelearner.topology.VectorJson.asVector;
import static io.onlinelearner.topology.VectorJson.assertSame;
import static io.onlinelearner.topology.VectorJson.assertSameJson;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.onlinelearner.config.LearnerConfig;
import io.onlinelearner.config.LearnerSettings;
import io.onlinelearner.config.TestTopics;
import io.onlinelearner.config.Topics;
import io.onlinelearner.learner.ModelState;
import io.onlinelearner.learner.Snapshot;
import io.onlinelearner.metrics.LabelOutcome;
import io.onlinelearner.metrics.LearnerMeterBinder;
import io.onlinelearner.metrics.LearnerObservations;
import io.onlinelearner.model.InputFormat;
import io.onlinelearner.model.TrainingTopic;
import io.onlinelearner.serde.JsonCodec;
import io.onlinelearner.serde.PendingKeys;
import io.onlinelearner.vectors.LabelsVector;
import io.onlinelearner.vectors.SharedVector;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.BytesSerializer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every labels vector through the whole topology in a {@link TopologyTestDriver}, in JSON and in
 * Avro, each record produced with the file's timestamp: every outcome, dead letter (its event and
 * reason), prediction, event, round and checkpoint, the final state and the last snapshot are
 * compared with the file; every snapshot carries the model's mean served loss so far and its
 * count of remembered requests, as the store holds them.
 */
class LabelsTopologyTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    static Stream<Arguments> runs() {
        return SharedVector.labelFiles().stream()
                .flatMap(v -> Stream.of(Arguments.of(v, InputFormat.JSON), Arguments.of(v, InputFormat.AVRO)));
    }

    @ParameterizedTest(name = "{0} in {1}")
    @MethodSource("runs")
    void shouldPublishEveryOutcomeDeadLetterPredictionEventRoundAndCheckpointOfTheFile(
            final SharedVector file, final InputFormat format) {
        final LabelsVector vector = new LabelsVector(file);
        final Properties properties = vector.properties();
        properties.setProperty(LearnerSettings.INPUT_FORMAT.key(), format.configName());
        final boolean avro = format == InputFormat.AVRO;
        final JsonNode expect = vector.expect();
        try (Run run = new Run(vector, properties)) {
            run.all(avro);
            assertSameJson(
                    file,
                    "outcomes",
                    run.outcomes,
                    avro ? VectorJson.idsAsAvroStrings(expect.path("outcomes")) : expect.path("outcomes"));
            assertSameJson(file, "deadLetters", run.dead, expect.path("deadLetters"));
            assertSameJson(
                    file,
                    "predictions",
                    run.predictions,
                    avro ? VectorJson.idsAsAvroStrings(expect.path("predictions")) : expect.path("predictions"));
            assertSameJson(file, "events", run.events, expect.path("events"));
            run.checkRounds(expect.path("rounds"));
            assertThat(run.checkpoints)
                    .as("checkpoints checked")
                    .isEqualTo(expect.path("checkpoints").size());
            final ObjectNode last = run.snapshots.get(run.snapshots.size() - 1);
            final ObjectNode stored = json(JsonCodec.write(
                    JsonCodec.value(Snapshot.of(vector.modelId(), run.state()), TestTopics.DEFAULT_LINEAGE)));
            assertThat(asVector(TrainingTopic.LABELS, last, "servedLoss", "pending"))
                    .isEqualTo(asVector(TrainingTopic.LABELS, stored));
            final ObjectNode f =
                    asVector(TrainingTopic.LABELS, stored, "model", "features", "roundLoss", "bestRound", "bestLoss");
            assertSame(file, "final", f, expect.path("final"));
            run.checkMetrics();
        }
    }

    private static ObjectNode json(final byte[] bytes) {
        try {
            return (ObjectNode) MAPPER.readTree(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One run of a labels file through the driver. */
    private static final class Run implements AutoCloseable {
        private final LabelsVector vector;
        private final LearnerConfig config;
        private final TopologyTestDriver driver;
        private final Map<Source, TestInputTopic<byte[], byte[]>> inputs = new EnumMap<>(Source.class);
        private final Map<String, TestOutputTopic<byte[], byte[]>> outputs = new HashMap<>();
        private final Map<String, Integer> eventAt = new HashMap<>();
        private final Map<Source, Long> offsets = new EnumMap<>(Source.class);
        private final LearnerObservations observations = new LearnerObservations(10);
        final List<ObjectNode> outcomes = new ArrayList<>();
        final List<ObjectNode> dead = new ArrayList<>();
        final List<ObjectNode> predictions = new ArrayList<>();
        final List<ObjectNode> events = new ArrayList<>();
        final List<ObjectNode> snapshots = new ArrayList<>();
        int checkpoints;

        Run(final LabelsVector vector, final Properties properties) {
            this.vector = vector;
            this.config = LearnerConfig.parse(properties);
            final Properties streams = config.streamsWithBootstrap("unused:9092");
            streams.setProperty("application.id", "labels-test-" + System.nanoTime());
            streams.setProperty("state.dir", "target/streams-state/labels");
            driver = TestDrivers.open(LearnerTopology.build(config, observations), streams);
            final Topics topics = config.topics();
            for (final Source source : Source.read(true)) {
                inputs.put(
                        source,
                        driver.createInputTopic(
                                source.topic(topics), new ByteArraySerializer(), new ByteArraySerializer()));
            }
            for (final String topic : topics.outputs(true)) {
                outputs.put(
                        topic,
                        driver.createOutputTopic(topic, new ByteArrayDeserializer(), new ByteArrayDeserializer()));
            }
        }

        void all(final boolean avro) {
            final Topics topics = config.topics();
            final Iterator<JsonNode> expected =
                    vector.expect().path("checkpoints").iterator();
            JsonNode next = expected.hasNext() ? expected.next() : null;
            int index = 0;
            for (final LabelsVector.Event event : vector.events()) {
                final Source source = Source.valueOf(event.topic().toUpperCase(Locale.ROOT));
                final long offset = offsets.merge(source, 1L, Long::sum) - 1;
                eventAt.put(source.topic(topics) + "@" + offset, index);
                inputs.get(source)
                        .pipeInput(new TestRecord<>(
                                vector.modelId().getBytes(StandardCharsets.UTF_8),
                                event.value(avro),
                                Instant.ofEpochMilli(event.ts())));
                collect(topics);
                if (next != null && next.path("after").asInt() == index) {
                    checkpoint(next);
                    next = expected.hasNext() ? expected.next() : null;
                }
                index++;
            }
        }

        private void collect(final Topics topics) {
            read(topics.outcomes()).forEach(r -> outcomes.add(json(r.value())));
            read(topics.predictions())
                    .forEach(r -> predictions.add(asVector(TrainingTopic.LABELS, json(r.value()), "model")));
            read(topics.control()).forEach(r -> events.add(asVector(TrainingTopic.LABELS, json(r.value()))));
            for (final TestRecord<byte[], byte[]> snapshot : read(topics.models())) {
                final ObjectNode s = json(snapshot.value());
                checkLabelFields(s);
                snapshots.add(s);
            }
            for (final TestRecord<byte[], byte[]> letter : read(topics.deadLetters())) {
                final String at = header(letter, DeadLetters.TOPIC) + "@" + header(letter, DeadLetters.OFFSET);
                dead.add(MAPPER.createObjectNode()
                        .put("event", eventAt.get(at))
                        .put("reason", header(letter, DeadLetters.REASON)));
            }
        }

        /** A snapshot's servedLoss is the mean of the file's outcomes so far (all within the window); pending is the store's count. */
        private void checkLabelFields(final ObjectNode snapshot) {
            final JsonNode expected = vector.expect().path("outcomes");
            final int n = Math.min(outcomes.size(), config.labels().window());
            double sum = 0;
            for (int i = outcomes.size() - n; i < outcomes.size(); i++) {
                sum += expected.get(i).path("loss").asDouble();
            }
            assertThat(vector.vector().close(snapshot.path("servedLoss").asDouble(), sum / n))
                    .as("servedLoss of %s after %d outcomes", snapshot, outcomes.size())
                    .isTrue();
            assertThat(snapshot.path("pending").asLong()).isEqualTo(remembered());
        }

        private long remembered() {
            final KeyValueStore<Bytes, byte[]> store = driver.getKeyValueStore(Names.LABELS_STORE);
            long count = 0;
            try (KeyValueIterator<Bytes, byte[]> all =
                    store.prefixScan(Bytes.wrap(new byte[] {PendingKeys.REQUEST}), new BytesSerializer())) {
                while (all.hasNext()) {
                    all.next();
                    count++;
                }
            }
            return count;
        }

        /**
         * Every label is counted as joined or unknown; every remembered request (the file's ids are
         * never reused) as joined, expired or still pending; the model's gauges read its counts.
         */
        void checkMetrics() {
            final long requests = vector.events().stream()
                    .filter(e -> "predict".equals(e.topic()) && e.idJson() != null)
                    .count();
            assertThat(observations.labels(LabelOutcome.JOINED)).isEqualTo(outcomes.size());
            assertThat(observations.labels(LabelOutcome.UNKNOWN))
                    .isEqualTo(dead.stream()
                            .filter(d ->
                                    "unknown-prediction".equals(d.path("reason").asText()))
                            .count());
            assertThat(observations.labels(LabelOutcome.EXPIRED)).isEqualTo(requests - outcomes.size() - remembered());
            assertThat(observations.totals().joined()).isEqualTo(outcomes.size());
            final SimpleMeterRegistry registry = new SimpleMeterRegistry();
            new LearnerMeterBinder(observations, true).bindTo(registry);
            assertThat(registry.get("learner.pending.predictions")
                            .tag("model", vector.modelId())
                            .gauge()
                            .value())
                    .isEqualTo(remembered());
            double sum = 0;
            for (final ObjectNode outcome : outcomes) {
                sum += outcome.path("loss").asDouble();
            }
            assertThat(registry.get("learner.served.loss")
                            .tag("model", vector.modelId())
                            .gauge()
                            .value())
                    .isEqualTo(sum / outcomes.size());
        }

        void checkRounds(final JsonNode rounds) {
            final List<ObjectNode> closed =
                    snapshots.stream().filter(s -> !s.path("round").isNull()).toList();
            assertThat(closed).hasSize(rounds.size());
            for (int i = 0; i < closed.size(); i++) {
                final ObjectNode s = closed.get(i);
                final ObjectNode round = MAPPER.createObjectNode()
                        .put("round", s.path("round").asInt())
                        .put("loss", s.path("roundLoss").asDouble())
                        .put("lr", s.path("lr").asDouble())
                        .put("generation", s.path("generation").asLong());
                final ObjectNode expected = rounds.get(i).deepCopy();
                if ("STOPPED".equals(s.path("status").asText())) {
                    expected.remove("updates");
                } else {
                    round.put("updates", s.path("updates").asLong());
                }
                assertSame(vector.vector(), "rounds[" + i + "]", round, expected);
            }
        }

        private void checkpoint(final JsonNode c) {
            final ModelState state = state();
            final ObjectNode actual = VectorJson.labelsCheckpoint(
                    state,
                    config.adam().learningRate(),
                    c.path("after").asInt(),
                    events.size(),
                    predictions.size(),
                    outcomes.size(),
                    dead.size());
            assertSame(
                    vector.vector(),
                    vector.vector().name() + " after " + c.path("after").asInt(),
                    actual,
                    c);
            checkpoints++;
        }

        ModelState state() {
            final KeyValueStore<String, ModelState> store = driver.getKeyValueStore(Names.STORE);
            return store.get(vector.modelId());
        }

        private List<TestRecord<byte[], byte[]>> read(final String topic) {
            return outputs.get(topic).readRecordsToList();
        }

        private static String header(final TestRecord<byte[], byte[]> record, final String name) {
            return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
        }

        @Override
        public void close() {
            driver.close();
        }
    }
}
