package io.onlinelearner.http;

import io.onlinelearner.store.KeyOrder;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One page of a listing by model id ({@link KeyOrder#UTF8}): at most a limit of items after a
 * given id, and whether more follow. A page is read from sorted sources (a store partition, an
 * instance) without reading past what it needs, and pages of several sources merge into one, so
 * listing costs the page's size times the number of sources, not the number of models.
 *
 * @param items the items, in id order
 * @param more  true when items follow the last one
 * @param <V>   an item's value
 */
public record Page<V>(List<Map.Entry<String, V>> items, boolean more) {

    /** A copy of the items. */
    public Page {
        items = List.copyOf(items);
    }

    /**
     * The first {@code limit} items of {@code sorted} (in id order) whose id follows {@code after}
     * (null: from the first); reads at most {@code limit + 1} items past {@code after}.
     */
    static <V> Page<V> of(final Iterator<? extends Map.Entry<String, V>> sorted, final String after, final int limit) {
        final List<Map.Entry<String, V>> items = new ArrayList<>(Math.min(limit, 1024));
        while (sorted.hasNext()) {
            final Map.Entry<String, V> item = sorted.next();
            if (after != null && KeyOrder.UTF8.compare(item.getKey(), after) <= 0) {
                continue;
            }
            if (items.size() == limit) {
                return new Page<>(items, true);
            }
            items.add(Map.entry(item.getKey(), item.getValue()));
        }
        return new Page<>(items, false);
    }

    /**
     * The first {@code limit} items of the {@code parts}, pages of several sources read with the
     * same {@code after} and {@code limit}; an id in several parts keeps the first part's item.
     * More follow when items were left out, or when a part had more than it gave.
     */
    static <V> Page<V> merge(final List<Page<V>> parts, final int limit) {
        final TreeMap<String, V> all = new TreeMap<>(KeyOrder.UTF8);
        boolean more = false;
        for (final Page<V> part : parts) {
            part.items().forEach(item -> all.putIfAbsent(item.getKey(), item.getValue()));
            more |= part.more();
        }
        final List<Map.Entry<String, V>> items = new ArrayList<>(Math.min(limit, all.size()));
        for (final Map.Entry<String, V> item : all.entrySet()) {
            if (items.size() == limit) {
                return new Page<>(items, true);
            }
            items.add(Map.entry(item.getKey(), item.getValue()));
        }
        return new Page<>(items, more);
    }

    /** The last item's id, or null for an empty page. */
    String lastId() {
        return items.isEmpty() ? null : items.get(items.size() - 1).getKey();
    }
}
