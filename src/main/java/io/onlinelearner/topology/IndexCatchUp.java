package io.onlinelearner.topology;

import io.onlinelearner.learner.ModelState;
import io.onlinelearner.store.ReadableEntries;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Brings a task's idle index ({@link IdleIndex}) in line with its model store a bounded amount of
 * work per record, so that no record's transaction holds a pass over millions of models (Kafka
 * Streams aborts a transaction open longer than {@code transaction.timeout.ms}, 10 s under
 * exactly-once, and the task would then meet the same pass again at every restart). Where it is
 * stands in the index store itself, in one control entry ({@code 'c'}: a phase and the key it has
 * reached), so that a restart or a crash goes on from the last commit:
 *
 * <ul>
 *   <li><b>clearing</b>: the index holds entries nobody kept up to date (idle eviction was off);
 *       {@link #step} deletes up to {@code chunk} of them a record;
 *   <li><b>entering</b>: the stored models enter the index as seen at the stream time of the record
 *       that enters them, {@code chunk} a record, in key order ({@link IdleIndex#enter}: no read, so a
 *       model that had a record meanwhile counts as seen when it enters).
 * </ul>
 *
 * No control entry means the index is up to date, or empty: then, with eviction on, the stored
 * models start entering it. The same inputs always take the same steps, so a replay after a crash
 * writes what the first run did.
 */
final class IndexCatchUp {

    /** The entries or models one record handles at most while the index catches up. */
    static final int CHUNK = 10_000;

    private static final Bytes CONTROL = Bytes.wrap(new byte[] {'c'});
    private static final byte CLEARING = 1;
    private static final byte ENTERING = 2;

    private final KeyValueStore<Bytes, byte[]> indexStore;
    private final IdleIndex idle;
    private final KeyValueStore<String, ModelState> models;
    private final int chunk;
    private long cleared;
    private long entered;

    /**
     * @param models the task's model states; null with idle eviction off, where the index is only emptied
     */
    IndexCatchUp(
            final KeyValueStore<Bytes, byte[]> indexStore,
            final IdleIndex idle,
            final KeyValueStore<String, ModelState> models,
            final int chunk) {
        this.indexStore = indexStore;
        this.idle = idle;
        this.models = models;
        this.chunk = chunk;
    }

    /** What a step found the index to be in. */
    enum Phase {
        /** Up to date: nothing left to do. */
        DONE,
        /** Entries kept by nobody are being deleted: the index cannot tell idle models yet. */
        CLEARING,
        /** Stored models are entering the index: those already in it can be evicted. */
        ENTERING
    }

    /**
     * With idle eviction off: deletes up to {@code chunk} entries; {@link Phase#DONE} once the index is
     * empty, with no control entry left.
     */
    Phase emptyStep() {
        final byte[] control = indexStore.get(CONTROL);
        if (control == null && !idle.hasEntries()) {
            return Phase.DONE;
        }
        return clearStep(control != null && control[0] == CLEARING ? cursor(control) : null, Phase.DONE);
    }

    /**
     * With idle eviction on: one step of what the control entry says; with none, starts entering the
     * stored models when the index is empty (they were stored before eviction was on). Returns the
     * phase the index is in after the step.
     */
    Phase step(final long streamTime) {
        final byte[] control = indexStore.get(CONTROL);
        if (control == null) {
            if (idle.hasEntries()) {
                return Phase.DONE;
            }
            return enterStep(null, streamTime);
        }
        final byte[] cursor = cursor(control);
        if (control[0] == CLEARING) {
            return clearStep(cursor, Phase.ENTERING);
        }
        return enterStep(cursor == null ? null : new String(cursor, StandardCharsets.UTF_8), streamTime);
    }

    /** The entries the steps of this instance deleted. */
    long cleared() {
        return cleared;
    }

    /** The stored models the steps of this instance entered. */
    long entered() {
        return entered;
    }

    private Phase clearStep(final byte[] after, final Phase next) {
        final List<Bytes> deleted = idle.clearSome(after == null ? null : Bytes.wrap(after), chunk);
        cleared += deleted.size();
        if (deleted.size() == chunk) {
            indexStore.put(CONTROL, control(CLEARING, deleted.get(chunk - 1).get()));
            return Phase.CLEARING;
        }
        if (next == Phase.DONE) {
            delete();
            return Phase.DONE;
        }
        indexStore.put(CONTROL, new byte[] {ENTERING});
        return Phase.ENTERING;
    }

    private Phase enterStep(final String after, final long streamTime) {
        final List<String> batch = new ArrayList<>(Math.min(chunk, 1024));
        try (KeyValueIterator<String, ModelState> stored = after == null ? models.all() : models.range(after, null)) {
            final ReadableEntries<ModelState> readable = new ReadableEntries<>(stored, unreadable -> {});
            while (batch.size() < chunk && readable.hasNext()) {
                final Map.Entry<String, ModelState> entry = readable.next();
                if (!entry.getKey().equals(after)) {
                    batch.add(entry.getKey());
                }
            }
        }
        batch.forEach(model -> idle.enter(model, streamTime));
        entered += batch.size();
        if (batch.size() == chunk) {
            indexStore.put(
                    CONTROL, control(ENTERING, batch.get(batch.size() - 1).getBytes(StandardCharsets.UTF_8)));
            return Phase.ENTERING;
        }
        delete();
        return Phase.DONE;
    }

    private void delete() {
        if (indexStore.get(CONTROL) != null) {
            indexStore.delete(CONTROL);
        }
    }

    private static byte[] control(final byte phase, final byte[] cursor) {
        final byte[] value = new byte[1 + cursor.length];
        value[0] = phase;
        System.arraycopy(cursor, 0, value, 1, cursor.length);
        return value;
    }

    /** The key a control entry has reached; null when it is at the start. */
    private static byte[] cursor(final byte[] control) {
        return control.length == 1 ? null : Arrays.copyOfRange(control, 1, control.length);
    }
}
