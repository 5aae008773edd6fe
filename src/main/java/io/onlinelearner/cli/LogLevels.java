package io.onlinelearner.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;

/** Turns the learner's own log messages down to warnings, for {@code --quiet} and the demo. */
final class LogLevels {

    private static final String LEARNER = "io.onlinelearner";

    private LogLevels() {
    }

    /** Only warnings and errors from the learner until the returned handle is closed. */
    static AutoCloseable quiet() {
        if (LoggerFactory.getLogger(LEARNER) instanceof Logger logger) {
            final Level previous = logger.getLevel();
            logger.setLevel(Level.WARN);
            return () -> logger.setLevel(previous);
        }
        return () -> { };
    }
}
