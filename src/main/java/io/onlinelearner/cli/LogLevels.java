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
    /**
     * Kafka ERROR messages that the demo's start-up causes and that are no error: right after
     * creating the topics, the learner waits for their leaders with list-offsets requests
     * ({@code TopicProvisioner}), and until the new topics reach the broker's metadata cache
     * Kafka's admin client logs each answer "unknown topic" at ERROR, then retries, and succeeds.
     * Only that message of that logger is dropped; any other error, and that message after a real
     * failure, shows (a topic that never appears fails the start-up with its own one-line error).
     */
    static final List<String> DEMO_STARTUP_ERRORS = List.of(
            "org.apache.kafka.clients.admin.internals.PartitionLeaderStrategy | Received unknown topic error for topic");

    private LogLevels() {}

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

    /**
     * Only errors from Kafka, less the {@link #DEMO_STARTUP_ERRORS}, and warnings from the learner
     * until the returned handle is closed.
     */
    static AutoCloseable quietIncludingKafka() {
        final AutoCloseable kafka = set(KAFKA, Level.ERROR);
        final AutoCloseable learner = quiet();
        final AutoCloseable startup = drop(Level.ERROR, DEMO_STARTUP_ERRORS);
        return () -> {
            startup.close();
            learner.close();
            kafka.close();
        };
    }

    /**
     * Drops the {@code notices} ({@code logger-name | text}) at {@code level} until the returned
     * handle is closed, on the appenders that carry the {@link KnownNoticeFilter} ({@code logback.xml}).
     */
    static AutoCloseable drop(final Level level, final List<String> notices) {
        return KnownNoticeFilter.dropWhileOpen(level, notices);
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
