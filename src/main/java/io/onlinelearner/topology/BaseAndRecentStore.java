package io.onlinelearner.topology;

import io.onlinelearner.learner.ModelState;
import io.onlinelearner.serde.ModelStateSerde;
import io.onlinelearner.serde.RecentEntries;
import io.onlinelearner.stopping.Weights;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.internals.WrappedStateStore;

/**
 * The model states as the bytes of Kafka Streams' store (metered, changelogged, RocksDB) under
 * {@link ModelStateStore}: a model's state in full ({@link ModelStateSerde}) under its id's UTF-8
 * bytes, and for a hashed model the entries it changed since then ({@link RecentEntries}) under the
 * same bytes followed by {@code 0xFF}, a byte that no UTF-8 text holds. A hashed model that has
 * touched thousands of indices so writes, at each commit, the tens of entries its records changed
 * since its last full write (its <em>base</em>), not all of them: recent entries are rewritten at
 * each write, and folded into a new base, written in full, once their bytes reach the geometric
 * mean of {@value #FOLD_BYTES} bytes and the base's, or the base's own size ({@link #due}); a base
 * under {@value #MIN_BASE_BYTES} bytes is always written whole. The base
 * and its recent entries are in the same changelog partition, written in order within the
 * commit's transaction; recent entries name their base and apply to it only, so a base written
 * later never takes older recent entries (docs/exactly-once.md).
 *
 * <p>To know what a state changed, the layer keeps for each hashed model it wrote over a base of
 * at least {@value #MIN_BASE_BYTES} bytes the state that the store then held, as the very
 * (immutable) object, with its base's name and recent indices: a bounded, least recently written
 * set ({@link HeldBound}, shared fairly with the instance's other stores, which may have it let go
 * of what it keeps above its share from their threads, under its lock), dropped whenever the
 * store below may change without it ({@link #init}, {@link #clearCache()}, {@link #close()},
 * after which the store is restored from the changelog). A model it does not keep is written in
 * full, and its recent entries, if its base is large enough to have any, deleted. Only writes,
 * which only the stream thread makes, add to that set; reads from any thread read the store
 * below ({@link BaseIterator} for scans). Dense models are always written in full.
 */
