package io.onlinelearner.topology;

import io.onlinelearner.labels.ModelLabels;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The label bookkeeping ({@link ModelLabels}: counts and served-loss window) each recently seen
 * model was last read or written with, as the value objects themselves: a hit spares the two
 * store reads and the decoding of a window of up to {@code learner.labels.window} losses that
 * every request and every label of a model would otherwise cost.
 *
 * <p>It is a read-through copy of the store, never a source of truth: {@link PendingStore} fills it
 * only after a read or a completed write, and clears it whenever the task is (re)initialised or a
 * write fails part way. Least recently used entries go first once their weight exceeds the bound,
 * so memory stays bounded whatever the number of models. One instance per task; not thread-safe.
 */
final class RecentLabels {

    /** The most weight held: 4 MiB in units of 8 bytes. */
    static final long MAX_WEIGHT = 1L << 19;
    /** An entry's cost beyond its losses (map entry, key, value objects, array header), in units of 8 bytes. */
    static final long ENTRY_WEIGHT = 24;

    private final long maxWeight;
    private final LinkedHashMap<String, ModelLabels> labels = new LinkedHashMap<>(256, 0.75f, true);
    private long weight;

    /** An empty cache of at most {@link #MAX_WEIGHT}. */
    RecentLabels() {
        this(MAX_WEIGHT);
    }

    /** An empty cache of at most {@code maxWeight}, in units of 8 bytes. */
    RecentLabels(final long maxWeight) {
        this.maxWeight = maxWeight;
    }

    /** {@code model}'s bookkeeping as last read or written, or null when not held. */
    ModelLabels get(final String model) {
        return labels.get(model);
    }

    /** Holds {@code value} as {@code model}'s bookkeeping now, evicting the least recent if needed. */
    void put(final String model, final ModelLabels value) {
        final ModelLabels previous = labels.put(model, value);
        weight += weight(value) - (previous == null ? 0 : weight(previous));
        final Iterator<Map.Entry<String, ModelLabels>> eldest =
                labels.entrySet().iterator();
        while (weight > maxWeight && eldest.hasNext()) {
            weight -= weight(eldest.next().getValue());
            eldest.remove();
        }
    }

    /** Forgets {@code model}: its next read goes to the store. */
    void forget(final String model) {
        final ModelLabels removed = labels.remove(model);
        if (removed != null) {
            weight -= weight(removed);
        }
    }

    /** Forgets everything. */
    void clear() {
        labels.clear();
        weight = 0;
    }

    /** The number of models held. */
    int size() {
        return labels.size();
    }

    private static long weight(final ModelLabels value) {
        return value.served().footprint() + ENTRY_WEIGHT;
    }
}
