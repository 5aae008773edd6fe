package io.onlinelearner.topology;

import io.onlinelearner.learner.ModelState;
import java.nio.charset.StandardCharsets;
import java.util.function.BiFunction;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;

/**
 * A scan of the model states' bytes ({@link BaseAndRecentStore}): each model's base, read with its
 * recent entries, in the store's order; the keys of recent entries are skipped.
 */
final class BaseIterator implements KeyValueIterator<String, ModelState> {

    private final KeyValueIterator<Bytes, byte[]> below;
    private final BiFunction<String, byte[], ModelState> read;

    /** The scan of {@code below}, a model's id and base read into its state by {@code read}. */
    BaseIterator(final KeyValueIterator<Bytes, byte[]> below, final BiFunction<String, byte[], ModelState> read) {
        this.below = below;
        this.read = read;
    }

    private void skipRecent() {
        while (below.hasNext() && BaseAndRecentStore.isRecent(below.peekNextKey())) {
            below.next();
        }
    }

    @Override
    public boolean hasNext() {
        skipRecent();
        return below.hasNext();
    }

    @Override
    public KeyValue<String, ModelState> next() {
        skipRecent();
        final KeyValue<Bytes, byte[]> entry = below.next();
        final String id = new String(entry.key.get(), StandardCharsets.UTF_8);
        return KeyValue.pair(id, read.apply(id, entry.value));
    }

    @Override
    public String peekNextKey() {
        skipRecent();
        return new String(below.peekNextKey().get(), StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        below.close();
    }
}
