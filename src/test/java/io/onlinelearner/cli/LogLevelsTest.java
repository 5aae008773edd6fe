package io.onlinelearner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.apache.kafka.clients.admin.internals.PartitionLeaderStrategy;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.utils.LogContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The demo's quiet log settings: Kafka below ERROR is hidden, and of Kafka's errors exactly the
 * admin client's "unknown topic" of the start-up, logged as Kafka logs it, until the handle closes.
 */
class LogLevelsTest {

    private static final String UNKNOWN_TOPIC = "Received unknown topic error for topic {}";

    private final Logger target = (Logger) LoggerFactory.getLogger(PartitionLeaderStrategy.class);
    private final org.slf4j.Logger kafka =
            new LogContext("[AdminClient clientId=adminclient-1] ").logger(PartitionLeaderStrategy.class);
    private final ListAppender<ILoggingEvent> seen = filtered();

    /** An appender that carries the {@link KnownNoticeFilter}, as the console appender does in {@code logback.xml}. */
    private static ListAppender<ILoggingEvent> filtered() {
        final ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.addFilter(new KnownNoticeFilter());
        appender.start();
        return appender;
    }

    @BeforeEach
    void listen() {
        target.addAppender(seen);
    }

    @AfterEach
    void stopListening() {
        target.detachAppender(seen);
    }

    @Test
    void shouldHideTheStartUpUnknownTopicErrorsOnlyWhileTheDemoIsQuiet() throws Exception {
        try (AutoCloseable quiet = LogLevels.quietIncludingKafka()) {
            kafka.error(
                    UNKNOWN_TOPIC,
                    "online-learner-demo-train",
                    new UnknownTopicOrPartitionException("This server does not host this topic-partition."));
            kafka.warn("a warning");
            kafka.error("Received unexpected error for topic {} in `Metadata` response", "train");
        }
        assertThat(seen.list)
                .extracting(ILoggingEvent::getFormattedMessage)
                .containsExactly(
                        "[AdminClient clientId=adminclient-1] Received unexpected error for topic train in `Metadata` response");

        kafka.error(UNKNOWN_TOPIC, "train");
        assertThat(seen.list)
                .extracting(ILoggingEvent::getFormattedMessage)
                .endsWith("[AdminClient clientId=adminclient-1] Received unknown topic error for topic train");
    }

    @Test
    void shouldHideNoErrorOfAnotherLogger() throws Exception {
        final Logger other = (Logger) LoggerFactory.getLogger("org.apache.kafka.clients.admin.KafkaAdminClient");
        final ListAppender<ILoggingEvent> otherSeen = filtered();
        other.addAppender(otherSeen);
        try (AutoCloseable quiet = LogLevels.quietIncludingKafka()) {
            other.error(UNKNOWN_TOPIC, "train");
        } finally {
            other.detachAppender(otherSeen);
        }
        assertThat(otherSeen.list).hasSize(1);
    }
}
