package io.onlinelearner.topology;

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
 *       {@linkplain #isOwner() owner}: only it may write below outside a flush.
 * </ul>
 *
 * @param <K> the store's key type
 * @param <V> the store's value type
 */
abstract class HeldWritesLayer<K, V> extends WrappedStateStore<KeyValueStore<K, V>, K, V> {

    private volatile Thread owner;

    HeldWritesLayer(final KeyValueStore<K, V> below) {
        super(below);
    }

    /** Writes everything held into the store below, within the open transaction. */
    abstract void writeHeld();

    /** Forgets everything held, unwritten. */
    abstract void dropHeld();

    /** True on the thread that initialized the store. */
    final boolean isOwner() {
        return Thread.currentThread() == owner;
    }

    @Override
    public final void init(final StateStoreContext context, final StateStore root) {
        dropHeld();
        owner = Thread.currentThread();
        super.init(context, root);
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
        dropHeld();
        super.clearCache();
    }

    /** Drops everything held, unwritten, and closes the store below. */
    @Override
    public final void close() {
        dropHeld();
        super.close();
    }
}
