package io.onlinelearner.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.onlinelearner.config.LearnerConfig;
import io.onlinelearner.config.LearnerSettings;
import io.onlinelearner.topology.DeadLetters;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Records over Kafka's default limit of 1 MiB, on a real broker: the state of a model with
 * d = 50,000 (1.2 MB) and its snapshot (a round of one validation record), and the dead letter of an input value just under the
 * limit (its headers take it over). Without raised limits the producer refuses them, and under
 * exactly-once the stream thread fails on the same record forever.
 */
class LargeRecordsIT {

    private static final int D = 50_000;
    private static final int BAD_VALUE_BYTES = 1_048_400;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void shouldWriteStatesSnapshotsAndDeadLettersOverOneMebibyteAndRestoreTheState() throws Exception {
        final byte[] bad = new byte[BAD_VALUE_BYTES];
        Arrays.fill(bad, (byte) 'x');
        try (LearnerApplication app = start()) {
            produce(app, "train", "a", example(0.5));
            produce(app, "validation", "a", example(0.5));
            produce(app, "train", "b", bad);
            final ConsumerRecord<String, byte[]> letter = first(app, "dead-letters", "b");
            assertThat(letter.value()).isEqualTo(bad);
            assertThat(new String(
                            letter.headers().lastHeader(DeadLetters.REASON).value(), StandardCharsets.UTF_8))
                    .isEqualTo("not-json");
            final JsonNode first = JSON.readTree(first(app, "models", "a").value());
            assertThat(first.path("updates").asLong()).isEqualTo(1);
            assertThat(first.path("weights")).hasSize(D);
            assertThat(changelogMaxMessageBytes(app)).isGreaterThan(1 << 20);
            assertThat(app.failed()).isFalse();
        }
        Utils.delete(dir.resolve("streams").toFile());
        try (LearnerApplication app = start()) {
            produce(app, "train", "a", example(0.25));
            produce(app, "validation", "a", example(0.25));
            final List<ConsumerRecord<String, byte[]>> snapshots = awaitAll(app, "models", "a", 2);
            assertThat(JSON.readTree(snapshots.get(1).value()).path("updates").asLong())
                    .as("the second record continues from the state restored from the changelog")
                    .isEqualTo(2);
            assertThat(app.failed()).isFalse();
        }
    }

    private LearnerApplication start() {
        final Properties props = new Properties();
        props.setProperty("application.id", "large-records");
        // Kafka Streams does not leave its group on close: the second start waits for the first
        // member's session to time out, 6 s (the broker's least) instead of 45.
        props.setProperty("session.timeout.ms", "6000");
        props.setProperty(LearnerSettings.MODEL_FEATURES.key(), String.valueOf(D));
        props.setProperty(LearnerSettings.MODEL_MAX_FEATURES.key(), String.valueOf(D));
        props.setProperty(LearnerSettings.STOPPING_VALIDATION_WINDOW.key(), "1");
        final LearnerApplication app =
                LearnerApplication.start(LearnerConfig.parse(props), new Launch(dir, 0, LearnerExtension.NONE));
        await().atMost(Duration.ofSeconds(60)).until(() -> app.streams().state() == KafkaStreams.State.RUNNING);
        return app;
    }

    private static byte[] example(final double value) {
        final StringBuilder json = new StringBuilder(8 * D).append("{\"x\": [");
        for (int i = 0; i < D; i++) {
            json.append(i == 0 ? "" : ",").append(value * (i % 7));
        }
        return json.append("], \"y\": 1.0}").toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void produce(final LearnerApplication app, final String topic, final String key, final byte[] value)
            throws Exception {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                Map.of("bootstrap.servers", app.bootstrapServers()),
                new StringSerializer(),
                new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic, key, value)).get();
        }
    }

    private static ConsumerRecord<String, byte[]> first(
            final LearnerApplication app, final String topic, final String key) {
        return awaitAll(app, topic, key, 1).get(0);
    }

    /** The first {@code count} committed records of {@code key} on {@code topic}, waiting up to a minute. */
    private static List<ConsumerRecord<String, byte[]>> awaitAll(
            final LearnerApplication app, final String topic, final String key, final int count) {
        final List<ConsumerRecord<String, byte[]>> found = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(
                Map.of("bootstrap.servers", app.bootstrapServers(), "isolation.level", "read_committed"),
                new StringDeserializer(),
                new ByteArrayDeserializer())) {
            final List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                    if (key.equals(r.key())) {
                        found.add(r);
                    }
                });
                return found.size() >= count;
            });
        }
        return found;
    }

    private static int changelogMaxMessageBytes(final LearnerApplication app) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", app.bootstrapServers()))) {
            final String changelog = admin.listTopics().names().get().stream()
                    .filter(t -> t.startsWith("large-records-") && t.endsWith("-changelog"))
                    .findFirst()
                    .orElseThrow();
            final ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, changelog);
            final Config config =
                    admin.describeConfigs(List.of(resource)).all().get().get(resource);
            return Integer.parseInt(
                    config.get(TopicConfig.MAX_MESSAGE_BYTES_CONFIG).value());
        }
    }
}
