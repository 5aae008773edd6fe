package io.onlinelearner.metrics;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The learner's one-line progress report for the terminal, e.g.
 * {@code records/s 1234.5 | records 10000 | dead letters 3 | models 3 (1 stopped) | rounds 42 | best loss 0.0123400
 * | stops 1 | predictions 20 | events 2}, read from {@link LearnerObservations#totals()}. Each {@link #next()} reports the record rate since
 * the previous call.
 */
public final class StatusLine {

    private static final Logger LOG = LoggerFactory.getLogger(StatusLine.class);

    /** How often a learner with nothing new still prints its line, so that a reader sees it is alive. */
    public static final Duration IDLE_EVERY = Duration.ofMinutes(1);

    private final Supplier<Totals> totals;
    private final LongSupplier nanoClock;
    private long lastRecords;
    private long lastNanos;
    private Totals printed;
    private double printedRate;
    private long printedNanos;

    /** A status line over {@code totals}, timed by {@code nanoClock} (e.g. {@code System::nanoTime}). */
    public StatusLine(final Supplier<Totals> totals, final LongSupplier nanoClock) {
        this.totals = totals;
        this.nanoClock = nanoClock;
        this.lastRecords = totals.get().records();
        this.lastNanos = nanoClock.getAsLong();
    }

    /** The line for now, with the record rate since the previous line (or since construction). */
    public synchronized String next() {
        final Totals now = totals.get();
        return format(rate(now), now);
    }

    private double rate(final Totals now) {
        final long nanos = nanoClock.getAsLong();
        final double seconds = (nanos - lastNanos) / 1e9;
        final double rate = seconds > 0 ? (now.records() - lastRecords) / seconds : 0.0;
        lastRecords = now.records();
        lastNanos = nanos;
        return rate;
    }

    /**
     * The line for now, as {@link #next()}, when the totals changed since the last line this gave,
     * that line showed records arriving (so that a rate of 0 follows it) or it is {@link #IDLE_EVERY}
     * old; else empty, so that an idle learner does not fill its
     * output (and a container's log) with the same line.
     */
    public synchronized Optional<String> nextIfChanged() {
        final Totals now = totals.get();
        final double rate = rate(now);
        if (now.equals(printed) && printedRate == 0.0 && lastNanos - printedNanos < IDLE_EVERY.toNanos()) {
            return Optional.empty();
        }
        printed = now;
        printedRate = rate;
        printedNanos = lastNanos;
        return Optional.of(format(rate, now));
    }

    /** Formats one line from a rate and totals; the label counts only once there has been a label. */
    public static String format(final double recordsPerSecond, final Totals t) {
        final String best = Double.isNaN(t.bestLoss()) ? "-" : String.format(Locale.ROOT, "%.6g", t.bestLoss());
        return String.format(
                        Locale.ROOT,
                        "records/s %.1f | records %d | dead letters %d | models %d (%d stopped)"
                                + " | rounds %d | best loss %s | stops %d | predictions %d | events %d",
                        recordsPerSecond,
                        t.records(),
                        t.deadLetters(),
                        t.models(),
                        t.stopped(),
                        t.rounds(),
                        best,
                        t.stops(),
                        t.predictions(),
                        t.events())
                + (t.joined() + t.unknown() > 0
                        ? String.format(Locale.ROOT, " | labels %d joined, %d unknown", t.joined(), t.unknown())
                        : "");
    }

    /**
     * Prints a line to {@code out} every {@code every} while anything changes, and every {@link
     * #IDLE_EVERY} while nothing does, on a daemon thread, until the returned handle is closed.
     */
    public static AutoCloseable print(
            final LearnerObservations observations, final PrintStream out, final Duration every) {
        final StatusLine line = new StatusLine(observations::totals, System::nanoTime);
        final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            final Thread thread = new Thread(runnable, "learner-status-line");
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleAtFixedRate(
                () -> {
                    try {
                        line.nextIfChanged().ifPresent(out::println);
                    } catch (RuntimeException e) {
                        LOG.warn("The status line could not be printed this time", e);
                    }
                },
                every.toMillis(),
                every.toMillis(),
                TimeUnit.MILLISECONDS);
        return timer::shutdownNow;
    }
}
