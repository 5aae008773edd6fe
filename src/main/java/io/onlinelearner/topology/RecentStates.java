package io.onlinelearner.topology;

import io.onlinelearner.learner.ModelState;
import io.onlinelearner.learner.Moments;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The last state each recently trained model was written with, as the very {@link ModelState}
 * object the processor put into the store: a hit spares the store's lookup and the
 * deserialization of a value this task itself serialized a moment ago. The processor writes a
 * training step over the arrays of the state it got from here, and forgets the model when that
 * step is rejected, so what is held is always what the store holds.
 *
 * <p>It is a read-through copy of the store, never a source of truth: the processor fills it only
 * after a successful {@code put}, and clears it whenever Kafka Streams (re)initializes or closes
 * the task (after a crash or a revival under exactly-once the store is restored from the
 * changelog, and anything held here may be ahead of it). Least recently used entries go first once
 * their weight exceeds {@link #MAX_WEIGHT}, so memory stays bounded (about 2 MiB per task) whatever
 * the number of models. One instance per processor; not thread-safe.
 */
final class RecentStates {

    /** The most weight held: 2 MiB in units of 8 bytes. */
    static final long MAX_WEIGHT = 1L << 18;
    /** An entry's cost beyond its arrays (map entry, key, state objects, array headers), in units of 8 bytes. */
    static final long ENTRY_WEIGHT = 40;

    private final long maxWeight;
    private final LinkedHashMap<String, ModelState> states = new LinkedHashMap<>(256, 0.75f, true);
    private long weight;

    /** An empty cache of at most {@link #MAX_WEIGHT}. */
    RecentStates() {
        this(MAX_WEIGHT);
    }

    /** An empty cache of at most {@code maxWeight}, in units of 8 bytes. */
    RecentStates(final long maxWeight) {
        this.maxWeight = maxWeight;
    }

    /** The state last written for {@code model}, or null when not held. */
    ModelState get(final String model) {
        return states.get(model);
    }

    /** Remembers {@code state} as the one just written for {@code model}, evicting the least recent if needed. */
    void put(final String model, final ModelState state) {
        final ModelState previous = states.put(model, state);
        weight += weight(state) - (previous == null ? 0 : weight(previous));
        final Iterator<Map.Entry<String, ModelState>> eldest = states.entrySet().iterator();
        while (weight > maxWeight && eldest.hasNext()) {
            weight -= weight(eldest.next().getValue());
            eldest.remove();
        }
    }

    /** Forgets {@code model}'s state: the next read goes to the store. */
    void forget(final String model) {
        final ModelState removed = states.remove(model);
        if (removed != null) {
            weight -= weight(removed);
        }
    }

    /** Forgets everything. */
    void clear() {
        states.clear();
        weight = 0;
    }

    /** The number of models held. */
    int size() {
        return states.size();
    }

    /**
     * What holding {@code state} costs, in units of 8 bytes: its doubles (and a hashed model's
     * indices, 4 bytes each, and kept texts, counted as 4 units each) plus {@link #ENTRY_WEIGHT}.
     */
    static long weight(final ModelState state) {
        final long checkpoints =
                (state.frozen() != null ? 1 : 0) + (state.stopping().snapshot() != null ? 1 : 0);
        final long parameters = state.live().weights().size();
        if (state.moments() instanceof Moments dense) {
            return (3 + checkpoints) * parameters + dense.vmax().length() + ENTRY_WEIGHT;
        }
        return (1 + checkpoints) * parameters * 3 / 2
                + state.moments().size() * 5L / 2
                + 4L * state.names().size()
                + ENTRY_WEIGHT;
    }
}
