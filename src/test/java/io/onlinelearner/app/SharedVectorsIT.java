package io.onlinelearner.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.onlinelearner.broker.KafkaBrokerExtension;
import io.onlinelearner.config.LearnerConfig;
import io.onlinelearner.config.LearnerSettings;
import io.onlinelearner.config.Topics;
import io.onlinelearner.model.InputFormat;
import io.onlinelearner.model.TrainingTopic;
import io.onlinelearner.serde.LineageNames;
import io.onlinelearner.topology.DriftResetTopologyTest;
import io.onlinelearner.topology.LifecycleRun;
import io.onlinelearner.topology.Source;
import io.onlinelearner.topology.VectorJson;
import io.onlinelearner.vectors.SharedVector;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every shared vector end to end through a real broker: records produced to the input topics with
 * increasing timestamps in the file's order, the learner application run on them, and its
 * snapshots, control events and predictions read back with a read_committed consumer once it has
 * committed every input record.
 *
 * <p>Processing order across the four inputs is the file's order: every record is produced before
 * the learner starts, with strictly increasing timestamps, so each task has every input buffered
 * (or knows an input is at its end) and picks the record with the smallest timestamp next. With
 * the default {@code max.task.idle.ms} (0) a task waits for a fetch it knows to be pending, and
 * goes on without an input only once that input's lag is known to be 0, i.e. it has no more
 * records: that input is then done in the file too.
 */
class SharedVectorsIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MODEL = "m";

    @TempDir
    static Path dir;

    @RegisterExtension
    static final KafkaBrokerExtension KAFKA = KafkaBrokerExtension.shared();

    /** Every trajectory in JSON, and the widest one (wide-logistic, 12 features) in Avro too. */
    static Stream<Arguments> trajectories() {
        return Stream.concat(
                SharedVector.trajectories().stream().map(v -> Arguments.of(v, InputFormat.JSON)),
                Stream.of(Arguments.of(SharedVector.named("wide-logistic"), InputFormat.AVRO)));
    }

    /**
     * A trajectory has training records only; with a validation window of 1 and a validation record
     * right after every step that has an expectation, each expectation gets its own snapshot.
     */
    @ParameterizedTest(name = "{0} in {1}")
    @MethodSource("trajectories")
    void shouldPublishASnapshotMatchingEveryExpectedStepOfTheTrajectory(
            final SharedVector vector, final InputFormat format) throws Exception {
        final Properties props = vector.properties();
        props.setProperty(LearnerSettings.INPUT_FORMAT.key(), format.configName());
        props.setProperty(LearnerSettings.STOPPING_VALIDATION_WINDOW.key(), "1");
        props.setProperty(LearnerSettings.STOPPING_PATIENCE.key(), String.valueOf(Integer.MAX_VALUE));
        final LearnerConfig config = config(vector.name() + "-" + format.configName(), props);
        final boolean avro = format == InputFormat.AVRO;
        final List<SharedVector.Event> expected = new ArrayList<>();
        final List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
        for (final SharedVector.Event step : vector.events()) {
            records.add(new ProducerRecord<>(config.topics().train(), MODEL, SharedVector.value(step, avro)));
            if (!step.expect().isMissingNode()) {
                records.add(new ProducerRecord<>(config.topics().validation(), MODEL, SharedVector.value(step, avro)));
                expected.add(step);
            }
        }

        final Outputs outputs = replayBytes(config, records);

        assertThat(outputs.control()).isEmpty();
        assertThat(outputs.models()).hasSize(expected.size());
        for (int i = 0; i < expected.size(); i++) {
            final JsonNode snapshot = outputs.models().get(i);
            assertThat(snapshot.path("round").asInt()).isEqualTo(i);
            assertThat(snapshot.path("status").asText()).isEqualTo("TRAINING");
            assertParameters(vector, snapshot, expected.get(i).expect());
        }
    }

    @Test
    void shouldStopTheDriftModelOnceAtTheExpectedRoundAndPublishTheFrozenBestParameters() throws Exception {
        final SharedVector vector = SharedVector.named("early-stopping-drift");
        final JsonNode expect = vector.expect();
        final LearnerConfig config = config(vector.name(), vector.properties());
        final List<ProducerRecord<String, String>> records = vector.events().stream()
                .map(e -> new ProducerRecord<>(
                        e.train() ? config.topics().train() : config.topics().validation(),
                        MODEL,
                        SharedVector.json(e)))
                .toList();

        final Outputs outputs = replay(config, records);

        final JsonNode rounds = expect.path("rounds");
        assertThat(outputs.models()).hasSize(rounds.size());
        for (int r = 0; r < rounds.size(); r++) {
            final JsonNode snapshot = outputs.models().get(r);
            assertThat(snapshot.path("round").asInt())
                    .isEqualTo(rounds.get(r).path("round").asInt());
            assertThat(vector.close(
                            snapshot.path("roundLoss").asDouble(),
                            rounds.get(r).path("loss").asDouble()))
                    .as(
                            "round %d loss %s, expected %s",
                            r, snapshot.path("roundLoss"), rounds.get(r).path("loss"))
                    .isTrue();
            assertThat(snapshot.path("status").asText()).isEqualTo(r == rounds.size() - 1 ? "STOPPED" : "TRAINING");
        }
        assertThat(outputs.control()).hasSize(1);
        final JsonNode signal = outputs.control().get(0);
        vector.assertStopSignal(signal, MODEL);
        assertParameters(vector, signal, expect.path("best"));
        final JsonNode frozen = outputs.models().get(rounds.size() - 1);
        assertParameters(vector, frozen, expect.path("best"));
        assertThat(frozen.path("bestRound").asInt())
                .isEqualTo(expect.path("bestRound").asInt());
    }

    /**
     * A drift reset on a real broker: the snapshot on {@code models} is the reset model, not the
     * step that the record that fired then takes on it.
     */
    @Test
    void shouldPublishTheResetModelWhenDriftResetsIt() throws Exception {
        final Properties props = new Properties();
        props.putAll(DriftResetTopologyTest.RESET_ON_SECOND);
        final LearnerConfig config = config("drift-reset", props);

        final Outputs outputs = replay(
                config,
                List.of(
                        new ProducerRecord<>(config.topics().train(), MODEL, "{\"x\": 1.0, \"y\": 0.0}"),
                        new ProducerRecord<>(config.topics().train(), MODEL, "{\"x\": 1.0, \"y\": 10.0}")));

        assertThat(outputs.models()).containsExactly(JSON.readTree(DriftResetTopologyTest.RESET_SNAPSHOT));
        assertThat(outputs.control()).extracting(e -> e.path("event").asText()).containsExactly("DRIFT", "RESET");
    }

    static Stream<Arguments> lifecycles() {
        return Stream.concat(
                SharedVector.lifecycles().stream().map(v -> Arguments.of(v, InputFormat.JSON)),
                Stream.of(Arguments.of(SharedVector.named("lifecycle"), InputFormat.AVRO)));
    }

    /**
     * A lifecycle vector on all four inputs: the broker run publishes exactly what the topology
     * test driver publishes for the same records (snapshots, events and predictions, in order), and
     * its events and predictions are the file's.
     */
    @ParameterizedTest(name = "{0} in {1}")
    @MethodSource("lifecycles")
    void shouldPublishEveryEventSnapshotAndPredictionOfTheLifecycleVector(
            final SharedVector vector, final InputFormat format) throws Exception {
        final Properties props = vector.properties();
        props.setProperty(LearnerSettings.INPUT_FORMAT.key(), format.configName());
        final LearnerConfig config = config(vector.name() + "-" + format.configName(), props);
        final List<ProducerRecord<String, byte[]>> records = vector.inputs().stream()
                .map(i -> new ProducerRecord<>(
                        Source.valueOf(i.topic().toUpperCase(Locale.ROOT)).topic(config.topics()),
                        MODEL,
                        SharedVector.value(i, format == InputFormat.AVRO)))
                .toList();

        final Outputs outputs = replayBytes(config, records);

        final LifecycleRun driver = LifecycleRun.of(vector, format);
        final LineageNames lineage = config.topics().lineage();
        assertThat(outputs.models()).as("snapshots").isEqualTo(VectorJson.withLineage(lineage, driver.snapshots()));
        assertThat(outputs.control()).as("events").isEqualTo(VectorJson.withLineage(lineage, driver.events()));
        assertThat(outputs.predictions())
                .as("predictions")
                .isEqualTo(VectorJson.withLineage(lineage, driver.predictions()));
        VectorJson.assertSameJson(
                vector,
                "events",
                outputs.control().stream()
                        .map(e -> VectorJson.asVector(lineage, TrainingTopic.TRAIN, e))
                        .toList(),
                vector.expect().path("events"));
        final JsonNode predictions = vector.expect().path("predictions");
        VectorJson.assertSameJson(
                vector,
                "predictions",
                outputs.predictions().stream()
                        .map(p -> VectorJson.asVector(lineage, TrainingTopic.TRAIN, p, "model"))
                        .toList(),
                format == InputFormat.AVRO ? VectorJson.idsAsAvroStrings(predictions) : predictions);
    }

    /**
     * The named-features vector ({@code learner.features.mode=hashed}) on a real broker: every
     * control event (the stop with its sparse weights), every prediction, one snapshot per round
     * and the final model are the file's.
     */
    @Test
    void shouldLearnTheHashedVectorWithNamedFeatures() throws Exception {
        final SharedVector vector = SharedVector.named("hashed");
        final LearnerConfig config = config(vector.name(), vector.properties());
        final List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
        for (final JsonNode event : vector.root().path("events")) {
            records.add(new ProducerRecord<>(
                    Source.valueOf(event.path("topic").asText().toUpperCase(Locale.ROOT))
                            .topic(config.topics()),
                    MODEL,
                    SharedVector.hashedValue(event)));
        }

        final Outputs outputs = replayBytes(config, records);

        final JsonNode expect = vector.expect();
        VectorJson.assertSameJson(
                vector,
                "events",
                outputs.control().stream()
                        .map(e -> VectorJson.asHashedVectorEvent(
                                config.topics().lineage(),
                                e,
                                1 << vector.hashing().orElseThrow().bits()))
                        .toList(),
                expect.path("events"));
        VectorJson.assertSameJson(
                vector,
                "predictions",
                outputs.predictions().stream()
                        .map(p -> VectorJson.asVector(config.topics().lineage(), TrainingTopic.TRAIN, p, "model"))
                        .toList(),
                expect.path("predictions"));
        assertThat(outputs.models()).hasSize(expect.path("rounds").size());
        final ObjectNode last = VectorJson.nonZeroWeights(VectorJson.asVector(
                config.topics().lineage(),
                TrainingTopic.TRAIN,
                outputs.models().get(outputs.models().size() - 1)));
        final ObjectNode actual = last.objectNode();
        expect.path("final").fieldNames().forEachRemaining(name -> actual.set(name, last.path(name)));
        VectorJson.assertSame(vector, "final", actual, expect.path("final"));
    }

    private static LearnerConfig config(final String name, final Properties learner) {
        return VectorBroker.config(KAFKA, dir, name, learner);
    }

    /**
     * Creates the topics, produces {@code records} in order with increasing timestamps, runs the
     * learner until it has committed every input record, and reads what it published.
     */
    private static Outputs replay(final LearnerConfig config, final List<ProducerRecord<String, String>> records)
            throws Exception {
        return replayBytes(
                config,
                records.stream()
                        .map(r -> new ProducerRecord<>(
                                r.topic(), r.key(), r.value().getBytes(StandardCharsets.UTF_8)))
                        .toList());
    }

    private static Outputs replayBytes(final LearnerConfig config, final List<ProducerRecord<String, byte[]>> records)
            throws Exception {
        VectorBroker.provision(KAFKA, config);
        VectorBroker.produce(KAFKA, VectorBroker.stamped(records));
        try (LearnerApplication app = LearnerApplication.start(config, Launch.defaults())) {
            await().atMost(Duration.ofSeconds(60)).until(() -> app.streams().state() == KafkaStreams.State.RUNNING);
            VectorBroker.awaitCommitted(KAFKA, config);
            return read(config.topics());
        }
    }

    private static Outputs read(final Topics topics) {
        final Map<String, List<ConsumerRecord<String, byte[]>>> read =
                VectorBroker.read(KAFKA, List.of(topics.models(), topics.control(), topics.predictions()));
        return new Outputs(
                parse(read.get(topics.models())),
                parse(read.get(topics.control())),
                parse(read.get(topics.predictions())));
    }

    private static List<JsonNode> parse(final List<ConsumerRecord<String, byte[]>> records) {
        return records.stream()
                .map(r -> {
                    assertThat(r.key()).isEqualTo(MODEL);
                    return parse(new String(r.value(), StandardCharsets.UTF_8));
                })
                .toList();
    }

    private static void assertParameters(final SharedVector vector, final JsonNode actual, final JsonNode expected) {
        final double[] weights = SharedVector.doubles(actual.path("weights"));
        final double[] expectedWeights = SharedVector.doubles(expected.path("weights"));
        assertThat(weights).hasSameSizeAs(expectedWeights);
        for (int i = 0; i < weights.length; i++) {
            assertThat(vector.close(weights[i], expectedWeights[i]))
                    .as("weight %d: %s, expected %s", i, weights[i], expectedWeights[i])
                    .isTrue();
        }
        assertThat(vector.close(
                        actual.path("bias").asDouble(), expected.path("bias").asDouble()))
                .as("bias %s, expected %s", actual.path("bias"), expected.path("bias"))
                .isTrue();
        assertThat(actual.path("updates").asLong())
                .isEqualTo(expected.path("updates").asLong());
    }

    private static JsonNode parse(final String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What the learner published: snapshots, control events and predictions, in offset order. */
    private record Outputs(List<JsonNode> models, List<JsonNode> control, List<JsonNode> predictions) {}
}
