package io.onlinelearner.topology;

import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.internals.WrappedStateStore;

/**
 * The lifecycle that the learner's layers over Kafka Streams' stores share ({@link ModelStateStore},
 * {@link LabelsStore}): they hold writes as values and write them into the store below only when
 * Kafka Streams flushes the store before it commits, so that they go into the transaction being
 * committed. That is exactly-once's part of their contract, kept in one place:
 *
 * <ul>
 *   <li>{@link #flushCache()} writes everything held ({@link #writeHeld()}), then lets the store
 *       below flush its own cache, within the same commit;
 *   <li>{@link #clearCache()}, {@link #close()} and {@link #init} drop what is held unwritten
 *       ({@link #dropHeld()}): after a dirty close, a recycling or a revival under exactly-once
 *       the store is restored from the changelog, never from memory;
 *   <li>the thread that initialized the store, the stream thread running its task, is its
 *       {@linkplain #isOwner() owner}: only it may write below outside a flush;
 *   <li>other threads (interactive queries) may read {@link ModelStateStore} only while it
 *       {@linkplain #serve() serves}: from when its task's processor is initialized, after the
 *       stores were restored, to its next {@link #init}, {@link #clearCache()} or {@link #close()}
 *       (the HTTP API reads a model's labels only after its state, from the same task). Kafka Streams lets
 *       interactive queries reach an active task that is still restoring (after a revival under
 *       exactly-once wiped its state, for one), whose store would answer with a model missing or
 *       older than the one committed.
 * </ul>
 *
 * @param <K> the store's key type
 * @param <V> the store's value type
 */
abstract class HeldWritesLayer<K, V> extends WrappedStateStore<KeyValueStore<K, V>, K, V> {

    private volatile Thread owner;
    private volatile boolean serving;

    HeldWritesLayer(final KeyValueStore<K, V> below) {
        super(below);
    }

    /** Writes everything held into the store below, within the open transaction. */
    abstract void writeHeld();

    /** Forgets everything held, unwritten. */
    abstract void dropHeld();

    /** Called once the store below is initialized: a layer may start sharing a bound from here. */
    void opened() {}

    /** Called when the store closes, after {@link #dropHeld()}: a layer stops sharing its bounds here. */
    void closed() {}

    /** True on the thread that initialized the store. */
    final boolean isOwner() {
        return Thread.currentThread() == owner;
    }

    /** Lets other threads read: called when the store's task's processor is initialized, after restoration. */
    final void serve() {
        serving = true;
    }

    /**
     * Lets other threads read {@code store} (as a processor's context hands it) if it has a layer of
     * the learner's; a store without one (Kafka Streams' own) always lets them.
     */
    static void serve(final StateStore store) {
        final HeldWritesLayer<?, ?> layer = find(store, HeldWritesLayer.class);
        if (layer != null) {
            layer.serve();
        }
    }

    /**
     * Checks that the calling thread may read: the owner always, another thread while the store serves.
     *
     * @throws InvalidStateStoreException on another thread while the store does not serve
     */
    final void checkReadable() {
        if (!serving && !isOwner()) {
            throw new InvalidStateStoreException("the store " + name() + " is being restored; try again later");
        }
    }

    /**
     * The learner's layer {@code type} within {@code store}, as a processor's context hands it
     * (wrapped in Kafka Streams' own layers).
     *
     * @throws IllegalStateException when {@code store} has no such layer
     */
    static <L extends HeldWritesLayer<?, ?>> L of(final StateStore store, final Class<L> type) {
        final L layer = find(store, type);
        if (layer == null) {
            throw new IllegalStateException("store " + store.name() + " is not a " + type.getSimpleName());
        }
        return layer;
    }

    /** The layer {@code type} within {@code store}, or null when it has none. */
    private static <L> L find(final StateStore store, final Class<L> type) {
        StateStore layer = store;
        while (!type.isInstance(layer)) {
            if (!(layer instanceof WrappedStateStore<?, ?, ?> wrapper)) {
                return null;
            }
            layer = wrapper.wrapped();
        }
        return type.cast(layer);
    }

    @Override
    public final void init(final StateStoreContext context, final StateStore root) {
        serving = false;
        dropHeld();
        owner = Thread.currentThread();
        super.init(context, root);
        opened();
    }

    /** Writes everything held into the store below once, then lets that store flush its own cache. */
    @Override
    public final void flushCache() {
        writeHeld();
        super.flushCache();
    }

    /** Drops everything held, unwritten. */
    @Override
    public final void clearCache() {
        serving = false;
        dropHeld();
        super.clearCache();
    }

    /** Drops everything held, unwritten, and closes the store below. */
    @Override
    public final void close() {
        serving = false;
        dropHeld();
        closed();
        super.close();
    }
}
