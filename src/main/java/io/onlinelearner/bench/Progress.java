package io.onlinelearner.bench;

import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts processed records from any thread and lets the benchmark wait for a target count,
 * remembering when the first record arrived (so that start-up time can be told apart).
 */
final class Progress {

    private static final long POLL_MILLIS = 5;

    private final AtomicLong count = new AtomicLong();
    private volatile long firstNanos;

    /** Counts one record. */
    void record() {
        if (count.getAndIncrement() == 0) {
            firstNanos = System.nanoTime();
        }
    }

    long count() {
        return count.get();
    }

    /** When the first record was counted, or 0 before. */
    long firstNanos() {
        return firstNanos;
    }

    /** Waits until at least {@code target} records were counted; returns the time it happened. */
    long await(final long target, final Duration timeout) throws InterruptedException, TimeoutException {
        final long deadline = System.nanoTime() + timeout.toNanos();
        while (count.get() < target) {
            if (System.nanoTime() > deadline) {
                throw new TimeoutException("processed " + count.get() + " of " + target + " records in " + timeout);
            }
            Thread.sleep(POLL_MILLIS);
        }
        return System.nanoTime();
    }
}
