package io.onlinelearner.http;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.onlinelearner.app.Launch;
import io.onlinelearner.app.LearnerApplication;
import io.onlinelearner.app.OperationsExtension;
import io.onlinelearner.broker.KafkaBrokerExtension;
import io.onlinelearner.config.LearnerConfig;
import io.onlinelearner.config.LearnerSettings;
import io.onlinelearner.config.TestTopics;
import io.onlinelearner.config.Topics;
import io.onlinelearner.learner.Learner;
import io.onlinelearner.learner.ModelState;
import io.onlinelearner.learner.Outcome;
import io.onlinelearner.metrics.RecordOutcome;
import io.onlinelearner.model.Example;
import io.onlinelearner.topology.Crc32Partitioner;
import io.onlinelearner.topology.DeadLetters;
import io.onlinelearner.topology.MisroutingDetector;
import io.onlinelearner.topology.Origin;
import io.onlinelearner.topology.Source;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Producers that do not partition as Kafka's Java clients do, against a real broker with 4
 * partitions: models written with librdkafka's CRC32 partitioner are found on every instance,
 * also after an instance restarts, with the parameters the core computes; train written with
 * murmur2 and validation with CRC32 meet in one task with {@code learner.input.repartition=true}
 * and are counted and logged as misrouted without it. Re-keyed, a rejected record's dead letter
 * keeps the key it was written with, a null key included; and re-keyed, a model's records reach
 * its task in timestamp order across inputs (a command between two runs of training records stops
 * it there).
 */
class AnyPartitionerIT {

    private static final int PARTITIONS = 4;
    private static final int MODELS = 8;
    private static final int TRAIN = 20;
    private static final int VALIDATE = 15;
    private static final int WINDOW = 5;
    private static final int MAX_BYTES = 1024;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    @TempDir
    static Path dir;

    @RegisterExtension
    static final KafkaBrokerExtension KAFKA = KafkaBrokerExtension.shared();

    @Test
    void shouldAnswerEveryCrc32PartitionedModelOnBothInstancesAcrossARestart() throws Exception {
        final Topics topics = createTopics("crc");
        produce(topics, true, true);
        final Map<String, Object> settings = settings(topics, false);
        final String app = "any-" + UUID.randomUUID();
        try (Instance first = new Instance(settings, app, dir.resolve("crc-1"))) {
            Instance second = new Instance(settings, app, dir.resolve("crc-2"));
            try {
                awaitEveryModel(List.of(first, second), false);
                second.close();
                for (int m = 0; m < MODELS; m++) {
                    assertThat(first.get("/models/m" + m).statusCode())
                            .as("m%d while its owner is gone", m)
                            .isIn(200, 503);
                }
                awaitEveryModel(List.of(first), false);
                second = new Instance(settings, app, dir.resolve("crc-2"));
                awaitEveryModel(List.of(first, second), false);
                assertThat(first.get("/models/nobody").statusCode()).isEqualTo(404);
            } finally {
                second.close();
            }
        }
    }

