package io.onlinelearner.topology;

import io.onlinelearner.learner.ModelState;
import io.onlinelearner.store.KeyOrder;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;

/**
 * A scan of the model-state store: the entries of the store below merged with the states held
 * dirty above it ({@link ModelStateStore}), in the store's own order (the unsigned bytes of the
 * UTF-8 keys), a dirty state replacing the stored one of the same key. The dirty states are a
 * copy taken when the scan starts.
 */
final class MergedStateIterator implements KeyValueIterator<String, ModelState> {

    private final List<KeyValue<String, ModelState>> held;
    private final KeyValueIterator<String, ModelState> below;
    private int next;

    private MergedStateIterator(
            final List<KeyValue<String, ModelState>> held, final KeyValueIterator<String, ModelState> below) {
        this.held = held;
        this.below = below;
    }

    /** The scan of {@code below} with the dirty states {@code held} (in any order; sorted here) merged in. */
    static MergedStateIterator of(
            final List<KeyValue<String, ModelState>> held, final KeyValueIterator<String, ModelState> below) {
        held.sort((a, b) -> KeyOrder.UTF8.compare(a.key, b.key));
        return new MergedStateIterator(held, below);
    }

    /** Whether {@code key} lies in the inclusive range from {@code from} to {@code to}; null bounds are open. */
    static boolean within(final String key, final String from, final String to) {
        return (from == null || KeyOrder.UTF8.compare(key, from) >= 0)
                && (to == null || KeyOrder.UTF8.compare(key, to) <= 0);
    }

    @Override
    public boolean hasNext() {
        return next < held.size() || below.hasNext();
    }

    @Override
    public KeyValue<String, ModelState> next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        if (next == held.size()) {
            return below.next();
        }
        if (!below.hasNext()) {
            return held.get(next++);
        }
        final int order = KeyOrder.UTF8.compare(held.get(next).key, below.peekNextKey());
        if (order > 0) {
            return below.next();
        }
        if (order == 0) {
            below.next();
        }
        return held.get(next++);
    }

    @Override
    public String peekNextKey() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        if (next == held.size()) {
            return below.peekNextKey();
        }
        if (!below.hasNext()) {
            return held.get(next).key;
        }
        final String heldKey = held.get(next).key;
        final String belowKey = below.peekNextKey();
        return KeyOrder.UTF8.compare(heldKey, belowKey) <= 0 ? heldKey : belowKey;
    }

    @Override
    public void close() {
        below.close();
    }
}
