package io.onlinelearner.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.onlinelearner.app.OperationsExtension;
import io.onlinelearner.broker.KafkaBrokerExtension;
import io.onlinelearner.config.LearnerConfig;
import io.onlinelearner.config.LearnerSettings;
import io.onlinelearner.metrics.LearnerObservations;
import io.onlinelearner.metrics.MetricsRegistry;
import io.onlinelearner.topology.LearnerTopology;
import io.onlinelearner.topology.Names;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Properties;
import java.util.stream.IntStream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.state.HostInfo;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTTP API against a real broker: two learner instances with one application id, each with
 * its listener, metrics and HTTP server, answer every endpoint and each other's models.
 */
class LearnerHttpIT {

    private static final int PARTITIONS = 4;
    private static final int MODELS = 10;
    private static final int TRAIN_PER_MODEL = 20;
    private static final int WINDOW = 5;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private static final List<String> TOPICS = LearnerSettings.TOPICS.stream()
            .map(io.onlinelearner.config.Setting::defaultValue)
            .toList();

    @TempDir
    static Path dir;

    @RegisterExtension
    static final KafkaBrokerExtension KAFKA = KafkaBrokerExtension.shared();

    /** This class's own application id and topic names on the shared broker. */
    private static final String PREFIX = KafkaBrokerExtension.unique("http");

    private static Instance first;
    private static Instance second;

    @BeforeAll
    static void start() throws Exception {
        KAFKA.createTopics(PARTITIONS, TOPICS.stream().map(LearnerHttpIT::topic).toList());
        first = new Instance(dir.resolve("state-1"));
        second = new Instance(dir.resolve("state-2"));
    }

    @AfterAll
    static void stop() {
        for (final Instance instance : new Instance[] {first, second}) {
            if (instance != null) {
                instance.close();
            }
        }
    }

