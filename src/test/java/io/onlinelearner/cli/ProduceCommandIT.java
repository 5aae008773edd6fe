package io.onlinelearner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.onlinelearner.broker.KafkaBrokerExtension;
import io.onlinelearner.topology.MisroutingDetector;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code produce} on a real broker: every line becomes one record, key and value as written and
 * partitioned by murmur2 as the learner expects; a line without the separator stops it with exit 2
 * after the lines before it; a missing topic is exit 1.
 */
class ProduceCommandIT {

    @RegisterExtension
    static final KafkaBrokerExtension KAFKA = KafkaBrokerExtension.shared();

    private static final int PARTITIONS = 3;

    @TempDir
    Path dir;

    private Path config() throws IOException {
        return Files.writeString(dir.resolve("learner.properties"), "bootstrap.servers=" + KAFKA.bootstrapServers());
    }

    private Path lines(final String... lines) throws IOException {
        return Files.write(dir.resolve("lines.txt"), List.of(lines), StandardCharsets.UTF_8);
    }

    /** {@code produce} of {@code file} to {@code topic} on the shared broker, with {@code more} options. */
    private CliRun produce(final String topic, final Path file, final String... more) throws IOException {
        final List<String> args = new ArrayList<>(
                List.of("produce", "-c", config().toString(), "--topic", topic, "--file", file.toString()));
        args.addAll(List.of(more));
        return CliRun.of(args.toArray(String[]::new));
    }

    private static List<ConsumerRecord<byte[], byte[]>> read(final String topic, final int count) {
        final List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(
                Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers()),
                new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            final List<TopicPartition> partitions = new ArrayList<>();
            for (int p = 0; p < PARTITIONS; p++) {
                partitions.add(new TopicPartition(topic, p));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            final long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (records.size() < count && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }

    @Test
    void shouldWriteEveryLineAsOneRecordPartitionedByMurmur2AnEmptyKeyAsDefault() throws Exception {
        final String topic = KafkaBrokerExtension.unique("produce");
        KAFKA.createTopics(PARTITIONS, List.of(topic));
        final CliRun run = produce(
                topic,
                lines("m1:{\"x\": [1.0, 2.0], \"y\": 3.0}", "", "m2:{\"x\": [0.5, 1.0], \"y\": 1.0}", ":{\"x\": 1}"));

        assertThat(run.exitCode()).as(run.err()).isEqualTo(Main.OK);
        assertThat(run.outLines()).containsExactly("online-learner: sent 3 records to " + topic);
        final List<ConsumerRecord<byte[], byte[]>> records = read(topic, 3);
        assertThat(records)
                .extracting(r -> new String(r.key(), StandardCharsets.UTF_8) + " "
                        + new String(r.value(), StandardCharsets.UTF_8))
                .containsExactlyInAnyOrder(
                        "m1 {\"x\": [1.0, 2.0], \"y\": 3.0}",
                        "m2 {\"x\": [0.5, 1.0], \"y\": 1.0}",
                        "default {\"x\": 1}");
        assertThat(records)
                .allSatisfy(
                        r -> assertThat(r.partition()).isEqualTo(MisroutingDetector.partitionOf(r.key(), PARTITIONS)));
    }

    @Test
    void shouldWriteARecordOverOneMebibyteAsTheLearnersTopicsAcceptThem() throws Exception {
        final String topic = KafkaBrokerExtension.unique("produce-large");
        KAFKA.admin()
                .createTopics(List.of(new NewTopic(topic, PARTITIONS, (short) 1)
                        .configs(Map.of(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, String.valueOf(4 << 20)))))
                .all()
                .get();
        final String value = "{\"x\": [" + "1.0, ".repeat(300_000) + "1.0], \"y\": 1.0}";
        final CliRun run = produce(topic, lines("m1:" + value));

        assertThat(run.exitCode()).as(run.err()).isEqualTo(Main.OK);
        assertThat(run.outLines()).containsExactly("online-learner: sent 1 record to " + topic);
        assertThat(read(topic, 1)).extracting(r -> r.value().length).containsExactly(value.length());
    }

    @Test
    void shouldStopAtALineWithoutTheSeparatorWithExitTwoAfterSendingTheLinesBefore() throws Exception {
        final String topic = KafkaBrokerExtension.unique("produce-bad");
        KAFKA.createTopics(PARTITIONS, List.of(topic));
        final CliRun run = produce(
                topic, lines("m1;{\"x\": 1, \"y\": 1}", "{\"x\": 2}", "m1;{\"x\": 3, \"y\": 1}"), "--separator", ";");

        assertThat(run.exitCode()).as(run.err()).isEqualTo(Main.USAGE);
        assertThat(run.errLines())
                .containsExactly("online-learner: line 2 has no key separator ';' (write KEY;VALUE; an empty key is "
                        + "the model default); 1 record before it was sent (see 'online-learner produce --help')");
        assertThat(read(topic, 1))
                .extracting(r -> new String(r.value(), StandardCharsets.UTF_8))
                .containsExactly("{\"x\": 1, \"y\": 1}");
    }

    @Test
    void shouldExitOneNamingAMissingTopic() throws Exception {
        final String topic = KafkaBrokerExtension.unique("produce-missing");
        final CliRun run = produce(topic, lines("m:{}"));
        assertThat(run.exitCode()).isEqualTo(Main.FAILURE);
        assertThat(run.errLines())
                .singleElement()
                .asString()
                .startsWith("online-learner: topic " + topic + " does not exist on " + KAFKA.bootstrapServers());
    }
}
