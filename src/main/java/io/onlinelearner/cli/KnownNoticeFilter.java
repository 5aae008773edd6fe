package io.onlinelearner.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.filter.Filter;
import ch.qos.logback.core.spi.FilterReply;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Drops a few exact messages of Kafka that a user of this program can do nothing about: the WARN
 * notices listed in {@code logback.xml} (each with the reason), so that a clean start and stop
 * print no warning and a real one stands out, and those a command drops for its own run only
 * ({@link #dropWhileOpen}, see {@link LogLevels}). A notice is {@code logger-name | text}: a message
 * at the notice's level from exactly that logger whose message (its format, before arguments are
 * filled in) contains the text. Every other message, and these messages at another level, pass
 * unchanged.
 *
 * <p>It is an appender filter (in {@code logback.xml}, on the console appender), not a turbo
 * filter: logback asks turbo filters on every logging call, enabled or not, and Kafka Streams asks
 * whether trace is enabled several times per record; an appender filter sees only the messages
 * that are printed.
 */
public final class KnownNoticeFilter extends Filter<ILoggingEvent> {

    /** The notices dropped for a while, by every instance: see {@link #dropWhileOpen}. */
    private static final List<Notice> TEMPORARY = new CopyOnWriteArrayList<>();

    private final List<Notice> notices = new ArrayList<>();

    /** Adds a WARN notice to drop, {@code logger-name | text}; logback calls this once per {@code <notice>}. */
    public void addNotice(final String notice) {
        final Notice parsed = Notice.parse(Level.WARN, notice);
        if (parsed == null) {
            addError("a notice is 'logger-name | text', not '" + notice + "'");
            return;
        }
        notices.add(parsed);
    }

    /**
     * Drops the {@code notices} ({@code logger-name | text} each) at {@code level} on every
     * appender carrying this filter until the returned handle is closed.
     *
     * @throws IllegalArgumentException for a notice without its {@code |}
     */
    static AutoCloseable dropWhileOpen(final Level level, final List<String> notices) {
        final List<Notice> added = new ArrayList<>();
        for (final String notice : notices) {
            final Notice parsed = Notice.parse(level, notice);
            if (parsed == null) {
                throw new IllegalArgumentException("a notice is 'logger-name | text', not '" + notice + "'");
            }
            added.add(parsed);
        }
        TEMPORARY.addAll(added);
        return () -> added.forEach(TEMPORARY::remove);
    }

    @Override
    public FilterReply decide(final ILoggingEvent event) {
        final String message = event.getMessage();
        if (message == null) {
            return FilterReply.NEUTRAL;
        }
        return matches(notices, event, message) || matches(TEMPORARY, event, message)
                ? FilterReply.DENY
                : FilterReply.NEUTRAL;
    }

    private static boolean matches(final List<Notice> notices, final ILoggingEvent event, final String message) {
        for (final Notice notice : notices) {
            if (notice.level().equals(event.getLevel())
                    && notice.logger().equals(event.getLoggerName())
                    && message.contains(notice.text())) {
                return true;
            }
        }
        return false;
    }

    /** One notice: its level, the logger's name and the text its message contains. */
    private record Notice(Level level, String logger, String text) {
        /** The notice {@code logger-name | text} at {@code level}, or null without the {@code |}. */
        static Notice parse(final Level level, final String notice) {
            final int bar = notice.indexOf('|');
            return bar < 0
                    ? null
                    : new Notice(
                            level,
                            notice.substring(0, bar).trim(),
                            notice.substring(bar + 1).trim());
        }
    }
}