    @Test
    void shouldAnswerEveryEndpointAndPredictOnBothInstancesForEveryModel() throws Exception {
        assertThat(get(first, "/health").statusCode()).isEqualTo(503);
        assertThat(get(first, "/models/m0").statusCode()).isEqualTo(503);

        first.streams.start();
        second.streams.start();
        Awaitility.await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(get(first, "/health").statusCode()).isEqualTo(200);
            assertThat(get(second, "/health").statusCode()).isEqualTo(200);
        });
        produce();

        Awaitility.await()
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(250))
                .untilAsserted(() -> {
                    for (final Instance instance : List.of(first, second)) {
                        for (int m = 0; m < MODELS; m++) {
                            final HttpResponse<String> response = get(instance, "/models/m" + m);
                            assertThat(response.statusCode())
                                    .as("m%d on %s", m, instance.http.hostPort())
                                    .isEqualTo(200);
                            final JsonNode snapshot = JSON.readTree(response.body());
                            assertThat(snapshot.get("model").asText()).isEqualTo("m" + m);
                            assertThat(snapshot.get("updates").asLong()).isEqualTo(TRAIN_PER_MODEL);
                            assertThat(snapshot.get("round").asInt()).isZero();
                        }
                    }
                });
        assertThat(localIds(first)).isNotEmpty();
        assertThat(localIds(second)).isNotEmpty();
        assertThat(localIds(first).size() + localIds(second).size()).isEqualTo(MODELS);
        for (final Instance instance : List.of(first, second)) {
            final List<String> ids = localIds(instance);
            assertThat(ids).as("one sorted list over the instance's partitions").isSorted();
            final Page<?> afterFirst = instance.directory.page(ids.get(0), 1);
            assertThat(afterFirst.items()).hasSize(ids.size() > 1 ? 1 : 0);
            assertThat(afterFirst.more()).isEqualTo(ids.size() > 2);
            assertThat(walk(instance, 3)).containsExactlyElementsOf(allIds());
        }

        for (final Instance instance : List.of(first, second)) {
            final JsonNode list = JSON.readTree(get(instance, "/models").body());
            assertThat(list).hasSize(MODELS);
            assertThat(get(instance, "/models/nobody").statusCode()).isEqualTo(404);
            assertThat(get(instance, "/nothing").statusCode()).isEqualTo(404);
            assertThat(get(instance, "/").body()).contains("api/history");
            assertThat(JSON.readTree(get(instance, "/api/history").body())).hasSize(MODELS);
            assertThat(CLIENT.send(
                                    HttpRequest.newBuilder(uri(instance, "/models/m0"))
                                            .POST(HttpRequest.BodyPublishers.noBody())
                                            .build(),
                                    HttpResponse.BodyHandlers.ofString())
                            .statusCode())
                    .isEqualTo(405);
            assertThat(get(instance, "/metrics").body())
                    .contains("learner_records_total", "kafka_stream_", "jvm_memory_used_bytes");
        }
        shouldPredictOnBothInstancesWithTheOwnersAnswer();

        final double applied = trainApplied(first) + trainApplied(second);
        assertThat(applied).isEqualTo(MODELS * TRAIN_PER_MODEL);
        shouldAnswer503ForTheModelsOfAPartitionBeingRestored();
    }

    /**
     * While Kafka Streams tells that a partition of the model store is being restored (as when a
     * task found corrupted restores while its thread runs), its models and the lists answer 503,
     * never a 404 or a partly restored state; once it is told the restoration ended, 200 again.
     */
    private static void shouldAnswer503ForTheModelsOfAPartitionBeingRestored() throws Exception {
        final String held = localIds(first).get(0);
        for (int partition = 0; partition < PARTITIONS; partition++) {
            first.restoring.onRestoreStart(new TopicPartition("changelog", partition), Names.STORE, 0, 1);
        }
        for (final Instance instance : List.of(first, second)) {
            assertThat(get(instance, "/models/" + held).statusCode()).isEqualTo(503);
            assertThat(get(instance, "/models/nobody").statusCode()).isEqualTo(503);
            assertThat(get(instance, "/models").statusCode()).isEqualTo(503);
        }
        for (int partition = 0; partition < PARTITIONS; partition++) {
            first.restoring.onRestoreEnd(new TopicPartition("changelog", partition), Names.STORE, 1);
        }
        for (final Instance instance : List.of(first, second)) {
            assertThat(get(instance, "/models/" + held).statusCode()).isEqualTo(200);
            assertThat(get(instance, "/models/nobody").statusCode()).isEqualTo(404);
        }
    }

    /** The ids of the models an instance holds, in order, from its directory. */
    private static List<String> localIds(final Instance instance) {
        return instance.directory.page(null, PageRequest.MAX_LIMIT).items().stream()
                .map(Map.Entry::getKey)
                .toList();
    }

    private static List<String> allIds() {
        return IntStream.range(0, MODELS).mapToObj(m -> "m" + m).sorted().toList();
    }

    /** Every model id listed by {@code GET /models} on {@code instance}, {@code limit} a page, following the Link headers. */
    private static List<String> walk(final Instance instance, final int limit) throws Exception {
        final List<String> ids = new ArrayList<>();
        String page = "/models?limit=" + limit;
        while (page != null) {
            final HttpResponse<String> response = get(instance, page);
            assertThat(response.statusCode()).isEqualTo(200);
            JSON.readTree(response.body())
                    .forEach(node -> ids.add(node.get("model").asText()));
            page = response.headers()
                    .firstValue("Link")
                    .map(link -> link.substring(1, link.indexOf('>')))
                    .orElse(null);
        }
        return ids;
    }

    /**
     * {@code POST /models/{id}/predict} on both instances: the owner answers from its store, the other
     * instance forwards to it, and both answers are the owner's, byte for byte.
     */
    private static void shouldPredictOnBothInstancesWithTheOwnersAnswer() throws Exception {
        final String request = "{\"x\": [1.0, 3.0], \"id\": \"r1\"}";
        for (int m = 0; m < MODELS; m++) {
            final String id = "m" + m;
            final Instance owner = localIds(first).contains(id) ? first : second;
            final Instance other = owner == first ? second : first;
            final HttpResponse<String> own = predict(owner, id, request);
            final HttpResponse<String> forwarded = predict(other, id, request);
            assertThat(own.statusCode()).as("%s on its owner", id).isEqualTo(200);
            assertThat(forwarded.statusCode()).as("%s forwarded", id).isEqualTo(200);
            assertThat(forwarded.body()).isEqualTo(own.body());

            final JsonNode answer = JSON.readTree(own.body());
            final JsonNode snapshot = JSON.readTree(get(owner, "/models/" + id).body());
            final JsonNode w = snapshot.get("weights");
            assertThat(answer.get("prediction").asDouble())
                    .isEqualTo(w.get(0).asDouble() * 1.0
                            + w.get(1).asDouble() * 3.0
                            + snapshot.get("bias").asDouble());
            assertThat(answer.get("status").asText()).isEqualTo("TRAINING");
            assertThat(answer.get("parameters").asText()).isEqualTo("live");
            assertThat(answer.get("updates").asLong()).isEqualTo(TRAIN_PER_MODEL);
            assertThat(answer.get("generation").asInt()).isZero();
            assertThat(answer.get("trainedThrough")).isEqualTo(snapshot.get("trainedThrough"));
        }
        for (final Instance instance : List.of(first, second)) {
            assertThat(predict(instance, "nobody", request).statusCode()).isEqualTo(404);
            final HttpResponse<String> bad = predict(instance, "m0", "{\"x\": \"many\"}");
            assertThat(bad.statusCode()).isEqualTo(400);
            assertThat(JSON.readTree(bad.body()).get("error").asText()).startsWith("bad prediction request (");
            assertThat(predict(instance, "m0", "{\"x\": [1.0]}").statusCode())
                    .as("wrong dimension")
                    .isEqualTo(400);
        }
    }

    private static HttpResponse<String> predict(final Instance instance, final String id, final String body)
            throws Exception {
        return CLIENT.send(
                HttpRequest.newBuilder(uri(instance, "/models/" + id + "/predict"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static double trainApplied(final Instance instance) {
        return instance.registry
                .registry()
                .get("learner.records")
                .tags("topic", "train", "outcome", "applied")
                .functionCounter()
                .count();
    }

    private static void produce() {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(
                Map.of("bootstrap.servers", KAFKA.bootstrapServers()),
                new StringSerializer(),
                new StringSerializer())) {
            IntStream.range(0, MODELS).forEach(m -> {
                for (int i = 0; i < TRAIN_PER_MODEL; i++) {
                    producer.send(
                            new ProducerRecord<>(topic("train"), "m" + m, "{\"x\": [1.0, " + i + "], \"y\": 2.0}"));
                }
                for (int i = 0; i < WINDOW; i++) {
                    producer.send(
                            new ProducerRecord<>(topic("validation"), "m" + m, "{\"x\": [1.0, 1.0], \"y\": 2.0}"));
                }
            });
            producer.flush();
        }
    }

    private static String topic(final String name) {
        return PREFIX + "-" + name;
    }

    private static URI uri(final Instance instance, final String path) {
        return URI.create("http://" + instance.http.hostPort() + path);
    }

    private static HttpResponse<String> get(final Instance instance, final String path) throws Exception {
        return CLIENT.send(
                HttpRequest.newBuilder(uri(instance, path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /** One learner instance as the application wires it: listener, metrics, HTTP server, streams. */
    private static final class Instance implements AutoCloseable {

        final LearnerObservations metrics = new LearnerObservations(100);
        final MetricsRegistry registry = MetricsRegistry.create(metrics, false);
        final LearnerHttpServer http;
        final KafkaStreams streams;
        final StreamsModelDirectory directory;
        final RestoringPartitions restoring = new RestoringPartitions();

        Instance(final Path stateDir) throws Exception {
            http = LearnerHttpServer.bind("127.0.0.1", 0);
            final Properties properties = new Properties();
            properties.setProperty("bootstrap.servers", KAFKA.bootstrapServers());
            properties.setProperty("application.id", PREFIX);
            LearnerSettings.TOPICS.forEach(t -> properties.setProperty(t.key(), topic(t.defaultValue())));
            properties.setProperty("application.server", http.hostPort());
            properties.setProperty("state.dir", stateDir.toString());
            properties.setProperty("commit.interval.ms", "100");
            properties.setProperty(LearnerSettings.STOPPING_VALIDATION_WINDOW.key(), String.valueOf(WINDOW));
            final LearnerConfig config = LearnerConfig.parse(properties);
            streams = new KafkaStreams(LearnerTopology.build(config, metrics), config.streams());
            registry.bindKafkaStreams(streams);
            directory = new StreamsModelDirectory(
                    streams, HostInfo.buildFromEndpoint(http.hostPort()), null, false, OptionalInt.empty(), restoring);
            http.start(new LearnerHttpServer.Api(
                    directory,
                    OperationsExtension.learner(config),
                    metrics::histories,
                    registry::scrape,
                    streams::state,
                    config.topics().lineage()));
        }

        @Override
        public void close() {
            streams.close(Duration.ofSeconds(10));
            http.close();
            registry.close();
        }
    }
}
