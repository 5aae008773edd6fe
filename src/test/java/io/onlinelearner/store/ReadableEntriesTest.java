package io.onlinelearner.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ReadableEntriesTest {

    /**
     * A store's iterator over {@code values} whose entries named {@code "?"} fail to deserialize, as a
     * bad state does: while it is read in {@code next()}, or, with {@code peeking}, in {@code
     * hasNext()}, as the iterators of interactive queries read one entry ahead.
     */
    private static KeyValueIterator<String, String> store(final boolean peeking, final String... values) {
        final Iterator<String> it = List.of(values).iterator();
        return new KeyValueIterator<>() {
            private KeyValue<String, String> ahead;

            @Override
            public boolean hasNext() {
                if (!peeking) {
                    return it.hasNext();
                }
                if (ahead == null && it.hasNext()) {
                    ahead = read(it.next());
                }
                return ahead != null;
            }

            @Override
            public KeyValue<String, String> next() {
                if (!peeking) {
                    return read(it.next());
                }
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                final KeyValue<String, String> next = ahead;
                ahead = null;
                return next;
            }

            private KeyValue<String, String> read(final String value) {
                if ("?".equals(value)) {
                    throw new SerializationException("model state has format version 99");
                }
                return KeyValue.pair("k-" + value, value);
            }

            @Override
            public String peekNextKey() {
                throw new UnsupportedOperationException();
            }

            @Override
            public void close() {}
        };
    }

    @ParameterizedTest(name = "failing in hasNext: {0}")
    @ValueSource(booleans = {false, true})
    void shouldLeaveOutEveryEntryThatCannotBeReadAndTellOfIt(final boolean peeking) {
        final List<String> skipped = new ArrayList<>();
        final ReadableEntries<String> entries =
                new ReadableEntries<>(store(peeking, "?", "a", "?", "?", "b", "?"), e -> skipped.add(e.getMessage()));
        final List<Map.Entry<String, String>> read = new ArrayList<>();
        entries.forEachRemaining(read::add);
        assertThat(read).containsExactly(Map.entry("k-a", "a"), Map.entry("k-b", "b"));
        assertThat(skipped).hasSize(4).allMatch(m -> m.contains("format version 99"));
        assertThat(entries.hasNext()).isFalse();
        assertThatThrownBy(entries::next).isInstanceOf(NoSuchElementException.class);
    }
}
