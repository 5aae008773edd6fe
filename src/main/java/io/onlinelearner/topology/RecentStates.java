package io.onlinelearner.topology;

import io.onlinelearner.learner.ModelState;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The last state each recently trained model was written with, as the very {@link ModelState}
 * object the processor put into the store: a hit spares the store's lookup and the
 * deserialization of a value this task itself serialized a moment ago. States are immutable
 * values, so handing the cached object out again is the same as reading the store.
 *
 * <p>It is a read-through copy of the store, never a source of truth: the processor fills it only
 * after a successful {@code put}, and clears it whenever Kafka Streams (re)initializes or closes
 * the task (after a crash or a revival under exactly-once the store is restored from the
 * changelog, and anything held here may be ahead of it). Least recently used entries go first once
 * the held doubles exceed {@link #MAX_DOUBLES}, so memory stays bounded whatever the number of
 * models. One instance per processor; not thread-safe.
 */
final class RecentStates {

    /** At most this many doubles (8 MiB) are held, counting θ, the moments and checkpoints. */
    static final long MAX_DOUBLES = 1L << 20;

    private final long maxDoubles;
    private final LinkedHashMap<String, ModelState> states = new LinkedHashMap<>(256, 0.75f, true);
    private long doubles;

    /** An empty cache holding at most {@link #MAX_DOUBLES} doubles. */
    RecentStates() {
        this(MAX_DOUBLES);
    }

    /** An empty cache holding at most {@code maxDoubles} doubles. */
    RecentStates(final long maxDoubles) {
        this.maxDoubles = maxDoubles;
    }

    /** The state last written for {@code model}, or null when not held. */
    ModelState get(final String model) {
        return states.get(model);
    }

    /** Remembers {@code state} as the one just written for {@code model}, evicting the least recent if needed. */
    void put(final String model, final ModelState state) {
        final ModelState previous = states.put(model, state);
        doubles += size(state) - (previous == null ? 0 : size(previous));
        final Iterator<Map.Entry<String, ModelState>> eldest = states.entrySet().iterator();
        while (doubles > maxDoubles && eldest.hasNext()) {
            doubles -= size(eldest.next().getValue());
            eldest.remove();
        }
    }

    /** Forgets everything. */
    void clear() {
        states.clear();
        doubles = 0;
    }

    /** The number of models held. */
    int size() {
        return states.size();
    }

    private static long size(final ModelState state) {
        final long checkpoints = (state.frozen() != null ? 1 : 0) + (state.stopping().snapshot() != null ? 1 : 0);
        return (3 + checkpoints) * (long) state.parameters().length + state.adam().vmax().length;
    }
}
