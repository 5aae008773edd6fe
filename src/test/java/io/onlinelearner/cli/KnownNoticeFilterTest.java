package io.onlinelearner.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.spi.FilterReply;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Only the listed messages of the listed loggers at the listed level are dropped; everything else passes. */
class KnownNoticeFilterTest {

    private static final String GLOBAL_THREAD = "Processing exception handler is not enabled for the GlobalThread";

    private final LoggerContext context = new LoggerContext();
    private final Logger streamsConfig = context.getLogger("org.apache.kafka.streams.StreamsConfig");
    private final KnownNoticeFilter filter = new KnownNoticeFilter();

    KnownNoticeFilterTest() {
        filter.setContext(context);
        filter.addNotice("org.apache.kafka.streams.StreamsConfig | is not enabled for the GlobalThread");
    }

    private FilterReply decide(final Logger logger, final Level level, final String message) {
        return filter.decide(new LoggingEvent(Logger.class.getName(), logger, level, message, null, new Object[0]));
    }

    @Test
    void shouldDropTheListedWarningOfTheListedLogger() {
        assertThat(decide(streamsConfig, Level.WARN, "[prefix] " + GLOBAL_THREAD + ". It's recommended"))
                .isEqualTo(FilterReply.DENY);
    }

    @Test
    void shouldLetEveryOtherMessageLevelAndLoggerPass() {
        assertThat(decide(streamsConfig, Level.ERROR, GLOBAL_THREAD)).isEqualTo(FilterReply.NEUTRAL);
        assertThat(decide(streamsConfig, Level.WARN, "Unexpected user-specified consumer config"))
                .isEqualTo(FilterReply.NEUTRAL);
        assertThat(decide(context.getLogger("org.apache.kafka.streams.KafkaStreams"), Level.WARN, GLOBAL_THREAD))
                .isEqualTo(FilterReply.NEUTRAL);
        assertThat(decide(streamsConfig, Level.WARN, null)).isEqualTo(FilterReply.NEUTRAL);
    }

    @Test
    void shouldIgnoreANoticeWithoutALoggerName() {
        filter.addNotice("no separator here");

        assertThat(decide(streamsConfig, Level.WARN, "no separator here")).isEqualTo(FilterReply.NEUTRAL);
    }

    @Test
    void shouldDropATemporaryNoticeAtItsOwnLevelOnlyAndOnlyWhileOpen() throws Exception {
        try (AutoCloseable errors = KnownNoticeFilter.dropWhileOpen(
                Level.ERROR, List.of("org.apache.kafka.streams.StreamsConfig | unknown topic"))) {
            assertThat(decide(streamsConfig, Level.ERROR, "[p] unknown topic {}"))
                    .isEqualTo(FilterReply.DENY);
            assertThat(decide(streamsConfig, Level.WARN, "[p] unknown topic {}"))
                    .isEqualTo(FilterReply.NEUTRAL);
        }
        assertThat(decide(streamsConfig, Level.ERROR, "[p] unknown topic {}")).isEqualTo(FilterReply.NEUTRAL);
    }

    @Test
    void shouldRefuseATemporaryNoticeWithoutALoggerName() {
        assertThatThrownBy(() -> KnownNoticeFilter.dropWhileOpen(Level.WARN, List.of("no separator")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no separator");
    }
}
