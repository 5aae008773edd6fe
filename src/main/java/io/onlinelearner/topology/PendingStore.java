package io.onlinelearner.topology;

import io.onlinelearner.labels.Changes;
import io.onlinelearner.labels.ModelLabels;
import io.onlinelearner.labels.PendingView;
import io.onlinelearner.labels.Remembered;
import io.onlinelearner.serde.PendingFormat;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * A task's remembered requests in its Kafka Streams store ({@link Names#LABELS_STORE}): the
 * {@link PendingView} the pure {@link io.onlinelearner.labels.LabelJoiner} reads, and the one
 * place its {@link Changes} are written, in the key layout of {@link PendingFormat}.
 *
 * <p>It keeps in memory a timestamp at or below the oldest remembered one of the task, so that
 * the expiry check before every record reads the store only when the stream time has passed it
 * by the ttl: remembering an older request lowers it, forgetting one leaves it (the oldest can only
 * get younger), and a read sets it to the oldest found. It is read from the store again after
 * {@link #forgetCachedTimes()} (a task's (re)initialisation). That read seeks to a key known to be at or below the
 * oldest remembered one (the oldest seen by the last read, or the key of an older request
 * remembered since), not to the start of the age index: the forgotten requests' keys before it are deleted
 * entries that RocksDB (and the record cache) would otherwise step over one by one on every read,
 * until a compaction drops them, which made every join cost as much as all the joins before it.
 * For the same reason a model's age index is read from where its last read found the oldest
 * (lowered when an older request is remembered), for the models that have been read there: those
 * over {@code max-pending}, whose oldest request is pushed out by every new one.
 */
final class PendingStore implements PendingView {

    /** The first key after the age index: no key has this kind byte. */
    private static final Bytes BY_TIME_END = Bytes.wrap(new byte[] {PendingFormat.BY_TIME + 1});

    private final KeyValueStore<Bytes, byte[]> store;
    private final int window;
    private boolean earliestKnown;
    private long earliest;
    private byte[] floor = PendingFormat.byTimePrefix();
    private final Map<String, byte[]> modelFloors = new HashMap<>();

    /**
     * @param window the served-loss window of {@code learner.labels.window}
     */
    PendingStore(final KeyValueStore<Bytes, byte[]> store, final int window) {
        this.store = store;
        this.window = window;
    }

    /** Drops the in-memory oldest timestamp and where reads by age start, to be read from the store again. */
    void forgetCachedTimes() {
        earliestKnown = false;
        floor = PendingFormat.byTimePrefix();
        modelFloors.clear();
    }

    @Override
    public Remembered get(final String model, final String idJson) {
        final byte[] value = store.get(Bytes.wrap(PendingFormat.requestKey(model, idJson)));
        return value == null ? null : PendingFormat.request(value);
    }

    @Override
    public List<Remembered> oldest(final String model, final int n) {
        final List<Remembered> oldest = new ArrayList<>();
        final byte[] from = modelFloors.getOrDefault(model, PendingFormat.byModelPrefix(model));
        try (KeyValueIterator<Bytes, byte[]> ids =
                store.range(Bytes.wrap(from), Bytes.wrap(PendingFormat.byModelLast(model)))) {
            while (oldest.size() < n && ids.hasNext()) {
                final KeyValue<Bytes, byte[]> next = ids.next();
                if (oldest.isEmpty()) {
                    modelFloors.put(model, next.key.get());
                }
                oldest.add(get(model, PendingFormat.id(next.value)));
            }
        }
        return oldest;
    }

    @Override
    public List<Remembered> all(final String model) {
        return oldest(model, Integer.MAX_VALUE);
    }

    @Override
    public List<Entry> olderThan(final long bound) {
        if (earliestKnown && earliest >= bound) {
            return List.of();
        }
        final List<Entry> older = new ArrayList<>();
        earliest = Long.MAX_VALUE;
        try (KeyValueIterator<Bytes, byte[]> byTime = store.range(Bytes.wrap(floor), BY_TIME_END)) {
            boolean first = true;
            while (byTime.hasNext()) {
                final KeyValue<Bytes, byte[]> next = byTime.next();
                if (first) {
                    floor = next.key.get();
                    first = false;
                }
                final long timestamp = PendingFormat.byTimeTimestamp(next.key.get());
                if (timestamp >= bound) {
                    earliest = timestamp;
                    break;
                }
                final String[] entry = PendingFormat.entry(next.value);
                older.add(new Entry(entry[0], get(entry[0], entry[1])));
            }
        }
        earliestKnown = older.isEmpty();
        return older;
    }

    @Override
    public ModelLabels labels(final String model) {
        return PendingFormat.labels(key -> store.get(Bytes.wrap(key)), model, window);
    }

    /**
     * Writes {@code changes}: forgotten requests first, then remembered ones, then the models'
     * counts, and the window only of the models whose window changed.
     */
    void apply(final Changes changes) {
        for (final Entry entry : changes.forgotten()) {
            final Remembered request = entry.request();
            store.delete(Bytes.wrap(PendingFormat.requestKey(entry.model(), request.idJson())));
            store.delete(Bytes.wrap(PendingFormat.byModelKey(entry.model(), request)));
            store.delete(Bytes.wrap(PendingFormat.byTimeKey(request)));
        }
        for (final Entry entry : changes.remembered()) {
            final Remembered request = entry.request();
            store.put(
                    Bytes.wrap(PendingFormat.requestKey(entry.model(), request.idJson())),
                    PendingFormat.request(request));
            final byte[] byModel = PendingFormat.byModelKey(entry.model(), request);
            store.put(Bytes.wrap(byModel), PendingFormat.id(request));
            final byte[] modelFloor = modelFloors.get(entry.model());
            if (modelFloor != null && Arrays.compareUnsigned(byModel, modelFloor) < 0) {
                modelFloors.put(entry.model(), byModel);
            }
            final byte[] byTime = PendingFormat.byTimeKey(request);
            store.put(Bytes.wrap(byTime), PendingFormat.entry(entry.model(), request));
            if (Arrays.compareUnsigned(byTime, floor) < 0) {
                floor = byTime;
            }
            if (earliestKnown) {
                earliest = Math.min(earliest, request.timestamp());
            }
        }
        changes.labels().forEach((model, labels) -> {
            final Bytes counts = Bytes.wrap(PendingFormat.countsKey(model));
            final Bytes served = Bytes.wrap(PendingFormat.windowKey(model));
            if (labels == null) {
                modelFloors.remove(model);
                store.delete(counts);
                store.delete(served);
                store.delete(Bytes.wrap(PendingFormat.labelsKey(model)));
                return;
            }
            store.put(counts, PendingFormat.counts(labels));
            if (changes.windows().contains(model)) {
                store.put(served, PendingFormat.window(labels.served()));
            }
        });
    }
}
