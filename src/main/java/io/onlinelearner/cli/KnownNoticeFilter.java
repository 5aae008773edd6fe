package io.onlinelearner.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Marker;

/**
 * Drops a few exact WARN messages of Kafka that a user of this program can do nothing about,
 * listed in {@code logback.xml} (each with the reason), so that a clean start and stop print no
 * warning and a real one stands out. A notice is {@code logger-name | text}: a WARN of exactly
 * that logger whose message (its format, before arguments are filled in) contains the text.
 * Every other message, and these messages at ERROR, pass unchanged. {@link #atLevel} makes a filter
 * of the same kind for another level, which a command installs for its own run only (see
 * {@link LogLevels}).
 */
public final class KnownNoticeFilter extends TurboFilter {

    private final List<Notice> notices = new ArrayList<>();
    private Level level = Level.WARN;

    /** A filter dropping the {@code notices} ({@code logger-name | text} each) at {@code level} only. */
    static KnownNoticeFilter atLevel(final Level level, final List<String> notices) {
        final KnownNoticeFilter filter = new KnownNoticeFilter();
        filter.level = level;
        notices.forEach(filter::addNotice);
        return filter;
    }

    /** Adds a notice to drop, {@code logger-name | text}; logback calls this once per {@code <notice>}. */
    public void addNotice(final String notice) {
        final int bar = notice.indexOf('|');
        if (bar < 0) {
            addError("a notice is 'logger-name | text', not '" + notice + "'");
            return;
        }
        notices.add(new Notice(
                notice.substring(0, bar).trim(), notice.substring(bar + 1).trim()));
    }

    @Override
    public FilterReply decide(
            final Marker marker,
            final Logger logger,
            final Level messageLevel,
            final String format,
            final Object[] params,
            final Throwable t) {
        if (messageLevel != level || format == null) {
            return FilterReply.NEUTRAL;
        }
        for (final Notice notice : notices) {
            if (notice.logger().equals(logger.getName()) && format.contains(notice.text())) {
                return FilterReply.DENY;
            }
        }
        return FilterReply.NEUTRAL;
    }

    /** One notice: the logger's name and the text its message contains. */
    private record Notice(String logger, String text) {}
}
