package io.onlinelearner.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.onlinelearner.broker.EmbeddedKafkaBroker;
import io.onlinelearner.config.LearnerSettings;
import io.onlinelearner.config.Setting;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
        assertThat(run.errLines()).containsExactly("online-learner: topics cp-train (2 partitions), cp-validation "
                + "(3 partitions), cp-predict (1 partition) and cp-commands (1 partition) must be co-partitioned: "
                + "give them the same number of partitions");
    }

    @Test
    void shouldRefuseMissingTopicsWhenTopicCreationIsOff() throws Exception {
        final CliRun run = CliRun.of("run", "--config", config("off", LearnerSettings.TOPIC_CREATE.key() + "=false\n").toString());

        assertThat(run.exitCode()).isEqualTo(Main.USAGE);
        assertThat(run.errLines()).containsExactly("online-learner: missing topics [off-train, off-validation, "
                + "off-predict, off-commands, off-models, off-control, off-predictions, off-dead-letters] and "
                + LearnerSettings.TOPIC_CREATE.key() + "=false: create them, or let the "
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
            final Matcher url = Pattern.compile("(http://127\\.0\\.0\\.1:\\d+/)").matcher(Files.readString(out));
            assertThat(url.find()).as("the live page's address is printed").isTrue();
            await().atMost(Duration.ofSeconds(30)).until(() -> get(url.group(1) + "health").statusCode() == 200);
            assertThat(get(url.group(1) + "metrics").body()).contains("learner_records_total")
                    .contains("kafka_stream_thread_");
            process.destroy();
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("exited within 60 s of SIGTERM").isTrue();
        } finally {
            process.destroyForcibly();
        }
        assertThat(process.exitValue()).isEqualTo(143);
        assertThat(Files.readString(out)).startsWith("online-learner running: Kafka at " + broker.bootstrapServers());
        assertThat(Files.readString(err)).contains("Kafka Streams: RUNNING -> PENDING_SHUTDOWN")
                .contains("Kafka Streams closed")
                .doesNotContain("ERROR");
    }

    private static HttpResponse<String> get(final String uri) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(uri)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static Path config(final String prefix, final String extra) throws IOException {
        final StringBuilder text = new StringBuilder("bootstrap.servers=" + broker.bootstrapServers() + "\n"
                + "application.id=" + prefix + "-learner\n"
                + "state.dir=" + dir.resolve(prefix + "-state").toString().replace("\\", "/") + "\n"
                + LearnerSettings.HTTP_PORT.key() + "=0\n");
        for (final Setting<String> topic : LearnerSettings.TOPICS) {
            text.append(topic.key()).append('=').append(prefix).append('-').append(topic.defaultValue()).append('\n');
        }
        return Files.writeString(dir.resolve(prefix + ".properties"), text + extra, StandardCharsets.UTF_8);
    }
}
