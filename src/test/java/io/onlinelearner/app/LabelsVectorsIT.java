package io.onlinelearner.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.onlinelearner.broker.KafkaBrokerExtension;
import io.onlinelearner.config.LearnerConfig;
import io.onlinelearner.config.LearnerSettings;
import io.onlinelearner.config.TestTopics;
import io.onlinelearner.config.Topics;
import io.onlinelearner.learner.Snapshot;
import io.onlinelearner.model.InputFormat;
import io.onlinelearner.model.TrainingTopic;
import io.onlinelearner.serde.JsonCodec;
import io.onlinelearner.serde.LabelsJson;
import io.onlinelearner.topology.DeadLetters;
import io.onlinelearner.topology.LearnerDriver;
import io.onlinelearner.topology.Source;
import io.onlinelearner.topology.VectorJson;
import io.onlinelearner.vectors.LabelsVector;
import io.onlinelearner.vectors.SharedVector;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code labels.json} through a real broker, in JSON and in Avro: the learner application (with
 * its HTTP API) publishes the file's outcomes, dead letters, predictions and events, and exactly
 * the records that the topology test driver publishes for the same records at the same
 * timestamps; {@code GET /models/m} then shows the driver's final state with its served loss and
 * remembered requests, read from the broker run's stores.
 *
 * <p>Every record keeps the file's timestamp, all moved by one constant to the present (so that
 * the broker's retention keeps them; differences, and so the ttl and every {@code delayMs}, are
 * the file's). A task picks its next record by timestamp across its inputs, and the file has
 * records of different inputs at one timestamp, whose order matters (a label and its request at
 * one millisecond). So the records before the first such group are produced before the learner
 * starts (as in {@link SharedVectorsIT}); from that group to the last one, each record is produced
 * alone once the previous one is committed; the learner is then closed, the rest produced, and a
 * new learner resumes from the committed state. The file's first two records (an unknown label and
 * a request, at one timestamp) give the same outputs in either order.
 */
class LabelsVectorsIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    static Path dir;

    @RegisterExtension
    static final KafkaBrokerExtension KAFKA = KafkaBrokerExtension.shared();

    @ParameterizedTest(name = "labels in {0}")
    @EnumSource(InputFormat.class)
    void shouldPublishWhatTheFileAndTheTopologyTestDriverPublish(final InputFormat format) throws Exception {
        final SharedVector file = SharedVector.named("labels");
        final LabelsVector vector = new LabelsVector(file);
        final boolean avro = format == InputFormat.AVRO;
        final Properties props = vector.properties();
        props.setProperty(LearnerSettings.INPUT_FORMAT.key(), format.configName());
        props.setProperty(LearnerSettings.HTTP_PORT.key(), "0");
        // The second learner joins the group of the first, closed: Kafka Streams 4.1 leaves no group on close, so
        // the join waits for the first one's session to time out, the broker's least (6 s) instead of 45 s.
        props.setProperty("session.timeout.ms", "6000");
        props.setProperty("heartbeat.interval.ms", "2000");
        final LearnerConfig config = VectorBroker.config(KAFKA, dir, "labels-" + format.configName(), props);
        final List<LabelsVector.Event> events = vector.events();
        final long shift = System.currentTimeMillis()
                - events.get(events.size() - 1).ts()
                - Duration.ofMinutes(1).toMillis();
        final List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
        for (final LabelsVector.Event e : events) {
            records.add(new ProducerRecord<>(
                    source(e).topic(config.topics()), null, e.ts() + shift, vector.modelId(), e.value(avro)));
        }
        final int[] paced = pacedRange(events);

        VectorBroker.provision(KAFKA, config);
        VectorBroker.produce(KAFKA, records.subList(0, paced[0]));
        try (Learner learner = new Learner(config)) {
            for (int i = paced[0]; i <= paced[1]; i++) {
                VectorBroker.produce(KAFKA, List.of(records.get(i)));
                VectorBroker.awaitCommitted(KAFKA, config);
            }
        }
        VectorBroker.produce(KAFKA, records.subList(paced[1] + 1, records.size()));
        final String model;
        try (Learner learner = new Learner(config)) {
            model = learner.get("/models/" + vector.modelId());
        }

        final Topics topics = config.topics();
        final Map<String, List<ConsumerRecord<String, byte[]>>> out = VectorBroker.read(
                KAFKA,
                List.of(
                        topics.outcomes(),
                        topics.predictions(),
                        topics.control(),
                        topics.models(),
                        topics.deadLetters()));
        final JsonNode expect = vector.expect();
        VectorJson.assertSameJson(
                file,
                "outcomes",
                json(out.get(topics.outcomes())),
                avro ? VectorJson.idsAsAvroStrings(expect.path("outcomes")) : expect.path("outcomes"));
        VectorJson.assertSameJson(
                file,
                "predictions",
                json(out.get(topics.predictions())).stream()
                        .map(p -> VectorJson.asVector(topics.lineage(), TrainingTopic.LABELS, p, "model"))
                        .toList(),
                avro ? VectorJson.idsAsAvroStrings(expect.path("predictions")) : expect.path("predictions"));
        VectorJson.assertSameJson(
                file,
                "events",
                json(out.get(topics.control())).stream()
                        .map(e -> VectorJson.asVector(topics.lineage(), TrainingTopic.LABELS, e))
                        .toList(),
                expect.path("events"));
        VectorJson.assertSameJson(
                file,
                "deadLetters",
                deadLetters(out.get(topics.deadLetters()), events, config),
                expect.path("deadLetters"));

        final String prefix = topics.train().substring(0, topics.train().length() - "-train".length());
        props.putAll(TestTopics.settings(prefix));
        try (LearnerDriver driver = new LearnerDriver(props)) {
            for (final ProducerRecord<String, byte[]> r : records) {
                driver.pipeAt(
                        sourceOf(r.topic(), topics),
                        r.key().getBytes(StandardCharsets.UTF_8),
                        r.value(),
                        r.timestamp());
            }
            assertThat(texts(out.get(topics.outcomes())))
                    .isEqualTo(written(driver.outcomesTopic().readValuesToList()));
            assertThat(texts(out.get(topics.predictions())))
                    .isEqualTo(written(driver.predictionsTopic().readValuesToList()));
            assertThat(texts(out.get(topics.control())))
                    .isEqualTo(written(driver.controlTopic().readValuesToList()));
            assertThat(texts(out.get(topics.models())))
                    .isEqualTo(written(driver.modelsTopic().readValuesToList()));
            assertThat(model)
                    .as("GET /models/m: the final state, served loss and remembered requests")
                    .isEqualTo(new String(
                            JsonCodec.write(LabelsJson.value(
                                    Snapshot.of(vector.modelId(), driver.state(vector.modelId())),
                                    driver.labels(vector.modelId()),
                                    topics.lineage())),
                            StandardCharsets.UTF_8));
            assertThat(JSON.readTree(model).path("pending").isIntegralNumber()).isTrue();
            assertThat(JSON.readTree(model).path("servedLoss").isDouble()).isTrue();
        }
    }

    /**
     * The first and last index of the records produced one at a time: from the first group of
     * records of different inputs at one timestamp after the file's first two records, to the last
     * such group.
     */
    private static int[] pacedRange(final List<LabelsVector.Event> events) {
        int first = -1;
        int last = -1;
        for (int i = 1; i < events.size(); i++) {
            final LabelsVector.Event a = events.get(i - 1);
            final LabelsVector.Event b = events.get(i);
            if (a.ts() == b.ts() && !a.topic().equals(b.topic())) {
                if (i == 1) {
                    assertThat(a.topic()).isEqualTo("labels");
                    assertThat(events.stream().filter(e -> a.idJson().equals(e.idJson())))
                            .as("the first label's id is never asked")
                            .hasSize(1);
                    continue;
                }
                first = first < 0 ? i - 1 : first;
                last = i;
            }
        }
        assertThat(first)
                .as("the file has records of different inputs at one timestamp")
                .isPositive();
        return new int[] {first, last};
    }

    /** The dead letters as the file lists them: the index of the event and the reason. */
    private static List<ObjectNode> deadLetters(
            final List<ConsumerRecord<String, byte[]>> letters,
            final List<LabelsVector.Event> events,
            final LearnerConfig config) {
        final Map<String, Integer> eventAt = new HashMap<>();
        final Map<String, Long> offsets = new HashMap<>();
        for (int i = 0; i < events.size(); i++) {
            final String topic = source(events.get(i)).topic(config.topics());
            eventAt.put(topic + "@" + (offsets.merge(topic, 1L, Long::sum) - 1), i);
        }
        return letters.stream()
                .map(r -> JSON.createObjectNode()
                        .put("event", eventAt.get(header(r, DeadLetters.TOPIC) + "@" + header(r, DeadLetters.OFFSET)))
                        .put("reason", header(r, DeadLetters.REASON)))
                .toList();
    }

    private static String header(final ConsumerRecord<String, byte[]> r, final String name) {
        final Header header = r.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static Source source(final LabelsVector.Event e) {
        return Source.valueOf(e.topic().toUpperCase(Locale.ROOT));
    }

    private static Source sourceOf(final String topic, final Topics topics) {
        for (final Source s : Source.values()) {
            if (s.topic(topics).equals(topic)) {
                return s;
            }
        }
        throw new IllegalArgumentException(topic);
    }

    private static List<JsonNode> json(final List<ConsumerRecord<String, byte[]>> records) {
        return records.stream().map(r -> parse(r.value())).toList();
    }

    private static List<String> texts(final List<ConsumerRecord<String, byte[]>> records) {
        return records.stream()
                .map(r -> new String(r.value(), StandardCharsets.UTF_8))
                .toList();
    }

    private static List<String> written(final List<byte[]> values) {
        return values.stream().map(v -> new String(v, StandardCharsets.UTF_8)).toList();
    }

    private static JsonNode parse(final byte[] json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The learner application with its HTTP API, running until it has committed every input record. */
    private static final class Learner implements AutoCloseable {

        private final OperationsExtension ops;
        private final LearnerApplication app;

        Learner(final LearnerConfig config) {
            ops = OperationsExtension.create(config, null);
            app = LearnerApplication.start(config, Launch.defaults().withExtension(ops));
            await().atMost(Duration.ofSeconds(60)).until(() -> app.streams().state() == KafkaStreams.State.RUNNING);
            VectorBroker.awaitCommitted(KAFKA, config);
        }

        String get(final String path) throws Exception {
            final HttpResponse<String> response = HTTP.send(
                    HttpRequest.newBuilder(URI.create(ops.url() + path.substring(1)))
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode())
                    .as("GET %s: %s", path, response.body())
                    .isEqualTo(200);
            return response.body();
        }

        @Override
        public void close() {
            app.close();
        }
    }
}
