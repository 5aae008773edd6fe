package io.onlinelearner.topology;

import java.util.concurrent.atomic.AtomicLong;

/**
 * One bound on the weight ({@link StateWeight}, units of 8 bytes) of the model states that the
 * stores of one instance hold in memory, shared by their tasks, whichever stream thread runs them:
 * each store adds and removes the weight of what it holds, and lets go of its own least recently
 * used states while the total is over the limit. A task with many large models so uses what the
 * others leave, and the instance together stays near the limit, however many tasks it runs. The
 * share is not fair: a store lets go only when it adds, so the clean states of a task that went
 * quiet keep their place until it writes again or closes, and a busy task may then keep fewer
 * (dirty states are written, and so let go, at every commit of their task).
 */
final class HeldBound {

    /** The least limit: 32 MiB. */
    static final long MIN_WEIGHT = 1L << 22;
    /** The share of the JVM's maximum heap that one bound takes by default: one eighth. */
    static final int HEAP_SHARE = 8;

    private final long limit;
    private final AtomicLong weight = new AtomicLong();

    /** A bound of {@code limit} weight. */
    HeldBound(final long limit) {
        if (limit <= 0) {
            throw new IllegalArgumentException("limit must be > 0, was " + limit);
        }
        this.limit = limit;
    }

    /**
     * A bound of one {@value #HEAP_SHARE}th of {@code maxHeapBytes} (the JVM's {@code
     * Runtime.maxMemory()}), at least {@link #MIN_WEIGHT}.
     */
    static HeldBound ofHeap(final long maxHeapBytes) {
        return new HeldBound(Math.max(MIN_WEIGHT, maxHeapBytes / HEAP_SHARE / Long.BYTES));
    }

    /** The limit, in units of 8 bytes. */
    long limit() {
        return limit;
    }

    /** Adds {@code delta} (negative: removes) to the weight held. */
    void add(final long delta) {
        weight.addAndGet(delta);
    }

    /** True while the weight held is over the limit. */
    boolean over() {
        return weight.get() > limit;
    }

    /** True when adding {@code more} would take the weight held over the limit. */
    boolean wouldExceed(final long more) {
        return weight.get() + more > limit;
    }

    /** The weight held now. */
    long weight() {
        return weight.get();
    }
}
