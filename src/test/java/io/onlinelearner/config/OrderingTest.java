package io.onlinelearner.config;

import static io.onlinelearner.config.LearnerSettings.ORDERING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * {@code learner.ordering} becomes Kafka Streams' {@code max.task.idle.ms}, and the record cache gets the
 * learner's default size, unless the Kafka Streams property is set explicitly.
 */
class OrderingTest {

    @Test
    void shouldDefaultToTimestampOrder() {
        final LearnerConfig config = LearnerConfig.defaults();
        assertThat(ORDERING.defaultTyped()).isEqualTo(Ordering.TIMESTAMP);
        assertThat(config.streams().getProperty(Ordering.STREAMS_PROPERTY)).isEqualTo("0");
    }

    @Test
    void shouldApplyArrivalAsNoIdling() {
        final Properties properties = new Properties();
        properties.setProperty(ORDERING.key(), "arrival");
        assertThat(LearnerConfig.parse(properties).streams().getProperty(Ordering.STREAMS_PROPERTY))
                .isEqualTo("-1");
        properties.setProperty(ORDERING.key(), "TIMESTAMP");
        assertThat(LearnerConfig.parse(properties).streams().getProperty(Ordering.STREAMS_PROPERTY))
                .isEqualTo("0");
    }

    @Test
    void shouldLetAnExplicitMaxTaskIdleWin() {
        final Properties properties = new Properties();
        properties.setProperty(ORDERING.key(), "arrival");
        properties.setProperty(Ordering.STREAMS_PROPERTY, "3600000");
        assertThat(LearnerConfig.parse(properties).streams().getProperty(Ordering.STREAMS_PROPERTY))
                .isEqualTo("3600000");
    }

    @Test
    void shouldRefuseAnotherOrdering() {
        final Properties properties = new Properties();
        properties.setProperty(ORDERING.key(), "offset");
        assertThatThrownBy(() -> LearnerConfig.parse(properties))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("one of timestamp, arrival");
    }

    @Test
    void shouldCacheLargeStatesUnlessTheCacheIsSetExplicitly() {
        assertThat(LearnerConfig.defaults().streams().getProperty("statestore.cache.max.bytes"))
                .isEqualTo(String.valueOf(LearnerConfig.STORE_CACHE_BYTES));
        final Properties properties = new Properties();
        properties.setProperty("statestore.cache.max.bytes", "0");
        assertThat(LearnerConfig.parse(properties).streams().getProperty("statestore.cache.max.bytes"))
                .isEqualTo("0");
    }
}
