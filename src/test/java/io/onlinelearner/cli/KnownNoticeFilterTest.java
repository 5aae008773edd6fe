package io.onlinelearner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.spi.FilterReply;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Only the listed WARN messages of the listed loggers are dropped; everything else passes. */
class KnownNoticeFilterTest {

    private final LoggerContext context = new LoggerContext();
    private final Logger streamsConfig = context.getLogger("org.apache.kafka.streams.StreamsConfig");
    private final KnownNoticeFilter filter = new KnownNoticeFilter();

    KnownNoticeFilterTest() {
        filter.setContext(context);
        filter.addNotice("org.apache.kafka.streams.StreamsConfig | is not enabled for the GlobalThread");
    }

    @Test
    void shouldDropTheListedWarningOfTheListedLogger() {
        assertThat(filter.decide(
                        null,
                        streamsConfig,
                        Level.WARN,
                        "[prefix] Processing exception handler is not enabled for the GlobalThread. It's recommended",
                        null,
                        null))
                .isEqualTo(FilterReply.DENY);
    }

    @Test
    void shouldLetEveryOtherMessageLevelAndLoggerPass() {
        final String text = "Processing exception handler is not enabled for the GlobalThread";
        assertThat(filter.decide(null, streamsConfig, Level.ERROR, text, null, null))
                .isEqualTo(FilterReply.NEUTRAL);
        assertThat(filter.decide(
                        null, streamsConfig, Level.WARN, "Unexpected user-specified consumer config", null, null))
                .isEqualTo(FilterReply.NEUTRAL);
        assertThat(filter.decide(
                        null, context.getLogger("org.apache.kafka.streams.KafkaStreams"), Level.WARN, text, null, null))
                .isEqualTo(FilterReply.NEUTRAL);
        assertThat(filter.decide(null, streamsConfig, Level.WARN, null, null, null))
                .isEqualTo(FilterReply.NEUTRAL);
    }

    @Test
    void shouldIgnoreANoticeWithoutALoggerName() {
        filter.addNotice("no separator here");

        assertThat(filter.decide(null, streamsConfig, Level.WARN, "no separator here", null, null))
                .isEqualTo(FilterReply.NEUTRAL);
    }

    @Test
    void shouldDropANoticeAtItsOwnLevelOnly() {
        final KnownNoticeFilter errors = KnownNoticeFilter.atLevel(
                Level.ERROR, List.of("org.apache.kafka.streams.StreamsConfig | unknown topic"));

        assertThat(errors.decide(null, streamsConfig, Level.ERROR, "[p] unknown topic {}", null, null))
                .isEqualTo(FilterReply.DENY);
        assertThat(errors.decide(null, streamsConfig, Level.WARN, "[p] unknown topic {}", null, null))
                .isEqualTo(FilterReply.NEUTRAL);
    }
}
