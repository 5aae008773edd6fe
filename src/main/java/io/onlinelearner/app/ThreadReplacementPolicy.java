package io.onlinelearner.app;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What Kafka Streams does when an exception escapes a stream thread: replace the thread, unless
 * threads have died too often lately, then shut the client down.
 *
 * <p>Why: bad records never get here (they go to the dead-letter topic), so an exception that does
 * is either transient (a broker that stayed away longer than Kafka Streams' own retries, a fenced
 * producer) or a bug that will fail again on the same record. Under exactly-once a replaced thread
 * aborts the open transaction and restores its tasks from the changelog, so replacing loses
 * nothing and applies nothing twice: it is the right answer to a transient failure. A deterministic
 * failure, however, would be replaced forever without progress; after {@code maxReplacements}
 * within {@code window} the client shuts down instead, the process exits with a failure, and
 * whatever supervises it (or another instance) takes over with the state intact.
 */
public final class ThreadReplacementPolicy implements StreamsUncaughtExceptionHandler {

    /** Replacements allowed within {@link #DEFAULT_WINDOW} before the client shuts down. */
    public static final int DEFAULT_MAX_REPLACEMENTS = 3;
    /** The window in which replacements are counted. */
    public static final Duration DEFAULT_WINDOW = Duration.ofMinutes(10);

    private static final Logger LOG = LoggerFactory.getLogger(ThreadReplacementPolicy.class);

    private final int maxReplacements;
    private final Duration window;
    private final Clock clock;
    private final Deque<Instant> recent = new ArrayDeque<>();

    /** A policy allowing {@code maxReplacements} within {@code window}, timed by {@code clock}. */
    public ThreadReplacementPolicy(final int maxReplacements, final Duration window, final Clock clock) {
        this.maxReplacements = maxReplacements;
        this.window = window;
        this.clock = clock;
    }

    /** The default policy: 3 replacements within 10 minutes. */
    public static ThreadReplacementPolicy defaults() {
        return new ThreadReplacementPolicy(DEFAULT_MAX_REPLACEMENTS, DEFAULT_WINDOW, Clock.systemUTC());
    }

    @Override
    public synchronized StreamThreadExceptionResponse handle(final Throwable exception) {
        final Instant now = clock.instant();
        while (!recent.isEmpty() && recent.peekFirst().isBefore(now.minus(window))) {
            recent.removeFirst();
        }
        if (recent.size() >= maxReplacements) {
            LOG.error(
                    "A stream thread failed {} times within {}; shutting the learner down",
                    recent.size() + 1,
                    window,
                    exception);
            return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        }
        recent.addLast(now);
        LOG.warn("A stream thread failed; replacing it (it resumes from the last commit)", exception);
        return StreamThreadExceptionResponse.REPLACE_THREAD;
    }
}
