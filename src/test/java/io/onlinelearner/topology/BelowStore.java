package io.onlinelearner.topology;

import io.onlinelearner.learner.ModelState;
import io.onlinelearner.store.KeyOrder;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NoSuchElementException;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.internals.CacheFlushListener;
import org.apache.kafka.streams.state.internals.CachedStateStore;

/**
 * A fake of the store below a {@link ModelStateStore}: an in-memory map in the store's key order
 * that records every write, read, flush and close it is asked for.
 */
final class BelowStore implements KeyValueStore<String, ModelState>, CachedStateStore<String, ModelState> {

    final NavigableMap<String, ModelState> entries = new TreeMap<>(KeyOrder.UTF8);
    final List<String> writes = new ArrayList<>();
    int reads;
    int cacheFlushes;
    int cacheClears;
    boolean closed;
    Consumer<String> onRead = key -> {};

    @Override
    public void put(final String key, final ModelState value) {
        writes.add(key);
        entries.put(key, value);
    }

    @Override
    public ModelState putIfAbsent(final String key, final ModelState value) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void putAll(final List<KeyValue<String, ModelState>> list) {
        list.forEach(entry -> put(entry.key, entry.value));
    }

    @Override
    public ModelState delete(final String key) {
        writes.add("-" + key);
        return entries.remove(key);
    }

    @Override
    public ModelState get(final String key) {
        reads++;
        final ModelState stored = entries.get(key);
        onRead.accept(key);
        return stored;
    }

    @Override
    public KeyValueIterator<String, ModelState> range(final String from, final String to) {
        final NavigableMap<String, ModelState> view = from == null ? entries : entries.tailMap(from, true);
        return iterator(to == null ? view : view.headMap(to, true));
    }

    @Override
    public KeyValueIterator<String, ModelState> all() {
        return iterator(entries);
    }

    @Override
    public long approximateNumEntries() {
        return entries.size();
    }

    @Override
    public String name() {
        return Names.STORE;
    }

    @Override
    public void init(final StateStoreContext context, final StateStore root) {}

    @Override
    @SuppressWarnings("deprecation")
    public void flush() {}

    @Override
    public void close() {
        closed = true;
    }

    @Override
    public boolean persistent() {
        return true;
    }

    @Override
    public boolean isOpen() {
        return !closed;
    }

    @Override
    public boolean setFlushListener(final CacheFlushListener<String, ModelState> listener, final boolean sendOld) {
        return false;
    }

    @Override
    public void flushCache() {
        cacheFlushes++;
    }

    @Override
    public void clearCache() {
        cacheClears++;
    }

    private static KeyValueIterator<String, ModelState> iterator(final Map<String, ModelState> view) {
        final Iterator<Map.Entry<String, ModelState>> entries = new ArrayList<>(view.entrySet()).iterator();
        return new KeyValueIterator<>() {
            private Map.Entry<String, ModelState> next = entries.hasNext() ? entries.next() : null;

            @Override
            public boolean hasNext() {
                return next != null;
            }

            @Override
            public KeyValue<String, ModelState> next() {
                if (next == null) {
                    throw new NoSuchElementException();
                }
                final KeyValue<String, ModelState> current = KeyValue.pair(next.getKey(), next.getValue());
                next = entries.hasNext() ? entries.next() : null;
                return current;
            }

            @Override
            public String peekNextKey() {
                if (next == null) {
                    throw new NoSuchElementException();
                }
                return next.getKey();
            }

            @Override
            public void close() {}
        };
    }
}
