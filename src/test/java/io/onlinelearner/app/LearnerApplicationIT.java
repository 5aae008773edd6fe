package io.onlinelearner.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.onlinelearner.config.LearnerConfig;
import io.onlinelearner.config.LearnerSettings;
import io.onlinelearner.learner.Outcome;
import io.onlinelearner.model.RejectionReason;
import io.onlinelearner.topology.LearnerListener;
import io.onlinelearner.topology.Source;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The application with no bootstrap.servers: its own embedded broker, the extension's hooks, a clean close. */
class LearnerApplicationIT {

    @TempDir
    Path dir;

    @Test
    void shouldStartItsOwnBrokerRunTheExtensionHooksInOrderAndCloseEverything() throws Exception {
        final Properties props = new Properties();
        props.setProperty("application.id", "embedded-app");
        props.setProperty(LearnerSettings.STOPPING_VALIDATION_WINDOW.key(), "2");
        final RecordingExtension extension = new RecordingExtension();
        final LearnerApplication app =
                LearnerApplication.start(LearnerConfig.parse(props), new Launch(dir, 0, extension));
        final int port = Integer.parseInt(app.bootstrapServers().substring("localhost:".length()));
        try {
            assertThat(extension.events).containsExactly("listener", "configure", "started");
            assertThat(extension.startedWith).isSameAs(app.streams());
            assertThat(extension.configured.getProperty("bootstrap.servers")).isEqualTo(app.bootstrapServers());
            assertThat(extension.configured.getProperty("state.dir"))
                    .isEqualTo(dir.resolve("streams").toAbsolutePath().toString());
            await().atMost(Duration.ofSeconds(60)).until(() -> app.streams().state() == KafkaStreams.State.RUNNING);

            final String stateDir = extension.configured.getProperty("state.dir");
            final Properties second = new Properties();
            second.setProperty("application.id", "embedded-app");
            second.setProperty("bootstrap.servers", app.bootstrapServers());
            second.setProperty("state.dir", stateDir);
            assertThatThrownBy(() -> LearnerApplication.start(
                            LearnerConfig.parse(second), new Launch(dir.resolve("second"), 0, LearnerExtension.NONE)))
                    .isInstanceOf(StartupRefusedException.class)
                    .hasMessage("invalid configuration: state.dir = '" + stateDir
                            + "': another running instance of application.id 'embedded-app' uses this folder;"
                            + " give each instance a state.dir of its own");
            assertThat(app.streams().state()).isEqualTo(KafkaStreams.State.RUNNING);

            try (KafkaProducer<String, String> producer = new KafkaProducer<>(
                    Map.of("bootstrap.servers", app.bootstrapServers()),
                    new StringSerializer(),
                    new StringSerializer())) {
                producer.send(new ProducerRecord<>("train", "a", "{\"x\": 1.0, \"y\": 2.0}"))
                        .get();
                producer.send(new ProducerRecord<>("train", "a", "not json")).get();
                producer.send(new ProducerRecord<>("validation", "a", "{\"x\": 1.0, \"y\": 2.0}"))
                        .get();
            }
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> extension.outcomes.get() == 2 && extension.rejected.get() == 1);
            assertThat(Files.isDirectory(dir.resolve("kafka-logs"))).isTrue();
            assertThat(Files.isDirectory(dir.resolve("streams").resolve("embedded-app")))
                    .isTrue();
        } finally {
            app.close();
        }

        app.awaitTermination();
        app.close();
        assertThat(app.failed()).isFalse();
        assertThat(app.streams().state()).isEqualTo(KafkaStreams.State.NOT_RUNNING);
        assertThat(extension.events).containsExactly("listener", "configure", "started", "close");
        assertThat(extension.statesBeforeClose)
                .as("the extension hears the client shut down before it is closed (so /health says 503)")
                .containsSubsequence(KafkaStreams.State.RUNNING, KafkaStreams.State.PENDING_SHUTDOWN);
        assertThat(extension.streamsStateAtClose).isEqualTo(KafkaStreams.State.NOT_RUNNING);
        assertThat(refusesConnections(port)).isTrue();
    }

    private static boolean refusesConnections(final int port) {
        try (Socket socket = new Socket("localhost", port)) {
            return !socket.isConnected();
        } catch (java.io.IOException e) {
            return true;
        }
    }

    /** Records the hooks it is called through, and counts what its listener hears. */
    private static final class RecordingExtension implements LearnerExtension, LearnerListener {
        final List<String> events = new CopyOnWriteArrayList<>();
        final AtomicInteger outcomes = new AtomicInteger();
        final AtomicInteger rejected = new AtomicInteger();
        Properties configured;
        KafkaStreams startedWith;
        final List<KafkaStreams.State> statesBeforeClose = new CopyOnWriteArrayList<>();
        volatile KafkaStreams.State streamsStateAtClose;

        @Override
        public LearnerListener listener() {
            events.add("listener");
            return this;
        }

        @Override
        public void configure(final Properties streamsProperties) {
            events.add("configure");
            configured = streamsProperties;
        }

        @Override
        public void started(final KafkaStreams streams, final Topology topology) {
            events.add("started");
            startedWith = streams;
        }

        @Override
        public void stateChanged(final KafkaStreams.State state) {
            if (streamsStateAtClose == null) {
                statesBeforeClose.add(state);
            }
        }

        @Override
        public void close() {
            events.add("close");
            streamsStateAtClose = startedWith.state();
        }

        @Override
        public void onOutcome(final String model, final Source source, final Outcome outcome) {
            outcomes.incrementAndGet();
        }

        @Override
        public void onRejected(final String model, final Source source, final RejectionReason reason) {
            rejected.incrementAndGet();
        }
    }
}
