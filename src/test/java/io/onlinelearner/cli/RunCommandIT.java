package io.onlinelearner.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.onlinelearner.broker.EmbeddedKafkaBroker;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code run} against a running broker: refusals in-process, and a clean SIGTERM in a child JVM. */
class RunCommandIT {

    @TempDir
    static Path dir;

    private static EmbeddedKafkaBroker broker;

    @BeforeAll
    static void startBroker() throws IOException {
        broker = EmbeddedKafkaBroker.start(dir.resolve("broker"), 0);
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    @Test
    void shouldRefuseTopicsThatAreNotCoPartitionedWithOneLineAndExitTwo() throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic("cp-train", 2, (short) 1), new NewTopic("cp-validation", 3, (short) 1)))
                    .all().get();
        }
        final Path config = config("cp", "");

        final CliRun run = CliRun.of("run", "--config", config.toString());

        assertThat(run.exitCode()).isEqualTo(Main.USAGE);
        assertThat(run.errLines()).containsExactly("online-learner: topics cp-train (2 partitions) and cp-validation "
                + "(3 partitions) must be co-partitioned: give them the same number of partitions");
    }

    @Test
    void shouldRefuseMissingTopicsWhenTopicCreationIsOff() throws Exception {
        final CliRun run = CliRun.of("run", "--config", config("off", "learner.topic.create=false\n").toString());

        assertThat(run.exitCode()).isEqualTo(Main.USAGE);
        assertThat(run.errLines()).containsExactly("online-learner: missing topics [off-train, off-validation, "
                + "off-models, off-control, off-dead-letters] and learner.topic.create=false: create them, or let the "
                + "learner create them");
    }

    @Test
    void shouldCloseStreamsCleanlyOnSigterm() throws Exception {
        final Path config = config("term", "");
        final Path out = dir.resolve("term.out");
        final Path err = dir.resolve("term.err");
        final Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
                Main.class.getName(), "run", "--config", config.toString())
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        try {
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> Files.readString(err).contains("Kafka Streams: REBALANCING -> RUNNING"));
            process.destroy();
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("exited within 60 s of SIGTERM").isTrue();
        } finally {
            process.destroyForcibly();
        }
        assertThat(process.exitValue()).isEqualTo(143);
        assertThat(Files.readString(out)).startsWith("online-learner running: Kafka at " + broker.bootstrapServers());
        assertThat(Files.readString(err)).contains("Kafka Streams: PENDING_SHUTDOWN -> NOT_RUNNING")
                .doesNotContain("ERROR");
    }

    private static Path config(final String prefix, final String extra) throws IOException {
        final StringBuilder text = new StringBuilder("bootstrap.servers=" + broker.bootstrapServers() + "\n"
                + "application.id=" + prefix + "-learner\n"
                + "state.dir=" + dir.resolve(prefix + "-state").toString().replace("\\", "/") + "\n");
        for (final String topic : List.of("train", "validation", "models", "control", "dead-letters")) {
            text.append("learner.topic.").append(topic).append('=').append(prefix).append('-').append(topic).append('\n');
        }
        return Files.writeString(dir.resolve(prefix + ".properties"), text + extra, StandardCharsets.UTF_8);
    }
}
