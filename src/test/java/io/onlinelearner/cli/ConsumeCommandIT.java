package io.onlinelearner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.onlinelearner.broker.KafkaBrokerExtension;
import io.onlinelearner.config.LearnerSettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code consume} on a real broker: committed records of every partition as JSON lines, up to the
 * end the topic had, or {@code --max} of them; records of an aborted transaction are not shown; a
 * missing topic is exit 1.
 */
class ConsumeCommandIT {

    @RegisterExtension
    static final KafkaBrokerExtension KAFKA = KafkaBrokerExtension.shared();

    @TempDir
    Path dir;

    private Path config() throws IOException {
        return Files.writeString(dir.resolve("learner.properties"), "bootstrap.servers=" + KAFKA.bootstrapServers());
    }

    private void write(final String topic, final boolean commit, final List<ProducerRecord<String, String>> records) {
        final Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers());
        props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, topic + "-" + commit);
        try (KafkaProducer<String, String> producer =
                new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
            producer.initTransactions();
            producer.beginTransaction();
            records.forEach(producer::send);
            if (commit) {
                producer.commitTransaction();
            } else {
                producer.abortTransaction();
            }
        }
        awaitMarkers(records);
    }

    /**
     * Waits until the transaction's markers are on every partition it wrote: a transaction's end
     * returns before its coordinator has written them, and until then a read-committed reader's
     * end of the partition (its last stable offset) stays before the transaction's records.
     */
    private void awaitMarkers(final List<ProducerRecord<String, String>> records) {
        final Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        records.forEach(r -> latest.put(new TopicPartition(r.topic(), r.partition()), OffsetSpec.latest()));
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .until(() -> ends(latest, IsolationLevel.READ_COMMITTED)
                        .equals(ends(latest, IsolationLevel.READ_UNCOMMITTED)));
    }

    private Map<TopicPartition, Long> ends(final Map<TopicPartition, OffsetSpec> latest, final IsolationLevel isolation)
            throws ExecutionException, InterruptedException {
        final Map<TopicPartition, Long> ends = new HashMap<>();
        KAFKA.admin()
                .listOffsets(latest, new ListOffsetsOptions(isolation))
                .all()
                .get()
                .forEach((tp, info) -> ends.put(tp, info.offset()));
        return ends;
    }

    @Test
    void shouldPrintEveryCommittedRecordOfEveryPartitionAsOneJsonLine() throws Exception {
        final String topic = KafkaBrokerExtension.unique("consume");
        KAFKA.createTopics(2, List.of(topic));
        final ProducerRecord<String, String> first =
                new ProducerRecord<>(topic, 0, 1_000L, "m1", "{\"prediction\": 1.5}");
        first.headers().add("origin", "train".getBytes(StandardCharsets.UTF_8));
        write(topic, true, List.of(first, new ProducerRecord<>(topic, 1, 2_000L, "m2", "not json")));
        write(topic, false, List.of(new ProducerRecord<>(topic, 0, 3_000L, "m3", "{\"aborted\": true}")));

        final CliRun run = CliRun.of("consume", "-c", config().toString(), "--topic", topic);

        assertThat(run.exitCode()).as(run.err()).isEqualTo(Main.OK);
        assertThat(run.outLines())
                .containsExactlyInAnyOrder(
                        "{\"topic\":\"" + topic + "\",\"partition\":0,\"offset\":0,\"timestamp\":1000,\"key\":\"m1\","
                                + "\"value\":{\"prediction\": 1.5},\"headers\":{\"origin\":\"train\"}}",
                        "{\"topic\":\"" + topic + "\",\"partition\":1,\"offset\":0,\"timestamp\":2000,\"key\":\"m2\","
                                + "\"value\":\"not json\",\"headers\":{}}");
        assertThat(run.errLines()).containsExactly("online-learner: read 2 records from " + topic);
        final CliRun one = CliRun.of("consume", "-c", config().toString(), "--topic", topic, "--max", "1");
        assertThat(one.outLines()).hasSize(1);
        assertThat(one.errLines()).containsExactly("online-learner: read 1 record from " + topic);
    }

    @Test
    void shouldExitOneNamingAMissingTopic() throws Exception {
        final String topic = KafkaBrokerExtension.unique("consume-missing");
        final CliRun run = CliRun.of("consume", "-c", config().toString(), "--topic", topic);
        assertThat(run.exitCode()).isEqualTo(Main.FAILURE);
        assertThat(run.errLines())
                .containsExactly("online-learner: topic " + topic + " does not exist on " + KAFKA.bootstrapServers());
    }

    @Test
    void shouldReadTheConfiguredPredictionsTopicByDefault() throws Exception {
        final String topic = KafkaBrokerExtension.unique("consume-default") + "-predictions";
        KAFKA.createTopics(1, List.of(topic));
        write(topic, true, List.of(new ProducerRecord<>(topic, 0, 1_000L, "m1", "{\"prediction\": 2.0}")));
        final Path config = Files.writeString(
                dir.resolve("predictions.properties"),
                "bootstrap.servers=" + KAFKA.bootstrapServers() + "\n" + LearnerSettings.TOPIC_PREDICTIONS.key() + "="
                        + topic + "\n");

        final CliRun run = CliRun.of("consume", "-c", config.toString());

        assertThat(run.exitCode()).as(run.err()).isEqualTo(Main.OK);
        assertThat(run.outLines())
                .containsExactly("{\"topic\":\"" + topic + "\",\"partition\":0,\"offset\":0,\"timestamp\":1000,"
                        + "\"key\":\"m1\",\"value\":{\"prediction\": 2.0},\"headers\":{}}");
    }
}