final class BaseAndRecentStore extends WrappedStateStore<KeyValueStore<Bytes, byte[]>, Bytes, byte[]>
        implements KeyValueStore<String, ModelState> {

    /** The least size, in bytes, at which recent entries are folded into their base ({@link #due}). */
    static final int FOLD_BYTES = 1024;

    /**
     * The least base, in bytes, over which recent entries are written, and looked for: a smaller
     * model is written whole, at about the cost of recent entries, and read with one lookup.
     */
    static final int MIN_BASE_BYTES = 4096;

    private static final byte RECENT = (byte) 0xFF;

    private final ModelStateSerde serde;
    private final HeldBound kept;
    private final Object lock = new Object();
    private final WeighedEntries<Written> written;
    private final HeldBound.Holder holder = this::trimTo;

    /** The layer over {@code below}, keeping the states it wrote within {@code kept}, a bound the instance's tasks may share. */
    BaseAndRecentStore(final KeyValueStore<Bytes, byte[]> below, final ModelStateSerde serde, final HeldBound kept) {
        super(below);
        this.serde = serde;
        this.kept = kept;
        this.written = new WeighedEntries<>(kept, BaseAndRecentStore::weight);
    }

    /**
     * What the store holds for a hashed model this layer wrote.
     *
     * @param state  the state it holds, base and recent entries together
     * @param base   the name of its base
     * @param recent the indices of its recent entries, or null when it has none
     */
    private record Written(ModelState state, RecentEntries.Base base, int[] recent) {}

    /**
     * True when recent entries of {@code recentBytes} over a base of {@code baseBytes} are due to
     * be folded into it: once they reach the base's size or the geometric mean of {@value
     * #FOLD_BYTES} and the base's, whichever is smaller. Recent entries are rewritten at each write
     * and the base at each fold, so this keeps the bytes written per write near the square root
     * of the base's size instead of the base's size.
     */
    static boolean due(final int recentBytes, final int baseBytes) {
        return recentBytes >= Math.min(baseBytes, Math.sqrt((double) FOLD_BYTES * baseBytes));
    }

    @Override
    public ModelState get(final String id) {
        Objects.requireNonNull(id, "id");
        final byte[] base = wrapped().get(key(id));
        return base == null ? null : read(id, base);
    }

    /** Writes {@code state} as recent entries over its base when that is possible and not due, else in full. */
    @Override
    public void put(final String id, final ModelState state) {
        Objects.requireNonNull(id, "id");
        if (state == null) {
            delete(id);
            return;
        }
        final Written before = forget(id);
        if (!(state.live().weights() instanceof Weights.Sparse)) {
            wrapped().put(key(id), serde.serialize(null, state));
            return;
        }
        final int[] indices = before == null
                ? null
                : RecentEntries.changed(before.state(), state, before.recent() == null ? new int[0] : before.recent());
        if (indices != null) {
            final byte[] recent = RecentEntries.write(state, indices, before.base());
            if (!due(recent.length, before.base().length())) {
                wrapped().put(recentKey(id), recent);
                keep(id, new Written(state, before.base(), indices));
                return;
            }
        }
        final byte[] base = serde.serialize(null, state);
        wrapped().put(key(id), base);
        if (before == null
                ? base.length >= MIN_BASE_BYTES && wrapped().get(recentKey(id)) != null
                : before.recent() != null) {
            wrapped().delete(recentKey(id));
        }
        if (base.length >= MIN_BASE_BYTES) {
            keep(id, new Written(state, RecentEntries.Base.of(base), null));
        }
    }

    @Override
    public ModelState putIfAbsent(final String id, final ModelState state) {
        final ModelState existing = get(id);
        if (existing == null) {
            put(id, state);
        }
        return existing;
    }

    @Override
    public void putAll(final List<KeyValue<String, ModelState>> entries) {
        entries.forEach(entry -> put(entry.key, entry.value));
    }

    /** Deletes the model's base and, when it has some, its recent entries; answers the state they held. */
    @Override
    public ModelState delete(final String id) {
        Objects.requireNonNull(id, "id");
        forget(id);
        final byte[] base = wrapped().delete(key(id));
        if (base == null) {
            return null;
        }
        final ModelState state = serde.deserialize(null, base);
        final byte[] recent =
                state.live().weights() instanceof Weights.Sparse ? wrapped().get(recentKey(id)) : null;
        if (recent != null) {
            wrapped().delete(recentKey(id));
        }
        return RecentEntries.over(state, base, recent);
    }

    @Override
    public KeyValueIterator<String, ModelState> range(final String from, final String to) {
        return new BaseIterator(
                wrapped().range(from == null ? null : key(from), to == null ? null : key(to)), this::read);
    }

    @Override
    public KeyValueIterator<String, ModelState> all() {
        return new BaseIterator(wrapped().all(), this::read);
    }

    /** The store below's estimate, which counts recent entries as entries too. */
    @Override
    public long approximateNumEntries() {
        return wrapped().approximateNumEntries();
    }

    /** Forgets what it kept, initializes the store below, and shares its bound with the instance's other open stores. */
    @Override
    public void init(final StateStoreContext context, final StateStore root) {
        forgetAll();
        super.init(context, root);
        kept.register(holder);
    }

    @Override
    public void clearCache() {
        forgetAll();
        super.clearCache();
    }

    /** Forgets what it kept and stops sharing its bound. */
    @Override
    public void close() {
        forgetAll();
        kept.deregister(holder);
        super.close();
    }

    /** The state of {@code id}, whose base is {@code base}: with its recent entries when it has some over that base. */
    private ModelState read(final String id, final byte[] base) {
        final ModelState state = serde.deserialize(null, base);
        return RecentEntries.over(state, base, recentOf(id, state, base));
    }

    /**
     * The recent entries stored for {@code id}, whose base {@code base} holds {@code state}; null for
     * a dense model, a base too small to have any, or none.
     */
    private byte[] recentOf(final String id, final ModelState state, final byte[] base) {
        return state.live().weights() instanceof Weights.Sparse && base.length >= MIN_BASE_BYTES
                ? wrapped().get(recentKey(id))
                : null;
    }

    /**
     * Keeps {@code state} as {@code id}'s, letting go of its own least recently written while over
     * its share of the bound, then has the other stores over theirs let go ({@link HeldBound#makeRoom}).
     */
    private void keep(final String id, final Written state) {
        synchronized (lock) {
            written.put(id, state);
            written.evictWhileOver(kept.share());
        }
        if (kept.over()) {
            kept.makeRoom(holder);
        }
    }

    /** Lets go of the least recently written while they weigh more than {@code share} and the bound is over; from any thread. */
    private void trimTo(final long share) {
        synchronized (lock) {
            written.evictWhileOver(share);
        }
    }

    private Written forget(final String id) {
        synchronized (lock) {
            return written.remove(id);
        }
    }

    private void forgetAll() {
        synchronized (lock) {
            written.clear();
        }
    }

    private static long weight(final Written state) {
        return StateWeight.of(state.state()) + (state.recent() == null ? 0 : state.recent().length / 2);
    }

    private static Bytes key(final String id) {
        return Bytes.wrap(id.getBytes(StandardCharsets.UTF_8));
    }

    private static Bytes recentKey(final String id) {
        final byte[] key = id.getBytes(StandardCharsets.UTF_8);
        final byte[] recent = Arrays.copyOf(key, key.length + 1);
        recent[key.length] = RECENT;
        return Bytes.wrap(recent);
    }

    /** True when {@code key} is the key of a model's recent entries. */
    static boolean isRecent(final Bytes key) {
        final byte[] bytes = key.get();
        return bytes.length > 0 && bytes[bytes.length - 1] == RECENT;
    }
}
