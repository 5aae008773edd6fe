package io.onlinelearner.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.internals.WrappedStateStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The labels store's layer of held writes over a real in-memory store whose writes are recorded. */
class LabelsStoreTest {

    private static final Function<String, byte[]> UTF8 = text -> text.getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path stateDir;

    private final List<String> writes = new ArrayList<>();
    private KeyValueStore<Bytes, byte[]> below;
    private MockProcessorContext<Object, Object> context;

    @BeforeEach
    void open() {
        context = new MockProcessorContext<>(new Properties(), new TaskId(0, 0), new File(stateDir.toString()));
        below = RecordingStores.recording(context, writes, LabelsStoreTest::text);
    }

    private LabelsStore store(final long maxWeight) {
        return new LabelsStore(below, maxWeight);
    }

    private static Bytes key(final String key) {
        return Bytes.wrap(UTF8.apply(key));
    }

    private static String text(final byte[] bytes) {
        return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }

    @Test
    void shouldHoldAValueUnwrittenAndAnswerReadsWithItUntilTheCommitWritesItOnce() {
        final LabelsStore store = store(LabelsStore.MAX_HELD_WEIGHT);
        final String first = "one";
        store.hold(key("k"), first, UTF8, 1, true);
        store.hold(key("k"), "two", UTF8, 1, true);

        assertThat(writes).isEmpty();
        assertThat(text(store.get(key("k")))).isEqualTo("two");
        assertThat(store.read(key("k"), String.class, LabelsStoreTest::text)).isEqualTo("two");
        assertThat(store.heldCount()).isEqualTo(1);

        store.flushCache();

        assertThat(writes).containsExactly("put k");
        assertThat(text(below.get(key("k")))).isEqualTo("two");
        assertThat(store.heldCount()).isZero();
        assertThat(store.read(key("k"), String.class, bytes -> "decoded " + text(bytes)))
                .isEqualTo("decoded two");
    }

    @Test
    void shouldWriteNothingForAFreshKeyDeletedBeforeTheCommit() {
        final LabelsStore store = store(LabelsStore.MAX_HELD_WEIGHT);
        store.hold(key("fresh"), "v", UTF8, 1, true);
        store.delete(key("fresh"));

        assertThat(store.get(key("fresh"))).isNull();
        store.flushCache();

        assertThat(writes).isEmpty();
    }

    @Test
    void shouldWriteATombstoneForAKeyTheStoreBelowMayHold() {
        below.put(key("old"), UTF8.apply("stored"));
        writes.clear();
        final LabelsStore store = store(LabelsStore.MAX_HELD_WEIGHT);
        store.hold(key("old"), "v", UTF8, 1, false);
        store.delete(key("old"));
        store.hold(key("gone"), "v", UTF8, 1, true);
        store.delete(key("gone"));
        store.delete(key("never held"));

        assertThat(store.get(key("old"))).isNull();
        assertThat(store.read(key("old"), String.class, LabelsStoreTest::text)).isNull();
        assertThat(text(below.get(key("old")))).as("until the commit").isEqualTo("stored");
        store.flushCache();

        assertThat(writes).containsExactly("delete old", "delete never held");
        assertThat(below.get(key("old"))).isNull();
    }

    @Test
    void shouldKeepTheStoreBelowsKeyWhenAHeldDeletionIsFollowedByAFreshHold() {
        final LabelsStore store = store(LabelsStore.MAX_HELD_WEIGHT);
        store.delete(key("k"));
        store.hold(key("k"), "again", UTF8, 1, true);
        store.delete(key("k"));
        store.flushCache();

        assertThat(writes).containsExactly("delete k");
    }

    @Test
    void shouldDropWhatIsHeldUnwrittenOnClearCacheCloseAndInit() {
        final LabelsStore store = store(LabelsStore.MAX_HELD_WEIGHT);
        store.hold(key("a"), "v", UTF8, 1, true);
        store.clearCache();
        assertThat(store.get(key("a"))).isNull();

        store.hold(key("b"), "v", UTF8, 1, true);
        store.init(context.getStateStoreContext(), store);
        assertThat(store.heldCount()).isZero();

        store.hold(key("c"), "v", UTF8, 1, true);
        store.close();
        assertThat(store.heldCount()).isZero();
        assertThat(writes).isEmpty();
    }

    @Test
    void shouldWriteTheOldestThroughOnceOverItsBound() {
        final long one = 4 + LabelsStore.ENTRY_WEIGHT;
        final LabelsStore store = store(2 * one);
        store.hold(key("a"), "1", UTF8, 4, true);
        store.hold(key("b"), "2", UTF8, 4, true);
        assertThat(writes).isEmpty();

        store.hold(key("c"), "3", UTF8, 4, true);

        assertThat(writes).containsExactly("put a");
        assertThat(store.heldCount()).isEqualTo(2);
        store.delete(key("a"));
        store.flushCache();
        assertThat(writes).containsExactly("put a", "put b", "put c", "delete a");
    }

    @Test
    void shouldWriteThroughBeforeAScanOnlyOnTheThreadThatInitializedIt() throws Exception {
        final LabelsStore store = store(LabelsStore.MAX_HELD_WEIGHT);
        store.init(context.getStateStoreContext(), store);
        store.hold(key("a"), "1", UTF8, 1, true);

        final AtomicReference<List<String>> fromOther = new AtomicReference<>();
        final Thread other = new Thread(() -> fromOther.set(keys(store.all())));
        other.start();
        other.join();
        assertThat(fromOther.get()).as("another thread sees the last commit").isEmpty();
        assertThat(writes).isEmpty();

        assertThat(keys(store.range(key("a"), key("b")))).containsExactly("a");
        assertThat(writes).containsExactly("put a");
    }

    private static List<String> keys(final KeyValueIterator<Bytes, byte[]> iterator) {
        final List<String> keys = new ArrayList<>();
        try (iterator) {
            iterator.forEachRemaining(entry -> keys.add(text(entry.key.get())));
        }
        return keys;
    }

    @Test
    void shouldPutPlainBytesStraightThrough() {
        final LabelsStore store = store(LabelsStore.MAX_HELD_WEIGHT);
        store.hold(key("k"), "held", UTF8, 1, true);
        store.put(key("k"), UTF8.apply("plain"));

        assertThat(writes).containsExactly("put k");
        assertThat(store.heldCount()).isZero();
        assertThat(text(store.get(key("k")))).isEqualTo("plain");
    }

    @Test
    void shouldBeFoundInsideTheDecoratorsOfKafkaStreams() {
        final LabelsStore store = store(LabelsStore.MAX_HELD_WEIGHT);
        final WrappedStateStore<LabelsStore, Bytes, byte[]> decorator = new WrappedStateStore<>(store) {};

        assertThat(LabelsStore.of(decorator)).isSameAs(store);
        assertThat(LabelsStore.of(store)).isSameAs(store);
        assertThatThrownBy(() -> LabelsStore.of(below))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("is not a LabelsStore");
    }
}
