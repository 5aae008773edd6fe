package io.onlinelearner.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.onlinelearner.app.Launch;
import io.onlinelearner.app.LearnerApplication;
import io.onlinelearner.app.LearnerExtension;
import io.onlinelearner.broker.KafkaBrokerExtension;
import io.onlinelearner.config.LearnerConfig;
import io.onlinelearner.config.LearnerSettings;
import io.onlinelearner.config.TestTopics;
import io.onlinelearner.config.Topics;
import io.onlinelearner.http.StreamsModelDirectory;
import io.onlinelearner.learner.ModelState;
import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code model stop|resume|reset|set-lr} against a learner running in this JVM on the shared
 * broker: each command prints the event it caused, and exits 0 when applied, 1 when ignored or when
 * no learner answers. The tests run in order: each one's model state follows from the one before.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ModelCommandIT {

    private static final int PARTITIONS = 2;
    private static final String MODEL = "managed";
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final KafkaBrokerExtension KAFKA = KafkaBrokerExtension.shared();

    @TempDir
    static Path dir;

    private static LearnerApplication learner;
    private static Path config;

    @BeforeAll
    static void startTheLearnerAndTrainOneModel() throws Exception {
        final String prefix = KafkaBrokerExtension.unique("model");
        final Topics topics = TestTopics.prefixed(prefix);
        KAFKA.createTopics(PARTITIONS, topics.all());
        final Properties properties = properties(prefix);
        properties.setProperty("state.dir", dir.resolve("state").toString());
        properties.setProperty("commit.interval.ms", "100");
        learner = LearnerApplication.start(LearnerConfig.parse(properties), new Launch(dir, 0, LearnerExtension.NONE));
        await().atMost(Duration.ofSeconds(60)).until(() -> learner.streams().state() == KafkaStreams.State.RUNNING);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(
                Map.of("bootstrap.servers", KAFKA.bootstrapServers()),
                new StringSerializer(),
                new StringSerializer())) {
            for (int i = 0; i < 5; i++) {
                producer.send(new ProducerRecord<>(topics.train(), MODEL, "{\"x\": [1.0, " + i + "], \"y\": 2.0}"));
            }
            producer.flush();
        }
        final StreamsModelDirectory store = new StreamsModelDirectory(learner.streams(), null);
        await().atMost(Duration.ofSeconds(30))
                .ignoreExceptions()
                .until(() -> store.find(MODEL).map(ModelState::updates).orElse(0L) == 5L);
        config = write("learner.properties", properties(prefix));
    }

    @AfterAll
    static void stopTheLearner() {
        if (learner != null) {
            learner.close();
        }
    }

    @Test
    @Order(1)
    void shouldStopATrainingModelAndPrintTheStopSignal() throws Exception {
        final CliRun run = model("stop", MODEL);
        assertThat(run.exitCode()).as(String.join("\n", run.errLines())).isEqualTo(Main.OK);
        final JsonNode event = single(run);
        assertThat(event.get("model").asText()).isEqualTo(MODEL);
        assertThat(event.get("event").asText()).isEqualTo("STOPPED");
        assertThat(event.get("cause").asText()).isEqualTo("command");
        assertThat(event.get("status").asText()).isEqualTo("STOPPED");
        assertThat(event.get("updates").asLong()).isEqualTo(5);
        assertThat(run.err()).isEmpty();
    }

    @Test
    @Order(2)
    void shouldExitOneWhenTheLearnerIgnoresAStopOfAStoppedModel() throws Exception {
        final CliRun run = model("stop", MODEL);
        assertThat(run.exitCode()).isEqualTo(Main.FAILURE);
        final JsonNode event = single(run);
        assertThat(event.get("event").asText()).isEqualTo("IGNORED");
        assertThat(event.get("command").asText()).isEqualTo("stop");
        assertThat(event.get("status").asText()).isEqualTo("STOPPED");
    }

    @Test
    @Order(3)
    void shouldResumeFromTheLastState() throws Exception {
        final CliRun run = model("resume", MODEL, "--from", "last");
        assertThat(run.exitCode()).as(String.join("\n", run.errLines())).isEqualTo(Main.OK);
        final JsonNode event = single(run);
        assertThat(event.get("event").asText()).isEqualTo("RESUMED");
        assertThat(event.get("from").asText()).isEqualTo("last");
        assertThat(event.get("status").asText()).isEqualTo("TRAINING");
        assertThat(event.get("generation").asInt()).isEqualTo(1);
    }

    @Test
    @Order(4)
    void shouldChangeTheLearningRate() throws Exception {
        final CliRun run = model("set-lr", MODEL, "--lr", "0.5");
        assertThat(run.exitCode()).as(String.join("\n", run.errLines())).isEqualTo(Main.OK);
        final JsonNode event = single(run);
        assertThat(event.get("event").asText()).isEqualTo("LR_CHANGED");
        assertThat(event.get("from").asDouble()).isEqualTo(Double.parseDouble(LearnerSettings.ADAM_LR.defaultValue()));
        assertThat(event.get("to").asDouble()).isEqualTo(0.5);
    }

    @Test
    @Order(5)
    void shouldResetTheModel() throws Exception {
        final CliRun run = model("reset", MODEL);
        assertThat(run.exitCode()).as(String.join("\n", run.errLines())).isEqualTo(Main.OK);
        final JsonNode event = single(run);
        assertThat(event.get("event").asText()).isEqualTo("RESET");
        assertThat(event.get("status").asText()).isEqualTo("TRAINING");
        assertThat(event.get("generation").asInt()).isEqualTo(2);
    }

    @Test
    @Order(6)
    void shouldExitOneWhenTheModelIsUnknown() throws Exception {
        final CliRun run = model("reset", "nobody");
        assertThat(run.exitCode()).isEqualTo(Main.FAILURE);
        final JsonNode event = single(run);
        assertThat(event.get("model").asText()).isEqualTo("nobody");
        assertThat(event.get("event").asText()).isEqualTo("IGNORED");
        assertThat(event.get("status").asText()).isEqualTo("NEW");
        assertThat(event.get("generation").asInt()).isZero();
    }

    @Test
    @Order(10)
    void shouldSendAnEmptyIdToTheModelDefaultAndPrintItsEvent() throws Exception {
        final CliRun run = model("set-lr", "", "--lr", "0.5");
        assertThat(run.exitCode()).as(String.join("\n", run.errLines())).isEqualTo(Main.FAILURE);
        final JsonNode event = single(run);
        assertThat(event.get("model").asText()).isEqualTo("default");
        assertThat(event.get("event").asText()).isEqualTo("IGNORED");
        assertThat(event.get("status").asText()).isEqualTo("NEW");
    }

    @Test
    @Order(7)
    void shouldExitOneWithOneLineWhenNoLearnerAnswers() throws Exception {
        final String prefix = KafkaBrokerExtension.unique("model-idle");
        KAFKA.createTopics(PARTITIONS, TestTopics.prefixed(prefix).all());
        final Path idle = write("idle.properties", properties(prefix));
        final CliRun run = CliRun.of("model", "stop", MODEL, "--config", idle.toString(), "--timeout", "2");
        assertThat(run.exitCode()).isEqualTo(Main.FAILURE);
        assertThat(run.out()).isEmpty();
        assertThat(run.errLines())
                .containsExactly("online-learner: no answer for model '" + MODEL + "' on " + prefix
                        + "-control within 2 s (is the learner running?); the command was written to " + prefix
                        + "-commands and applies when the model's instance reads it: check GET /models/" + MODEL
                        + " before sending it again");
    }

    @Test
    @Order(8)
    void shouldExitOneWithOneLineNamingAMissingTopic() throws Exception {
        final String prefix = KafkaBrokerExtension.unique("model-missing");
        final Path missing = write("missing.properties", properties(prefix));
        final CliRun run = CliRun.of("model", "stop", MODEL, "--config", missing.toString(), "--timeout", "5");
        assertThat(run.exitCode()).isEqualTo(Main.FAILURE);
        assertThat(run.out()).isEmpty();
        assertThat(run.errLines())
                .containsExactly("online-learner: topic " + prefix + "-control does not exist on "
                        + KAFKA.bootstrapServers() + " (is the configuration the learner's?)");
    }

    @Test
    @Order(9)
    void shouldReachTheEmbeddedBrokerOfRunOnTheBrokerPortGiven() throws Exception {
        final Properties noBootstrap = new Properties();
        try (Reader in = Files.newBufferedReader(config, StandardCharsets.UTF_8)) {
            noBootstrap.load(in);
        }
        noBootstrap.remove("bootstrap.servers");
        final Path file = write("no-bootstrap.properties", noBootstrap);
        final String port =
                KAFKA.bootstrapServers().substring(KAFKA.bootstrapServers().lastIndexOf(':') + 1);
        final CliRun run = CliRun.of(
                "model", "set-lr", MODEL, "--lr", "0.002", "--config", file.toString(), "--broker-port", port);
        assertThat(run.exitCode()).as(String.join("\n", run.errLines())).isEqualTo(Main.OK);
        final JsonNode event = single(run);
        assertThat(event.get("event").asText()).isEqualTo("LR_CHANGED");
        assertThat(event.get("to").asDouble()).isEqualTo(0.002);
    }

    private static CliRun model(final String... args) {
        final String[] all = new String[args.length + 3];
        all[0] = "model";
        System.arraycopy(args, 0, all, 1, args.length);
        all[args.length + 1] = "--config";
        all[args.length + 2] = config.toString();
        return CliRun.of(all);
    }

    private static JsonNode single(final CliRun run) throws IOException {
        assertThat(run.outLines()).hasSize(1);
        return JSON.readTree(run.outLines().get(0));
    }

    private static Properties properties(final String prefix) {
        final Properties p = new Properties();
        p.setProperty("bootstrap.servers", KAFKA.bootstrapServers());
        p.setProperty("application.id", prefix);
        p.putAll(TestTopics.settings(prefix));
        return p;
    }

    private static Path write(final String name, final Properties properties) throws IOException {
        final StringWriter text = new StringWriter();
        properties.store(text, null);
        return Files.writeString(dir.resolve(name), text.toString(), StandardCharsets.UTF_8);
    }
}
