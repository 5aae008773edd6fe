package io.onlinelearner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.spi.FilterReply;
import java.net.URL;
import org.junit.jupiter.api.Test;

/**
 * The shipped {@code logback.xml}: its console appender carries the {@link KnownNoticeFilter} with
 * the listed notices, and no turbo filter is installed (logback would ask it on every logging call).
 */
class LogbackConfigTest {

    @Test
    void shouldDropTheKnownNoticesOnTheConsoleAppenderWithoutATurboFilter() throws Exception {
        final LoggerContext context = new LoggerContext();
        final JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        final URL config = getClass().getResource("/logback.xml");
        configurator.doConfigure(config);

        assertThat(context.getTurboFilterList()).isEmpty();
        final Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        final Appender<ILoggingEvent> console = root.getAppender("STDERR");
        final Logger controller = context.getLogger("org.apache.kafka.controller.QuorumController");
        assertThat(console.getFilterChainDecision(event(controller, Level.WARN, "Performing controller activation.")))
                .isEqualTo(FilterReply.DENY);
        assertThat(console.getFilterChainDecision(event(controller, Level.WARN, "Something else")))
                .isEqualTo(FilterReply.NEUTRAL);
        context.stop();
    }

    private static ILoggingEvent event(final Logger logger, final Level level, final String message) {
        return new LoggingEvent(Logger.class.getName(), logger, level, message, null, new Object[0]);
    }
}
