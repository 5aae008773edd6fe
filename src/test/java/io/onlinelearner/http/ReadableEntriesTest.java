package io.onlinelearner.http;

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
import org.junit.jupiter.api.Test;

class ReadableEntriesTest {

    /** A store's iterator over {@code values} whose entries named {@code "?"} fail to deserialize, as a bad state does. */
    private static KeyValueIterator<String, String> store(final String... values) {
        final Iterator<String> it = List.of(values).iterator();
        return new KeyValueIterator<>() {
            @Override
            public boolean hasNext() {
                return it.hasNext();
            }

            @Override
            public KeyValue<String, String> next() {
                final String value = it.next();
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

    @Test
    void shouldLeaveOutEveryEntryThatCannotBeReadAndTellOfIt() {
        final List<String> skipped = new ArrayList<>();
        final ReadableEntries<String> entries =
                new ReadableEntries<>(store("?", "a", "?", "?", "b", "?"), e -> skipped.add(e.getMessage()));
        final List<Map.Entry<String, String>> read = new ArrayList<>();
        entries.forEachRemaining(read::add);
        assertThat(read).containsExactly(Map.entry("k-a", "a"), Map.entry("k-b", "b"));
        assertThat(skipped).hasSize(4).allMatch(m -> m.contains("format version 99"));
        assertThat(entries.hasNext()).isFalse();
        assertThatThrownBy(entries::next).isInstanceOf(NoSuchElementException.class);
    }
}
