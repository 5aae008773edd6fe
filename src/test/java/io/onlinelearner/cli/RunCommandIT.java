package io.onlinelearner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.onlinelearner.broker.KafkaBrokerExtension;
import io.onlinelearner.config.LearnerSettings;
import io.onlinelearner.config.TestTopics;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code run}: refusals in-process, and in a child JVM (the production command, its logging
 * configuration included) a clean start and SIGTERM, both against a cluster and with its own
 * embedded broker, that serve the API and print no warning.
 */
class RunCommandIT {

    @RegisterExtension
    static final KafkaBrokerExtension KAFKA = KafkaBrokerExtension.shared();

    /**
     * Under target/, not the OS temp folder: Kafka Streams rightly warns about a state folder there
     * (the OS may clear it), which would be the one warning of these runs.
     */
    private static Path dir;

    @BeforeAll
    static void createFolder() throws IOException {
        dir = Files.createDirectories(Path.of("target", "it")).resolve(KafkaBrokerExtension.unique("run-command"));
        Files.createDirectories(dir);
    }

    @Test
    void shouldRefuseTopicsThatAreNotCoPartitionedWithOneLineAndExitTwo() throws Exception {
        final String prefix = KafkaBrokerExtension.unique("cp");
        KAFKA.admin()
                .createTopics(List.of(
                        new NewTopic(prefix + "-train", 2, (short) 1),
                        new NewTopic(prefix + "-validation", 3, (short) 1)))
                .all()
                .get();
        final Path config = write(prefix, config(prefix));

        final CliRun run = CliRun.of("run", "--config", config.toString());

        assertThat(run.exitCode()).isEqualTo(Main.USAGE);
        assertThat(run.errLines())
                .containsExactly("online-learner: topics " + prefix + "-train (2 partitions), "
                        + prefix + "-validation (3 partitions), " + prefix + "-predict (1 partition) and " + prefix
                        + "-commands (1 partition) must be co-partitioned: give them the same number of partitions");
    }

    @Test
    void shouldRefuseMissingTopicsWhenTopicCreationIsOff() throws Exception {
        final String p = KafkaBrokerExtension.unique("off");
        final Map<String, String> settings = config(p);
        settings.put(LearnerSettings.TOPIC_CREATE.key(), "false");

        final CliRun run = CliRun.of("run", "--config", write(p, settings).toString());

        assertThat(run.exitCode()).isEqualTo(Main.USAGE);
        assertThat(run.errLines())
                .containsExactly("online-learner: missing topics [" + p + "-train, " + p
                        + "-validation, " + p + "-predict, " + p + "-commands, " + p + "-models, " + p + "-control, "
                        + p
                        + "-predictions, " + p + "-dead-letters] and " + LearnerSettings.TOPIC_CREATE.key()
                        + "=false: create them, or let the learner create them");
    }

    @Test
    void shouldServeTheApiAndCloseCleanlyOnSigtermWithoutAWarning() throws Exception {
        final String prefix = KafkaBrokerExtension.unique("term");
        final Map<String, String> settings = config(prefix);

        try (RunProcess run = RunProcess.start(prefix, dir, settings)) {
            awaitServing(run);
            run.terminate();

            assertThat(run.exitValue()).as("exit code after SIGTERM").isEqualTo(143);
            assertThat(run.out()).startsWith("online-learner running: Kafka at " + KAFKA.bootstrapServers());
            assertClosedCleanlyWithoutWarnings(run);
        }
    }

    @Test
    void shouldServeAModelWithTheLineageOfItsConfiguredTopic() throws Exception {
        final String prefix = KafkaBrokerExtension.unique("lineage");
        try (RunProcess run = RunProcess.start(prefix, dir, config(prefix))) {
            awaitServing(run);
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(
                    Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers()),
                    new StringSerializer(),
                    new StringSerializer())) {
                producer.send(new ProducerRecord<>(prefix + "-train", "m", "{\"x\": [1.0], \"y\": 2.0}"))
                        .get();
            }
            run.awaitWhileAlive(
                    "the model served",
                    Duration.ofSeconds(30),
                    () -> run.get("models/m").statusCode() == 200);
            assertThat(run.get("models/m").body())
                    .as("the lineage names the configured training topic")
                    .contains("\"trainedThrough\":{\"topic\":\"" + prefix + "-train\",\"partition\":0,\"offset\":0}");
            run.terminate();
        }
    }

    @Test
    void shouldStartItsOwnBrokerAndCloseCleanlyOnSigtermWithoutAWarning() throws Exception {
        final String prefix = KafkaBrokerExtension.unique("embedded");
        final Map<String, String> settings = config(prefix);
        settings.remove("bootstrap.servers");
        settings.remove("state.dir");

        // --broker-port 0: any free port, not 9092, which may be in use on this machine.
        try (RunProcess run = RunProcess.start(prefix, dir, settings, "--broker-port", "0")) {
            awaitServing(run);
            run.terminate();

            assertThat(run.exitValue()).as("exit code after SIGTERM").isEqualTo(143);
            assertThat(run.out()).startsWith("online-learner running: Kafka at localhost:");
            assertThat(dir.resolve(prefix).resolve("data").resolve("kafka-logs"))
                    .isDirectory();
            assertClosedCleanlyWithoutWarnings(run);
        }
    }

    private static void awaitServing(final RunProcess run) throws Exception {
        run.awaitWhileAlive(
                "Kafka Streams running",
                Duration.ofSeconds(90),
                () -> run.err().contains("Kafka Streams: REBALANCING -> RUNNING"));
        run.awaitWhileAlive(
                "the live page's address printed",
                Duration.ofSeconds(10),
                () -> run.url().isPresent());
        assertThat(run.url().orElseThrow()).matches("http://127\\.0\\.0\\.1:\\d+/");
        run.awaitWhileAlive(
                "healthy", Duration.ofSeconds(30), () -> run.get("health").statusCode() == 200);
        assertThat(run.get("metrics").body()).contains("learner_records_total", "kafka_stream_thread_");
        run.awaitWhileAlive(
                "the health checks timed",
                Duration.ofSeconds(10),
                () -> run.get("metrics")
                        .body()
                        .contains(
                                "http_server_requests_seconds_count{method=\"GET\",route=\"/health\",status=\"200\"}"));
    }

    private static void assertClosedCleanlyWithoutWarnings(final RunProcess run) {
        assertThat(run.err())
                .contains("Kafka Streams: RUNNING -> PENDING_SHUTDOWN")
                .contains("Kafka Streams closed");
        assertThat(run.err().lines().filter(line -> line.contains(" WARN ") || line.contains(" ERROR ")))
                .as("WARN and ERROR lines of a clean start and stop")
                .isEmpty();
    }

    /** A config file's settings: the shared broker, and this test's own application id, topics and state. */
    private static Map<String, String> config(final String prefix) {
        final Map<String, String> settings = new LinkedHashMap<>();
        settings.put("bootstrap.servers", KAFKA.bootstrapServers());
        settings.put("application.id", prefix + "-learner");
        settings.put(
                "state.dir", dir.resolve(prefix + "-state").toAbsolutePath().toString());
        settings.put(LearnerSettings.HTTP_PORT.key(), "0");
        settings.putAll(TestTopics.settings(prefix));
        return settings;
    }

    private static Path write(final String name, final Map<String, String> settings) throws IOException {
        final StringBuilder text = new StringBuilder();
        settings.forEach((key, value) ->
                text.append(key).append('=').append(value.replace("\\", "/")).append('\n'));
        return Files.writeString(dir.resolve(name + ".properties"), text, StandardCharsets.UTF_8);
    }
}
