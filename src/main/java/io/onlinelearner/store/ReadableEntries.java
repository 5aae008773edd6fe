package io.onlinelearner.store;

import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.function.Consumer;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;

/**
 * The entries of a store's iterator that can be read: an entry whose value fails to deserialize
 * (a state this build cannot read) is left out and handed to {@code skipped}, so that one such
 * entry does not fail a whole listing. Its key is not known then: the store's iterator fails while
 * it reads the entry, after moving past it, in {@code next()} or, as the iterators that
 * interactive queries hand out peek ahead, in {@code hasNext()}. Not thread-safe; one listing's.
 *
 * @param <V> the store's values
 */
public final class ReadableEntries<V> implements Iterator<Map.Entry<String, V>> {

    private final KeyValueIterator<String, V> entries;
    private final Consumer<SerializationException> skipped;
    private Map.Entry<String, V> ahead;

    /** The readable entries of {@code entries}, telling {@code skipped} of each one left out. */
    public ReadableEntries(final KeyValueIterator<String, V> entries, final Consumer<SerializationException> skipped) {
        this.entries = entries;
        this.skipped = skipped;
    }

    @Override
    public boolean hasNext() {
        while (ahead == null) {
            try {
                if (!entries.hasNext()) {
                    return false;
                }
                final KeyValue<String, V> next = entries.next();
                ahead = Map.entry(next.key, next.value);
            } catch (SerializationException e) {
                skipped.accept(e);
            }
        }
        return true;
    }

    @Override
    public Map.Entry<String, V> next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        final Map.Entry<String, V> next = ahead;
        ahead = null;
        return next;
    }
}
