package io.onlinelearner.topology;

import io.onlinelearner.learner.Eviction;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * A task's models by the stream time of their last valid record, in its changelogged store
 * ({@link Names#LAST_SEEN_STORE}), so that finding the idle models of
 * {@code learner.models.idle-ttl-ms} costs the idle models, never all of them. Two kinds of
 * entries per model:
 *
 * <ul>
 *   <li>{@code 'm' + id} → the exact last-seen time (8 bytes), written by {@link #touch} at every
 *       valid record of the model (Kafka Streams' record cache folds a busy model's writes into one
 *       per commit);
 *   <li>{@code 't' + time + id} → nothing: the model in time order. {@code time} (8 bytes, big-endian,
 *       sign bit flipped so that byte order is time order) is at most its last-seen time: the entry
 *       is put when the model enters the index and moved forward only when a scan reaches it (a
 *       model {@link #keep kept} after a failed eviction is the one exception: its entry is put a
 *       ttl ahead of the scan, so that the scan meets it once more).
 * </ul>
 *
 * {@link #takeIdle} reads the time-ordered entries below the idle bound only: each one is either
 * idle (taken out of the index and returned) or stale (its model was seen since, and it moves to
 * the exact time, past the bound, at one delete and one put). A model is reached by a scan at
 * most once per ttl of stream time unless it is idle; a record costs one read and one write of
 * its model's {@code 'm'} entry. In memory it keeps only the bound below which every entry has
 * already been handled, so that the next scan starts there; {@link #forgetScanned()} drops it when
 * the task is (re)initialised.
 */
final class IdleIndex {

    private static final byte LAST_SEEN = 'm';
    private static final byte BY_TIME = 't';
    private static final byte[] NOTHING = new byte[0];
    /** The least key of an entry; keys below it are {@link IndexCatchUp}'s. */
    private static final Bytes FIRST = Bytes.wrap(new byte[] {LAST_SEEN});

    private final KeyValueStore<Bytes, byte[]> store;
    private final long ttlMs;
    private long scannedBelow = Long.MIN_VALUE;
    private long visited;

    /**
     * @param ttlMs {@code learner.models.idle-ttl-ms}
     */
    IdleIndex(final KeyValueStore<Bytes, byte[]> store, final long ttlMs) {
        this.store = store;
        this.ttlMs = ttlMs;
    }

    /** A model taken out of the index because it is idle, with the stream time of its last valid record. */
    record Idle(String model, long lastSeen) {}

    /** Starts the next scan from the first entry again: for a task's (re)initialisation. */
    void forgetScanned() {
        scannedBelow = Long.MIN_VALUE;
    }

    /** Records that {@code model} had a valid record at {@code streamTime}: it enters the index if new. */
    void touch(final String model, final long streamTime) {
        final Bytes key = lastSeenKey(model);
        final byte[] known = store.get(key);
        if (known == null) {
            store.put(byTimeKey(streamTime, model), NOTHING);
        } else if (time(known, 0) == streamTime) {
            return;
        }
        store.put(key, encode(streamTime));
    }

    /**
     * Puts back a model {@link #takeIdle} took out, as it was ({@code 'm'} at its last-seen time), with
     * its time-ordered entry at {@code streamTime}: the scan, which is past its last-seen time, meets
     * it again once {@code streamTime} is a ttl old, and finds it idle then unless it was seen since.
     */
    void keep(final Idle model, final long streamTime) {
        put(model.model(), streamTime, model.lastSeen());
    }

    /** The stream time of {@code model}'s last valid record, or null when it is not in the index. */
    Long lastSeen(final String model) {
        final byte[] known = store.get(lastSeenKey(model));
        return known == null ? null : time(known, 0);
    }

    /**
     * Takes every model that is idle at {@code streamTime} out of the index, oldest entry first, and
     * moves the stale entries it meets forward to their model's last-seen time.
     */
    List<Idle> takeIdle(final long streamTime) {
        final long bound = Eviction.idleBefore(streamTime, ttlMs);
        if (bound <= scannedBelow) {
            return List.of();
        }
        final List<Bytes> due = new ArrayList<>();
        try (KeyValueIterator<Bytes, byte[]> entries = store.range(byTimeBound(scannedBelow), byTimeBound(bound))) {
            while (entries.hasNext()) {
                final KeyValue<Bytes, byte[]> next = entries.next();
                due.add(next.key);
                visited++;
            }
        }
        final List<Idle> idle = new ArrayList<>();
        for (final Bytes entry : due) {
            final String model = modelOf(entry.get());
            final Bytes lastSeenKey = lastSeenKey(model);
            final byte[] known = store.get(lastSeenKey);
            store.delete(entry);
            if (known == null) {
                continue;
            }
            final long lastSeen = time(known, 0);
            if (Eviction.idle(lastSeen, streamTime, ttlMs)) {
                store.delete(lastSeenKey);
                idle.add(new Idle(model, lastSeen));
            } else {
                store.put(byTimeKey(lastSeen, model), NOTHING);
            }
        }
        scannedBelow = bound;
        return idle;
    }

    /**
     * Deletes up to {@code limit} entries, in key order after {@code after} (null: from the first),
     * and returns their keys: fewer than {@code limit} when no entry is left after {@code after}.
     * Reading on from where the last call stopped, never from the first entry again, spares walking
     * over deleted keys; each is deleted by a put of null, which, unlike a delete, does not read the
     * old value first (a read that misses RocksDB's cache at every key, at millions of keys).
     */
    List<Bytes> clearSome(final Bytes after, final int limit) {
        final List<Bytes> batch = new ArrayList<>(Math.min(limit, 1024));
        try (KeyValueIterator<Bytes, byte[]> entries = store.range(after == null ? FIRST : after, null)) {
            while (entries.hasNext() && batch.size() < limit) {
                final Bytes key = entries.next().key;
                if (!key.equals(after)) {
                    batch.add(key);
                }
            }
        }
        batch.forEach(key -> store.put(key, null));
        return batch;
    }

    /** True when some model is in the index. */
    boolean hasEntries() {
        try (KeyValueIterator<Bytes, byte[]> entries = store.range(FIRST, null)) {
            return entries.hasNext();
        }
    }

    /**
     * Enters {@code model} as seen at {@code streamTime} with two writes and no read, whether or not it
     * is in the index already: a model that had a record since it could only have had it at the
     * stream time or before, so at most its eviction comes later, and its earlier time-ordered entry is
     * dropped by the scan that reaches it (its last-seen time is then later, or gone).
     */
    void enter(final String model, final long streamTime) {
        put(model, streamTime, streamTime);
    }

    /** Writes {@code model}'s two entries, reading nothing: time-ordered at {@code byTime}, last seen at {@code lastSeen}. */
    private void put(final String model, final long byTime, final long lastSeen) {
        store.put(byTimeKey(byTime, model), NOTHING);
        store.put(lastSeenKey(model), encode(lastSeen));
    }

    /** The time-ordered entries the scans of this instance have read so far: what finding idle models has cost. */
    long visited() {
        return visited;
    }

    private static Bytes lastSeenKey(final String model) {
        final byte[] id = model.getBytes(StandardCharsets.UTF_8);
        final byte[] key = new byte[1 + id.length];
        key[0] = LAST_SEEN;
        System.arraycopy(id, 0, key, 1, id.length);
        return Bytes.wrap(key);
    }

    private static Bytes byTimeKey(final long time, final String model) {
        final byte[] id = model.getBytes(StandardCharsets.UTF_8);
        return Bytes.wrap(ByteBuffer.allocate(9 + id.length)
                .put(BY_TIME)
                .putLong(time ^ Long.MIN_VALUE)
                .put(id)
                .array());
    }

    /** The key before every time-ordered entry at {@code time} or later, and after every earlier one. */
    private static Bytes byTimeBound(final long time) {
        return Bytes.wrap(ByteBuffer.allocate(9)
                .put(BY_TIME)
                .putLong(time ^ Long.MIN_VALUE)
                .array());
    }

    private static String modelOf(final byte[] byTimeKey) {
        return new String(Arrays.copyOfRange(byTimeKey, 9, byTimeKey.length), StandardCharsets.UTF_8);
    }

    private static byte[] encode(final long time) {
        return ByteBuffer.allocate(8).putLong(time).array();
    }

    private static long time(final byte[] bytes, final int offset) {
        return ByteBuffer.wrap(bytes, offset, 8).getLong();
    }
}
