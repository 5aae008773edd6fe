package io.onlinelearner.topology;

import io.onlinelearner.learner.ModelState;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The model-state store as the processor and interactive queries see it: the outermost layer over
 * Kafka Streams' own key-value store (metered, changelogged, RocksDB; through {@link
 * BaseAndRecentStore}, which lays the states out as its bytes), which writes a busy model's state
 * into that store once per commit instead of once per record.
 *
 * <p>{@link #put} keeps the state, an immutable {@link ModelState}, as the very object it was given
 * among the <em>dirty</em> states: nothing is serialized. {@link #get} answers from the dirty states,
 * then from a bounded set of <em>clean</em> ones (equal to what the store below holds), then from the
 * store below. Before every commit Kafka Streams calls {@link #flushCache()} on its stores (it is a
 * {@code CachedStateStore}, like Kafka's own caching layer): every dirty state is then written into
 * the store below once, which sends it to the changelog within the transaction being committed, and
 * becomes clean. {@link #clearCache()}, {@link #close()} and {@link #init} drop what is held without
 * writing it: after a dirty close or a revival under exactly-once the store is restored from the
 * changelog. Restored records go straight into the store below, never through here. When the dirty
 * states of the instance's stores weigh more than their bound ({@link HeldBound}, shared by the
 * instance's tasks), this store's least recently used ones are written through early, still within
 * the open transaction. The clean ones are bounded likewise, and shared fairly: a store under its
 * share of the bound (the bound divided among the instance's open stores) keeps what it reads and
 * has the stores over their share let go of their least recently used clean states ({@link
 * HeldBound#makeRoom}), so that a task gone quiet does not keep the place of busy ones. Once at
 * its share and the bound, a store keeps only one new key in {@value #ADMIT_ONE_IN}, in place of
 * its least recently used. Models read in turn, more of them than the bound holds (a million
 * models, each seen now and then), would otherwise replace every kept state before it is read
 * again: each read would cost a map insertion and eviction for no hit. Admitting few keeps most
 * of what is kept until it is read again, and a new set of busy models still takes its place after
 * some reads.
 *
 * <p>Its two mutable maps are guarded by one lock, since
 * interactive queries read from HTTP threads while the stream thread writes; neither map, nor any
 * view of it, leaves this class. Only the thread that initialized the store (the stream thread
 * that runs its task) keeps what it reads from the store below as clean: a read from another
 * thread, racing with the task's writes or with a restoration into the store below, could
 * otherwise keep a state older than the store's. {@link #range} and {@link #all} merge a copy of the dirty states into
 * the store's own order. {@link #approximateNumEntries()} is the store below's estimate, which does
 * not count models first written since the last commit; the reverse scans, prefix scans and
 * interactive queries v2 are not answered with the dirty states and are not used by the learner.
 */
public final class ModelStateStore extends HeldWritesLayer<String, ModelState>
        implements KeyValueStore<String, ModelState> {

    /** Once the clean states are at their bound, one new key in this many is kept (the others are not). */
    static final int ADMIT_ONE_IN = 16;

    private final HeldBound dirtyBound;
    private final HeldBound cleanBound;
    private final Object lock = new Object();
    private final WeighedEntries<ModelState> dirty;
    private final WeighedEntries<ModelState> clean;
    private final HeldBound.Holder cleanHolder = this::trimClean;
    private long candidates;

    /**
     * The store over {@code below}, holding dirty and clean states within {@code dirtyBound} and
     * {@code cleanBound} ({@link StateWeight}), bounds that the instance's other tasks may share.
     */
    ModelStateStore(
            final KeyValueStore<String, ModelState> below, final HeldBound dirtyBound, final HeldBound cleanBound) {
        super(below);
        this.dirtyBound = dirtyBound;
        this.cleanBound = cleanBound;
        this.dirty = new WeighedEntries<>(dirtyBound, StateWeight::of);
        this.clean = new WeighedEntries<>(cleanBound, StateWeight::of);
    }

    @Override
    public ModelState get(final String key) {
        Objects.requireNonNull(key, "key");
        checkReadable();
        synchronized (lock) {
            final ModelState held = dirty.get(key);
            if (held != null) {
                return held;
            }
            final ModelState kept = clean.get(key);
            if (kept != null) {
                return kept;
            }
        }
        final ModelState stored = wrapped().get(key);
        if (stored != null && isOwner()) {
            synchronized (lock) {
                keepClean(key, stored);
            }
            makeRoom();
        }
        return stored;
    }

    /** Holds {@code value} as {@code key}'s dirty state, unserialized; a null value deletes. */
    @Override
    public void put(final String key, final ModelState value) {
        Objects.requireNonNull(key, "key");
        if (value == null) {
            delete(key);
            return;
        }
        final boolean over;
        synchronized (lock) {
            clean.remove(key);
            dirty.put(key, value);
            over = dirtyBound.over();
        }
        if (over) {
            writeThroughLeastRecent();
        }
    }

    @Override
    public ModelState putIfAbsent(final String key, final ModelState value) {
        final ModelState existing = get(key);
        if (existing == null) {
            put(key, value);
        }
        return existing;
    }

    @Override
    public void putAll(final List<KeyValue<String, ModelState>> entries) {
        for (final KeyValue<String, ModelState> entry : entries) {
            put(entry.key, entry.value);
        }
    }

    /** Deletes {@code key} from the store below at once (a tombstone in the open transaction), then from memory. */
    @Override
    public ModelState delete(final String key) {
        Objects.requireNonNull(key, "key");
        final ModelState held;
        synchronized (lock) {
            held = dirty.get(key);
        }
        final ModelState stored = wrapped().delete(key);
        synchronized (lock) {
            dirty.remove(key);
            clean.remove(key);
        }
        return held != null ? held : stored;
    }

    @Override
    public KeyValueIterator<String, ModelState> range(final String from, final String to) {
        checkReadable();
        return MergedStateIterator.of(dirtyBetween(from, to), wrapped().range(from, to));
    }

    @Override
    public KeyValueIterator<String, ModelState> all() {
        checkReadable();
        return MergedStateIterator.of(dirtyBetween(null, null), wrapped().all());
    }

    @Override
    public long approximateNumEntries() {
        checkReadable();
        return wrapped().approximateNumEntries();
    }

    /** Writes every dirty state into the store below once; each becomes clean. */
    @Override
    void writeHeld() {
        final List<Map.Entry<String, ModelState>> pending;
        synchronized (lock) {
            pending = dirty.entries();
        }
        for (final Map.Entry<String, ModelState> entry : pending) {
            wrapped().put(entry.getKey(), entry.getValue());
            cleaned(entry.getKey(), entry.getValue());
        }
    }

    /** The number of dirty states: written here since the last flush and not yet written through. */
    int dirtyCount() {
        synchronized (lock) {
            return dirty.size();
        }
    }

    /** Writes the least recently used dirty states into the store below until they are within their bound. */
    private void writeThroughLeastRecent() {
        while (true) {
            final Map.Entry<String, ModelState> eldest;
            synchronized (lock) {
                eldest = dirtyBound.over() ? dirty.eldest() : null;
            }
            if (eldest == null) {
                return;
            }
            wrapped().put(eldest.getKey(), eldest.getValue());
            cleaned(eldest.getKey(), eldest.getValue());
        }
    }

    /** {@code value}, just written into the store below, is clean now unless {@code key} was written since. */
    private void cleaned(final String key, final ModelState value) {
        synchronized (lock) {
            if (dirty.get(key) == value) {
                dirty.remove(key);
                keepClean(key, value);
            }
        }
        makeRoom();
    }

    /** Has the other stores over their share let go of clean states while the bound is over; takes no lock of this store's. */
    private void makeRoom() {
        if (cleanBound.over()) {
            cleanBound.makeRoom(cleanHolder);
        }
    }

    /** Lets go of the least recently used clean states while they weigh more than {@code share} and the bound is over. */
    private void trimClean(final long share) {
        synchronized (lock) {
            clean.evictWhileOver(share);
        }
    }

    private List<KeyValue<String, ModelState>> dirtyBetween(final String from, final String to) {
        final List<KeyValue<String, ModelState>> between = new ArrayList<>();
        synchronized (lock) {
            for (final Map.Entry<String, ModelState> entry : dirty.entries()) {
                if (MergedStateIterator.within(entry.getKey(), from, to)) {
                    between.add(KeyValue.pair(entry.getKey(), entry.getValue()));
                }
            }
        }
        return between;
    }

    private void keepClean(final String key, final ModelState value) {
        final long weight = StateWeight.of(value);
        final long share = cleanBound.share();
        if (!clean.containsKey(key)
                && cleanBound.wouldExceed(weight)
                && clean.weight() + weight > share
                && candidates++ % ADMIT_ONE_IN != 0) {
            return;
        }
        clean.put(key, value);
        clean.evictWhileOver(share);
    }

    /** Shares the clean states' bound with the instance's other open stores. */
    @Override
    void opened() {
        cleanBound.register(cleanHolder);
    }

    /** Stops sharing the clean states' bound: what it held was dropped. */
    @Override
    void closed() {
        cleanBound.deregister(cleanHolder);
    }

    @Override
    void dropHeld() {
        synchronized (lock) {
            dirty.clear();
            clean.clear();
        }
    }
}
