package io.onlinelearner.topology;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The store of remembered requests ({@link Names#LABELS_STORE}) as the processor and interactive
 * queries see it: the outermost layer over Kafka Streams' own byte store, holding the writes made
 * since the last commit as values, serialized once when Kafka Streams flushes the store before it
 * commits, as {@link ModelStateStore} does for model states.
 *
 * <p>{@link #hold} keeps a value object (a request, a model's counts or window) with the function
 * that serializes it; {@link #delete} drops what is held for a key. A request remembered and joined
 * within one commit, the common case, is thus never written at all: its key is held as absent
 * from the store below ({@code fresh}), so its deletion leaves nothing to write. A model's counts
 * and window, changed by every request and label, are serialized once per commit instead of once per
 * record. {@link #flushCache()} writes every held value, and a tombstone for every held deletion of
 * a key the store below may hold, into the store below inside the transaction about to commit;
 * {@link #clearCache()}, {@link #close()} and {@link #init} drop what is held unwritten (a dirty
 * close or a revival under exactly-once restores the store from the changelog). When what is held
 * weighs more than its bound, the oldest held writes go through early, still within the open
 * transaction.
 *
 * <p>{@link #get} answers from what is held, serializing a held value, then from the store below.
 * Scans from the thread that initialized the store first write what is held through; scans from
 * other threads (interactive queries, which the learner makes only with {@link #get}) see the store
 * below as of the last commit. Plain {@link #put}s go straight through. The held map is guarded by
 * one lock and never leaves this class.
 */
public final class LabelsStore extends HeldWritesLayer<Bytes, byte[]> implements KeyValueStore<Bytes, byte[]> {

    /** The most weight held per task before the oldest writes go through: 16 MiB in units of 8 bytes. */
    static final long MAX_HELD_WEIGHT = 1L << 21;
    /** A held entry's cost beyond its value's (map entry, key, holder), in units of 8 bytes. */
    static final long ENTRY_WEIGHT = 16;

    private final long maxWeight;
    private final Object lock = new Object();
    private final LinkedHashMap<Bytes, Held> held = new LinkedHashMap<>(256);
    private long weight;

    /**
     * A write held for a key: its value (null: the key is deleted) and serializer, its weight, and
     * whether the store below may hold the key (false: nothing to write when it is deleted).
     */
    private record Held(Object value, Function<Object, byte[]> serializer, long weight, boolean below) {

        byte[] bytes() {
            return value == null ? null : serializer.apply(value);
        }
    }

    /** The store over {@code below}, holding at most {@code maxWeight} (units of 8 bytes) of writes. */
    LabelsStore(final KeyValueStore<Bytes, byte[]> below, final long maxWeight) {
        super(below);
        this.maxWeight = maxWeight;
    }

    /**
     * The labels store inside {@code store}, as a processor's context hands it out (within Kafka
     * Streams' read-write decorator, which hides the methods of this layer).
     *
     * @throws IllegalStateException when {@code store} holds no labels store
     */
    static LabelsStore of(final StateStore store) {
        return HeldWritesLayer.of(store, LabelsStore.class);
    }

    /**
     * Holds {@code value} for {@code key} until the commit, to be written as {@code serializer}'s
     * bytes of it.
     *
     * @param weight its weight in memory, in units of 8 bytes
     * @param fresh  true when the caller knows that {@code key} has no value in this store now (so
     *               that the store below does not hold it unless a deletion of it is held)
     */
    <V> void hold(
            final Bytes key,
            final V value,
            final Function<? super V, byte[]> serializer,
            final long weight,
            final boolean fresh) {
        Objects.requireNonNull(value, "value");
        @SuppressWarnings("unchecked")
        final Function<Object, byte[]> bytes = (Function<Object, byte[]>) serializer;
        final boolean over;
        synchronized (lock) {
            final Held previous = held.get(key);
            final boolean below = previous != null ? previous.below() : !fresh;
            over = replace(key, new Held(value, bytes, weight + ENTRY_WEIGHT, below));
        }
        if (over) {
            writeThrough(maxWeight);
        }
    }

    /**
     * The value held for {@code key} as {@code type}, else {@code decode} of the store below's bytes;
     * null when the key has no value.
     */
    <V> V read(final Bytes key, final Class<V> type, final Function<byte[], V> decode) {
        final Held write;
        synchronized (lock) {
            write = held.get(key);
        }
        if (write != null) {
            return write.value() == null ? null : type.cast(write.value());
        }
        final byte[] stored = wrapped().get(key);
        return stored == null ? null : decode.apply(stored);
    }

    @Override
    public byte[] get(final Bytes key) {
        Objects.requireNonNull(key, "key");
        final Held write;
        synchronized (lock) {
            write = held.get(key);
        }
        return write != null ? write.bytes() : wrapped().get(key);
    }

    /** Writes {@code value} into the store below at once, replacing what is held for {@code key}. */
    @Override
    public void put(final Bytes key, final byte[] value) {
        Objects.requireNonNull(key, "key");
        synchronized (lock) {
            replace(key, null);
        }
        wrapped().put(key, value);
    }

    @Override
    public byte[] putIfAbsent(final Bytes key, final byte[] value) {
        final byte[] existing = get(key);
        if (existing == null) {
            put(key, value);
        }
        return existing;
    }

    @Override
    public void putAll(final List<KeyValue<Bytes, byte[]>> entries) {
        for (final KeyValue<Bytes, byte[]> entry : entries) {
            put(entry.key, entry.value);
        }
    }

    /**
     * Deletes {@code key} at the commit: forgets what is held for it, and holds a tombstone unless
     * the store below is known not to hold the key. Returns null (what was deleted is not read).
     */
    @Override
    public byte[] delete(final Bytes key) {
        Objects.requireNonNull(key, "key");
        synchronized (lock) {
            final Held previous = held.get(key);
            if (previous != null && !previous.below()) {
                replace(key, null);
            } else {
                replace(key, new Held(null, null, ENTRY_WEIGHT, true));
            }
        }
        return null;
    }

    @Override
    public KeyValueIterator<Bytes, byte[]> range(final Bytes from, final Bytes to) {
        writeThroughIfOwner();
        return wrapped().range(from, to);
    }

    @Override
    public KeyValueIterator<Bytes, byte[]> all() {
        writeThroughIfOwner();
        return wrapped().all();
    }

    @Override
    public KeyValueIterator<Bytes, byte[]> reverseRange(final Bytes from, final Bytes to) {
        writeThroughIfOwner();
        return wrapped().reverseRange(from, to);
    }

    @Override
    public KeyValueIterator<Bytes, byte[]> reverseAll() {
        writeThroughIfOwner();
        return wrapped().reverseAll();
    }

    @Override
    public <S extends Serializer<P>, P> KeyValueIterator<Bytes, byte[]> prefixScan(
            final P prefix, final S prefixKeySerializer) {
        writeThroughIfOwner();
        return wrapped().prefixScan(prefix, prefixKeySerializer);
    }

    @Override
    public long approximateNumEntries() {
        return wrapped().approximateNumEntries();
    }

    /** The number of keys with a held write. */
    int heldCount() {
        synchronized (lock) {
            return held.size();
        }
    }

    /** Writes every held write into the store below now, within the open transaction. */
    @Override
    void writeHeld() {
        writeThrough(Long.MIN_VALUE);
    }

    private void writeThroughIfOwner() {
        if (isOwner()) {
            writeHeld();
        }
    }

    /**
     * Writes the oldest held writes into the store below until what stays held weighs at most
     * {@code bound}; each is forgotten once written, unless a newer write of its key is held by then.
     */
    private void writeThrough(final long bound) {
        final List<Map.Entry<Bytes, Held>> writes = new ArrayList<>();
        synchronized (lock) {
            long remaining = weight;
            for (final Map.Entry<Bytes, Held> entry : held.entrySet()) {
                if (remaining <= bound) {
                    break;
                }
                writes.add(Map.entry(entry.getKey(), entry.getValue()));
                remaining -= entry.getValue().weight();
            }
        }
        for (final Map.Entry<Bytes, Held> write : writes) {
            final Held value = write.getValue();
            if (value.value() != null) {
                wrapped().put(write.getKey(), value.bytes());
            } else if (value.below()) {
                wrapped().delete(write.getKey());
            }
        }
        synchronized (lock) {
            for (final Map.Entry<Bytes, Held> write : writes) {
                if (held.get(write.getKey()) == write.getValue()) {
                    replace(write.getKey(), null);
                }
            }
        }
    }

    /** Holds {@code next} for {@code key} (null: nothing); true when what is held is then over its bound. */
    private boolean replace(final Bytes key, final Held next) {
        final Held previous = next == null ? held.remove(key) : held.put(key, next);
        weight += (next == null ? 0 : next.weight()) - (previous == null ? 0 : previous.weight());
        return weight > maxWeight;
    }

    @Override
    void dropHeld() {
        synchronized (lock) {
            held.clear();
            weight = 0;
        }
    }
}
