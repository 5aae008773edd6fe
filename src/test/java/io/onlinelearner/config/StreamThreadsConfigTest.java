package io.onlinelearner.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code num.stream.threads} below 1, which Kafka Streams accepts, would leave the learner idle: refused by name. */
class StreamThreadsConfigTest {

    private static Properties threads(final String value) {
        final Properties properties = new Properties();
        properties.setProperty(StreamsConfig.NUM_STREAM_THREADS_CONFIG, value);
        return properties;
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-1"})
    void shouldRefuseNoStreamThread(final String value) {
        assertThatThrownBy(() -> LearnerConfig.parse(threads(value)))
                .isInstanceOf(ConfigException.class)
                .hasMessage("invalid configuration: num.stream.threads = '" + value
                        + "': must be at least 1: the learner needs a stream thread");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1", "4"})
    void shouldKeepOneOrMore(final String value) {
        assertThat(LearnerConfig.parse(threads(value)).streams().getProperty(StreamsConfig.NUM_STREAM_THREADS_CONFIG))
                .isEqualTo(value);
    }
}
