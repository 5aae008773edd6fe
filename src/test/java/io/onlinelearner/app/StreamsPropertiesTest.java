package io.onlinelearner.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.onlinelearner.config.LearnerConfig;
import java.nio.file.Path;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Kafka Streams' properties as the learner starts it: with the embedded broker, its state under the
 * data folder and static membership under the application id (so that a restart takes its
 * partitions back at once), unless the user set either; with a cluster of the user's, neither.
 */
class StreamsPropertiesTest {

    private static final Path DATA = Path.of("/var/learner/data");

    private static LearnerConfig config(final String... keysAndValues) {
        final Properties properties = new Properties();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            properties.setProperty(keysAndValues[i], keysAndValues[i + 1]);
        }
        return LearnerConfig.parse(properties);
    }

    @Test
    void shouldMakeTheEmbeddedBrokersOneInstanceAStaticMemberWithItsStateUnderTheDataFolder() {
        final Properties props = LearnerApplication.streamsProperties(
                config(StreamsConfig.APPLICATION_ID_CONFIG, "shop"), "localhost:9092", true, DATA);
        assertThat(props.getProperty(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG)).isEqualTo("shop");
        assertThat(props.getProperty(StreamsConfig.STATE_DIR_CONFIG))
                .isEqualTo(DATA.resolve("streams").toAbsolutePath().toString());
        assertThat(props.getProperty(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG)).isEqualTo("localhost:9092");
    }

    @Test
    void shouldLeaveAClusterOfTheUsersAsConfigured() {
        final Properties props = LearnerApplication.streamsProperties(config(), "kafka-1:9092", false, DATA);
        assertThat(props).doesNotContainKey(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
        assertThat(props).doesNotContainKey(StreamsConfig.STATE_DIR_CONFIG);
    }

    @ParameterizedTest
    @ValueSource(strings = {"group.instance.id", "consumer.group.instance.id", "main.consumer.group.instance.id"})
    void shouldKeepAGroupInstanceIdTheUserSet(final String key) {
        final Properties props = LearnerApplication.streamsProperties(
                config(key, "mine", StreamsConfig.STATE_DIR_CONFIG, "/srv/state"), "localhost:9092", true, DATA);
        assertThat(props.getProperty(key)).isEqualTo("mine");
        assertThat(props.stringPropertyNames())
                .filteredOn(name -> name.endsWith(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG))
                .containsExactly(key);
        assertThat(props.getProperty(StreamsConfig.STATE_DIR_CONFIG)).isEqualTo("/srv/state");
    }
}
