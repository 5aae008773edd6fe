package io.onlinelearner.topology;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;

/**
 * Values held in memory by model id against a {@link HeldBound}, least recently used first: the
 * stores' dirty and clean states ({@link ModelStateStore}) and the hashed states last written
 * ({@link BaseAndRecentStore}). It keeps their total weight and adds every change of it to the
 * bound, so that what a store holds and what the bound counts never differ. Not thread-safe: its
 * owner guards it with its own lock, and it never leaves its owner.
 *
 * @param <V> the values, immutable
 */
final class WeighedEntries<V> {

    private final LinkedHashMap<String, V> map = new LinkedHashMap<>(256, 0.75f, true);
    private final HeldBound bound;
    private final ToLongFunction<V> weigher;
    private long weight;

    /** Entries counted against {@code bound}, each weighing what {@code weigher} says. */
    WeighedEntries(final HeldBound bound, final ToLongFunction<V> weigher) {
        this.bound = bound;
        this.weigher = weigher;
    }

    /** The value of {@code key}, now its most recently used; null when none. */
    V get(final String key) {
        return map.get(key);
    }

    boolean containsKey(final String key) {
        return map.containsKey(key);
    }

    /** Holds {@code value} as {@code key}'s, the most recently used; answers the value it replaces. */
    V put(final String key, final V value) {
        final V previous = map.put(key, value);
        add(weigher.applyAsLong(value) - (previous == null ? 0 : weigher.applyAsLong(previous)));
        return previous;
    }

    /** Lets go of {@code key}'s value; answers it, or null. */
    V remove(final String key) {
        final V removed = map.remove(key);
        if (removed != null) {
            add(-weigher.applyAsLong(removed));
        }
        return removed;
    }

    /** Lets go of every value. */
    void clear() {
        map.clear();
        add(-weight);
    }

    /** Lets go of the least recently used while they weigh more than {@code share} and the bound is over. */
    void evictWhileOver(final long share) {
        final Iterator<Map.Entry<String, V>> eldest = map.entrySet().iterator();
        while (bound.over() && weight > share && eldest.hasNext()) {
            add(-weigher.applyAsLong(eldest.next().getValue()));
            eldest.remove();
        }
    }

    /** The least recently used entry, as a copy; null when none is held. */
    Map.Entry<String, V> eldest() {
        if (map.isEmpty()) {
            return null;
        }
        final Map.Entry<String, V> first = map.entrySet().iterator().next();
        return Map.entry(first.getKey(), first.getValue());
    }

    /** A copy of every entry, least recently used first. */
    List<Map.Entry<String, V>> entries() {
        final List<Map.Entry<String, V>> entries = new ArrayList<>(map.size());
        map.forEach((key, value) -> entries.add(Map.entry(key, value)));
        return entries;
    }

    /** The number of values held. */
    int size() {
        return map.size();
    }

    /** The weight of the values held. */
    long weight() {
        return weight;
    }

    private void add(final long delta) {
        weight += delta;
        bound.add(delta);
    }
}