    @Test
    void shouldKeepEveryModelWholeWithRepartitionWhenTrainAndValidationArePartitionedDifferently() throws Exception {
        final Topics topics = createTopics("mixed");
        produce(topics, false, true);
        final List<String> badKeys = Arrays.asList(null, "", "m0");
        try (KafkaProducer<String, String> producer = producer(false)) {
            producer.send(new ProducerRecord<>(topics.train(), null, 1_000L, null, "not json"));
            producer.send(new ProducerRecord<>(topics.validation(), null, 100_000L, "", "not json"));
            producer.send(new ProducerRecord<>(
                    topics.train(),
                    null,
                    1_000L,
                    "m0",
                    "{\"x\": [1, 2], \"y\": 1, \"pad\": \"" + "a".repeat(MAX_BYTES) + "\"}"));
        }
        final Map<String, Object> settings = settings(topics, true);
        settings.put(LearnerSettings.INPUT_MAX_BYTES.key(), MAX_BYTES);
        final String app = "any-" + UUID.randomUUID();
        try (Instance instance = new Instance(settings, app, dir.resolve("mixed-on"))) {
            awaitEveryModel(List.of(instance), true);
            assertThat(instance.ops.observations().stops()).isEqualTo(MODELS);
            assertThat(instance.ops.observations().misrouted(Source.VALIDATION)).isZero();
            // the late validation record may wait out max.task.idle.ms after every model stopped
            Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> rejected(instance) >= badKeys.size());
            try (Instance second = new Instance(settings, app, dir.resolve("mixed-on-2"))) {
                awaitEveryModelListed(List.of(instance, second));
            }
        }
        final List<ConsumerRecord<byte[], byte[]>> dead = deadLetters(topics, badKeys.size());
        assertThat(dead.stream().map(r -> r.key() == null ? null : new String(r.key(), StandardCharsets.UTF_8)))
                .containsExactlyInAnyOrderElementsOf(badKeys);
        for (final ConsumerRecord<byte[], byte[]> letter : dead) {
            assertThat(letter.headers().lastHeader(DeadLetters.REASON).value())
                    .asString(StandardCharsets.UTF_8)
                    .isEqualTo(letter.key() != null && letter.key().length > 0 ? "too-large" : "not-json");
            assertThat(letter.headers().headers(Origin.KEY)).isEmpty();
        }
    }

    @Test
    void shouldTakeAModelsRecordsInTimestampOrderAcrossInputsWhenRekeyed() throws Exception {
        final Topics topics = createTopics("order");
        final int later = 10;
        try (KafkaProducer<String, String> producer = producer(false)) {
            for (int i = 0; i < TRAIN + later; i++) {
                for (int m = 0; m < MODELS; m++) {
                    final long timestamp = i < TRAIN ? 1_000L + i : 3_000L + i;
                    producer.send(new ProducerRecord<>(topics.train(), null, timestamp, "m" + m, json(train(m, i))));
                }
            }
            for (int m = 0; m < MODELS; m++) {
                producer.send(
                        new ProducerRecord<>(topics.commands(), null, 2_000L, "m" + m, "{\"command\": \"stop\"}"));
            }
            producer.flush();
        }
        final Map<String, Object> settings = settings(topics, true);
        settings.put("max.task.idle.ms", 0);
        try (Instance instance = new Instance(settings, "any-" + UUID.randomUUID(), dir.resolve("order"))) {
            Awaitility.await()
                    .atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(300))
                    .untilAsserted(() -> {
                        for (int m = 0; m < MODELS; m++) {
                            final HttpResponse<String> response = instance.get("/models/m" + m);
                            assertThat(response.statusCode()).as("m%d", m).isEqualTo(200);
                            final JsonNode snapshot = JSON.readTree(response.body());
                            assertThat(snapshot.get("status").asText())
                                    .as("m%d: %s", m, response.body())
                                    .isEqualTo("STOPPED");
                            assertThat(snapshot.get("updates").asLong())
                                    .as(
                                            "m%d stopped by the command between its two runs of training records: %s",
                                            m, response.body())
                                    .isEqualTo(TRAIN);
                        }
                        assertThat(instance.ops.observations().records(Source.TRAIN, RecordOutcome.SKIPPED))
                                .isEqualTo((long) MODELS * later);
                    });
        }
    }

    private static long rejected(final Instance instance) {
        return instance.ops.observations().records(Source.TRAIN, RecordOutcome.REJECTED)
                + instance.ops.observations().records(Source.VALIDATION, RecordOutcome.REJECTED);
    }

    /** The first {@code count} committed records of the dead-letter topic, waiting up to a minute for them. */
    private static List<ConsumerRecord<byte[], byte[]>> deadLetters(final Topics topics, final int count) {
        final List<ConsumerRecord<byte[], byte[]>> letters = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(
                Map.of(
                        "bootstrap.servers",
                        KAFKA.bootstrapServers(),
                        "group.id",
                        "dead-" + UUID.randomUUID(),
                        "auto.offset.reset",
                        "earliest",
                        "isolation.level",
                        "read_committed"),
                new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topics.deadLetters()));
            Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(letters::add);
                return letters.size() >= count;
            });
        }
        return letters;
    }

    @Test
    void shouldCountAndLogOncePerTopicTheMisroutedRecordsWithoutRepartition() throws Exception {
        final Topics topics = createTopics("off");
        produce(topics, false, true);
        final long expected = expectedMisrouted(topics);
        assertThat(expected).isPositive();
        final ListAppender<ILoggingEvent> log = new ListAppender<>();
        final Logger logger = (Logger) LoggerFactory.getLogger(MisroutingDetector.class);
        log.start();
        logger.addAppender(log);
        try (Instance instance =
                new Instance(settings(topics, false), "any-" + UUID.randomUUID(), dir.resolve("mixed-off"))) {
            Awaitility.await()
                    .atMost(Duration.ofSeconds(60))
                    .untilAsserted(() -> assertThat(instance.ops.observations().misrouted(Source.VALIDATION))
                            .isEqualTo(expected));
            assertThat(instance.ops.observations().misrouted(Source.TRAIN)).isZero();
            assertThat(instance.get("/metrics").body())
                    .contains("learner_misrouted_records_total{topic=\"validation\"}");
        } finally {
            logger.detachAppender(log);
        }
        assertThat(log.list.stream().filter(e -> e.getLevel() == Level.WARN).toList())
                .hasSize(1)
                .allSatisfy(e -> assertThat(e.getFormattedMessage())
                        .contains(
                                topics.validation(),
                                LearnerSettings.INPUT_REPARTITION.key() + "=true",
                                "partitioner=murmur2_random"));
    }

    /**
     * {@code GET /models} lists every model on every instance: re-keyed, an instance may run a
     * partition's re-keying tasks and not its learner task, and must then not look for the store there.
     */
    private static void awaitEveryModelListed(final List<Instance> instances) {
        final List<String> every =
                IntStream.range(0, MODELS).mapToObj(m -> "m" + m).sorted().toList();
        Awaitility.await()
                .atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(300))
                .untilAsserted(() -> {
                    for (final Instance instance : instances) {
                        final HttpResponse<String> response = instance.get("/models");
                        assertThat(response.statusCode())
                                .as("/models on %s: %s", instance.ops.url(), response.body())
                                .isEqualTo(200);
                        final List<String> listed = new ArrayList<>();
                        JSON.readTree(response.body())
                                .forEach(model -> listed.add(model.get("model").asText()));
                        assertThat(listed).isEqualTo(every);
                    }
                });
    }

    /** Every model answers 200 on every instance with the core's parameters (and, if asked, its rounds and stop). */
    private static void awaitEveryModel(final List<Instance> instances, final boolean rounds) {
        Awaitility.await()
                .atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(300))
                .untilAsserted(() -> {
                    for (final Instance instance : instances) {
                        for (int m = 0; m < MODELS; m++) {
                            final HttpResponse<String> response = instance.get("/models/m" + m);
                            assertThat(response.statusCode())
                                    .as("m%d on %s: %s", m, instance.ops.url(), response.body())
                                    .isEqualTo(200);
                            final JsonNode snapshot = JSON.readTree(response.body());
                            final ModelState expected = expected(m, rounds);
                            assertThat(snapshot.get("updates").asLong()).isEqualTo(TRAIN);
                            assertThat(snapshot.get("weights").get(0).asDouble())
                                    .isEqualTo(expected.parameters()[0]);
                            assertThat(snapshot.get("weights").get(1).asDouble())
                                    .isEqualTo(expected.parameters()[1]);
                            if (rounds) {
                                assertThat(snapshot.get("status").asText())
                                        .isEqualTo(expected.status().name());
                                assertThat(snapshot.get("round").asInt()).isEqualTo(expected.rounds() - 1);
                            }
                        }
                    }
                });
    }

    /** Model {@code m} fed through the core: its training records in order, then (if asked) its validation records. */
    private static ModelState expected(final int m, final boolean validate) {
        final LearnerConfig config = LearnerConfig.parse(properties(Map.of(
                LearnerSettings.STOPPING_VALIDATION_WINDOW.key(), WINDOW, LearnerSettings.STOPPING_PATIENCE.key(), 1)));
        final Learner learner = new Learner(config.model(), config.adam(), config.stopping());
        ModelState state = null;
        for (int i = 0; i < TRAIN; i++) {
            state = learner.train(state, train(m, i), io.onlinelearner.model.Position.train(0, i))
                    .state();
        }
        for (int i = 0; validate && i < VALIDATE; i++) {
            final Outcome outcome = learner.validate(state, validation(m, i));
            state = outcome.state();
        }
        return state;
    }

    private static long expectedMisrouted(final Topics topics) {
        long count = 0;
        for (int m = 0; m < MODELS; m++) {
            final byte[] key = ("m" + m).getBytes(StandardCharsets.UTF_8);
            if (Crc32Partitioner.partitionOf(key, PARTITIONS) != MisroutingDetector.partitionOf(key, PARTITIONS)) {
                count += VALIDATE;
            }
        }
        return count;
    }

    private static Example train(final int m, final int i) {
        return new Example(new double[] {1.0, i % 5}, m + 0.5 * (i % 5));
    }

    private static Example validation(final int m, final int i) {
        return new Example(new double[] {1.0, i % 3}, m + 0.5 * (i % 3));
    }

    /** Writes every training record (timestamps first), then every validation record, with the chosen partitioners. */
    private static void produce(final Topics topics, final boolean trainCrc32, final boolean validationCrc32) {
        try (KafkaProducer<String, String> murmur2 = producer(false);
                KafkaProducer<String, String> crc32 = producer(true)) {
            for (int m = 0; m < MODELS; m++) {
                for (int i = 0; i < TRAIN; i++) {
                    (trainCrc32 ? crc32 : murmur2)
                            .send(new ProducerRecord<>(topics.train(), null, 1_000L + i, "m" + m, json(train(m, i))));
                }
                for (int i = 0; i < VALIDATE; i++) {
                    (validationCrc32 ? crc32 : murmur2)
                            .send(new ProducerRecord<>(
                                    topics.validation(), null, 100_000L + i, "m" + m, json(validation(m, i))));
                }
            }
            murmur2.flush();
            crc32.flush();
        }
    }

    private static KafkaProducer<String, String> producer(final boolean crc32) {
        final Map<String, Object> config =
                new HashMap<>(Map.of("bootstrap.servers", KAFKA.bootstrapServers(), "acks", "all"));
        if (crc32) {
            config.put("partitioner.class", Crc32Partitioner.class.getName());
        }
        return new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
    }

    private static String json(final Example example) {
        return String.format(Locale.ROOT, "{\"x\": [%s, %s], \"y\": %s}", example.x()[0], example.x()[1], example.y());
    }

    private static Topics createTopics(final String prefix) throws Exception {
        final Topics topics = TestTopics.prefixed(KafkaBrokerExtension.unique(prefix));
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", KAFKA.bootstrapServers()))) {
            admin.createTopics(topics.all().stream()
                            .map(t -> new NewTopic(t, PARTITIONS, (short) 1))
                            .toList())
                    .all()
                    .get();
        }
        KAFKA.awaitLeaders(PARTITIONS, topics.all());
        return topics;
    }

    private static Map<String, Object> settings(final Topics topics, final boolean repartition) {
        final Map<String, Object> settings = new HashMap<>(Map.of(
                LearnerSettings.TOPIC_TRAIN.key(),
                topics.train(),
                LearnerSettings.TOPIC_VALIDATION.key(),
                topics.validation(),
                LearnerSettings.TOPIC_PREDICT.key(),
                topics.predict(),
                LearnerSettings.TOPIC_COMMANDS.key(),
                topics.commands(),
                LearnerSettings.TOPIC_MODELS.key(),
                topics.models(),
                LearnerSettings.TOPIC_CONTROL.key(),
                topics.control(),
                LearnerSettings.TOPIC_PREDICTIONS.key(),
                topics.predictions(),
                LearnerSettings.TOPIC_DEAD_LETTERS.key(),
                topics.deadLetters()));
        settings.put(LearnerSettings.INPUT_REPARTITION.key(), repartition);
        settings.put(LearnerSettings.STOPPING_VALIDATION_WINDOW.key(), WINDOW);
        settings.put(LearnerSettings.STOPPING_PATIENCE.key(), 1);
        settings.put(LearnerSettings.HTTP_PORT.key(), 0);
        settings.put("bootstrap.servers", KAFKA.bootstrapServers());
        settings.put("commit.interval.ms", 100);
        settings.put("max.task.idle.ms", 2_000);
        settings.put("session.timeout.ms", 6_000);
        settings.put("heartbeat.interval.ms", 1_000);
        return settings;
    }

    private static Properties properties(final Map<String, Object> settings) {
        final Properties properties = new Properties();
        settings.forEach((key, value) -> properties.setProperty(key, String.valueOf(value)));
        return properties;
    }

    /** One learner as {@code run} starts it: provisioning, topology, metrics, HTTP API. */
    private static final class Instance implements AutoCloseable {

        final OperationsExtension ops;
        final LearnerApplication app;

        Instance(final Map<String, Object> settings, final String applicationId, final Path stateDir) {
            final Properties properties = properties(settings);
            properties.setProperty("application.id", applicationId);
            properties.setProperty("state.dir", stateDir.toString());
            final LearnerConfig config = LearnerConfig.parse(properties);
            ops = OperationsExtension.create(config, null);
            app = LearnerApplication.start(config, new Launch(stateDir, 0, ops));
        }

        HttpResponse<String> get(final String path) throws Exception {
            return CLIENT.send(
                    HttpRequest.newBuilder(URI.create(ops.url() + path.substring(1)))
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        }

        @Override
        public void close() {
            app.close();
        }
    }
}
