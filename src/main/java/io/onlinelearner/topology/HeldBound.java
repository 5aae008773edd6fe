package io.onlinelearner.topology;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One bound on the weight ({@link StateWeight}, units of 8 bytes) of the model states that the
 * stores of one instance hold in memory, shared by their tasks, whichever stream thread runs them:
 * each store adds and removes the weight of what it holds, and lets go of its own least recently
 * used states while the total is over the limit. A task with many large models so uses what the
 * others leave, and the instance together stays near the limit, however many tasks it runs.
 *
 * <p>Stores whose states any thread may let go of {@linkplain #register register} as {@link
 * Holder}s: the clean states of {@link ModelStateStore}, a read cache, and the states last written
 * by {@link BaseAndRecentStore}, which without them writes a model whole. Their {@linkplain #share()
 * fair share} is the limit divided among them: a store under its share keeps what it adds even when
 * the total is over, and then {@linkplain #makeRoom asks} the holders over their share to let go
 * of the excess, so that a task that went quiet does not keep the place of busy ones. The dirty
 * states, which only their task's thread may write, are not shared so: each store lets go of its
 * own when it adds, and all of them at every commit of their task.
 */
final class HeldBound {

    /** The least limit: 32 MiB. */
    static final long MIN_WEIGHT = 1L << 22;
    /** The share of the JVM's maximum heap that one bound takes by default: one eighth. */
    static final int HEAP_SHARE = 8;

    /** A store that lets go, from any thread, of what it holds above a share of the bound. */
    interface Holder {

        /** Lets go of its least recently used entries while it holds more than {@code share} and the bound is over. */
        void trimTo(long share);
    }

    private final long limit;
    private final AtomicLong weight = new AtomicLong();
    private final Set<Holder> holders = ConcurrentHashMap.newKeySet();

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

    /** Counts {@code holder} among those that share the bound, until {@link #deregister}. */
    void register(final Holder holder) {
        holders.add(holder);
    }

    /** Stops counting {@code holder}: it closed. */
    void deregister(final Holder holder) {
        holders.remove(holder);
    }

    /** The limit divided among the registered holders (all of it when none is). */
    long share() {
        return limit / Math.max(1, holders.size());
    }

    /**
     * Asks each registered holder other than {@code asking} to let go of what it holds above its
     * share, while the bound is over. The caller must hold no holder's lock: each holder takes its own.
     */
    void makeRoom(final Holder asking) {
        for (final Holder holder : holders) {
            if (!over()) {
                return;
            }
            if (holder != asking) {
                holder.trimTo(share());
            }
        }
    }
}
