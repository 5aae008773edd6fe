package io.onlinelearner.topology;

import io.onlinelearner.labels.AgeIndex;
import io.onlinelearner.labels.Changes;
import io.onlinelearner.labels.ModelLabels;
import io.onlinelearner.labels.PendingView;
import io.onlinelearner.labels.Remembered;
import io.onlinelearner.serde.PendingFormat;
import io.onlinelearner.serde.PendingKeys;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A task's remembered requests in its Kafka Streams store ({@link Names#LABELS_STORE}): the
 * {@link PendingView} the pure {@link io.onlinelearner.labels.LabelJoiner} reads, and the one
 * place its {@link Changes} are written, in the key layout of {@link PendingFormat}.
 *
 * <p>The store holds one key per request (and per model its counts and window). The two age orders
 * the join needs (the task's, for the ttl, and each model's, for {@code max-pending}) are an
 * {@link AgeIndex} in memory, built from the store's requests by {@link #load()} at every
 * (re)initialisation of the task and changed with every write, so it always names exactly the
 * requests stored: after a crash, a failover or a restore it is built again from what the changelog
 * restored. The age-index keys that earlier versions wrote ({@code o}, {@code t}) are deleted with
 * the first write after loading.
 *
 * <p>Each model's counts and served-loss window are also kept as values in {@link RecentLabels}
 * once read or written, so a busy model's request or label does not read and decode its window
 * again; that copy is dropped at every load, and whenever a write fails part way.
 */
final class PendingStore implements PendingView {

    private static final Logger LOG = LoggerFactory.getLogger(PendingStore.class);

    private static final Bytes REQUESTS_START = Bytes.wrap(new byte[] {PendingKeys.REQUEST});
    private static final Bytes REQUESTS_END = Bytes.wrap(new byte[] {PendingKeys.REQUEST + 1});

    /** A held request's weight beyond its features, in units of 8 bytes (an estimate of its objects). */
    static final long REQUEST_WEIGHT = 40;
    /** A model's held counts' weight, in units of 8 bytes. */
    static final long COUNTS_WEIGHT = 4;

    private final LabelsStore store;
    private final int window;
    private final AgeIndex ages = new AgeIndex();
    private final RecentLabels recent = new RecentLabels();
    private final List<Bytes> legacy = new ArrayList<>();

    /**
     * The requests in {@code store}, loaded ({@link #load()}).
     *
     * @param window the served-loss window of {@code learner.labels.window}
     */
    PendingStore(final LabelsStore store, final int window) {
        this.store = store;
        this.window = window;
        load();
    }

    /**
     * Adds a stored request to the age index; one this build cannot read (a later format, corrupt
     * bytes) is left out with a warning instead of failing the task at every start: it stays in the
     * store and in its model's count, never expires, and a label for it is unknown.
     */
    private void index(final byte[] key, final byte[] value) {
        final String model = PendingKeys.requestModel(key);
        try {
            ages.add(model, PendingFormat.request(value));
        } catch (RuntimeException e) {
            LOG.warn("A remembered request of model '{}' cannot be read and is left out: {}", model, e.toString());
        }
    }

    /**
     * Builds the age index from the requests in the store and drops the models' bookkeeping held in
     * memory; notes the keys of an earlier layout's age index, to delete with the next write.
     */
    void load() {
        ages.clear();
        recent.clear();
        legacy.clear();
        store.writeHeld();
        try (KeyValueIterator<Bytes, byte[]> requests = store.range(REQUESTS_START, REQUESTS_END)) {
            while (requests.hasNext()) {
                final KeyValue<Bytes, byte[]> next = requests.next();
                index(next.key.get(), next.value);
            }
        }
        for (final byte kind : new byte[] {PendingKeys.BY_MODEL, PendingKeys.BY_TIME}) {
            try (KeyValueIterator<Bytes, byte[]> keys =
                    store.range(Bytes.wrap(new byte[] {kind}), Bytes.wrap(new byte[] {(byte) (kind + 1)}))) {
                keys.forEachRemaining(entry -> legacy.add(entry.key));
            }
        }
    }

    @Override
    public Remembered get(final String model, final String idJson) {
        if (!ages.contains(model, idJson)) {
            return null;
        }
        return store.read(Bytes.wrap(PendingKeys.requestKey(model, idJson)), Remembered.class, PendingFormat::request);
    }

    @Override
    public List<Remembered> oldest(final String model, final int n) {
        final List<Remembered> oldest = new ArrayList<>();
        for (final String id : ages.oldest(model, n)) {
            oldest.add(get(model, id));
        }
        return oldest;
    }

    @Override
    public List<Remembered> all(final String model) {
        return oldest(model, Integer.MAX_VALUE);
    }

    @Override
    public List<Entry> olderThan(final long bound) {
        final List<Entry> older = new ArrayList<>();
        for (final AgeIndex.Request request : ages.olderThan(bound)) {
            older.add(new Entry(request.model(), get(request.model(), request.idJson())));
        }
        return older;
    }

    @Override
    public ModelLabels labels(final String model) {
        final ModelLabels held = recent.get(model);
        if (held != null) {
            return held;
        }
        final ModelLabels stored = PendingFormat.labels(key -> store.get(Bytes.wrap(key)), model, window);
        if (stored != null) {
            recent.put(model, stored);
        }
        return stored;
    }

    /**
     * Writes {@code changes}: forgotten requests first, then remembered ones, then the models'
     * counts, and the window only of the models whose window changed; the age index follows each
     * request written. The models' bookkeeping is held as written once every write is done; if one
     * fails, the index is built again from the store and no bookkeeping is held.
     */
    void apply(final Changes changes) {
        try {
            write(changes);
        } catch (RuntimeException failure) {
            load();
            throw failure;
        }
        changes.labels().forEach((model, labels) -> {
            if (labels == null) {
                recent.forget(model);
            } else {
                recent.put(model, labels);
            }
        });
    }

    private void write(final Changes changes) {
        legacy.forEach(store::delete);
        legacy.clear();
        for (final Entry entry : changes.forgotten()) {
            final Bytes key = Bytes.wrap(
                    PendingKeys.requestKey(entry.model(), entry.request().idJson()));
            store.delete(key);
            ages.remove(entry.model(), entry.request());
        }
        for (final Entry entry : changes.remembered()) {
            final Remembered request = entry.request();
            final Bytes key = Bytes.wrap(PendingKeys.requestKey(entry.model(), request.idJson()));
            final long weight = REQUEST_WEIGHT + 2L * request.features().size();
            store.hold(key, request, PendingFormat::request, weight, !ages.contains(entry.model(), request.idJson()));
            ages.add(entry.model(), request);
        }
        changes.labels().forEach((model, labels) -> {
            final Bytes counts = Bytes.wrap(PendingKeys.countsKey(model));
            final Bytes served = Bytes.wrap(PendingKeys.windowKey(model));
            if (labels == null) {
                store.delete(counts);
                store.delete(served);
                store.delete(Bytes.wrap(PendingKeys.labelsKey(model)));
                return;
            }
            store.hold(counts, labels, PendingFormat::counts, COUNTS_WEIGHT, false);
            if (changes.windows().contains(model)) {
                store.hold(
                        served,
                        labels.served(),
                        PendingFormat::window,
                        labels.served().footprint(),
                        false);
            }
        });
    }
}
