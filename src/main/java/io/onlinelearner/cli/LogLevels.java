package io.onlinelearner.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * Turns log messages down for a while: the learner's to warnings for {@code --quiet}, and Kafka's
 * to errors as well for the demo, whose terminal is for its progress lines.
 */
final class LogLevels {

    private static final String LEARNER = "io.onlinelearner";
    private static final List<String> KAFKA = List.of("kafka", "org.apache.kafka", "state.change.logger");

    private LogLevels() {
    }

    /** Only warnings and errors from the learner until the returned handle is closed. */
    static AutoCloseable quiet() {
        return set(List.of(LEARNER), Level.WARN);
    }

    /**
     * Only errors from Kafka's clients until the returned handle is closed: for a short command
     * such as {@code model}, which reports every failure itself in one line, and whose clients would
     * otherwise warn at every failed connection attempt.
     */
    static AutoCloseable kafkaErrorsOnly() {
        return set(KAFKA, Level.ERROR);
    }

    /** Only errors from Kafka and warnings from the learner until the returned handle is closed. */
    static AutoCloseable quietIncludingKafka() {
        final AutoCloseable kafka = set(KAFKA, Level.ERROR);
        final AutoCloseable learner = quiet();
        return () -> {
            learner.close();
            kafka.close();
        };
    }

    private static AutoCloseable set(final List<String> names, final Level level) {
        final List<Runnable> restore = new ArrayList<>();
        for (final String name : names) {
            if (LoggerFactory.getLogger(name) instanceof Logger logger) {
                final Level previous = logger.getLevel();
                logger.setLevel(level);
                restore.add(() -> logger.setLevel(previous));
            }
        }
        return () -> restore.forEach(Runnable::run);
    }
}
