package io.onlinelearner.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link IdleIndex} over a RocksDB store, as in production: a scan reads only the entries that
 * are due (never every model), and over a long random run it takes out exactly the models that a
 * plain map of last-seen times says are idle, with their last-seen times.
 */
class IdleIndexTest {

    private static final long TTL = 1000;

    @TempDir
    Path stateDir;

    private KeyValueStore<Bytes, byte[]> store() {
        final MockProcessorContext<Object, Object> context =
                new MockProcessorContext<>(new Properties(), new TaskId(0, 0), new File(stateDir.toString()));
        final KeyValueStore<Bytes, byte[]> store = Stores.keyValueStoreBuilder(
                        Stores.persistentKeyValueStore(Names.LAST_SEEN_STORE), Serdes.Bytes(), Serdes.ByteArray())
                .withLoggingDisabled()
                .build();
        store.init(context.getStateStoreContext(), store);
        return store;
    }

    @Test
    void shouldReadOnlyTheEntriesThatAreDue() {
        final IdleIndex index = new IdleIndex(store(), TTL);
        for (int i = 0; i < 1000; i++) {
            index.touch("m" + i, i);
        }
        assertThat(index.takeIdle(999)).isEmpty();
        assertThat(index.visited()).as("nothing due: nothing read").isZero();

        assertThat(index.takeIdle(1500)).hasSize(500).allMatch(idle -> idle.lastSeen() < 500);
        assertThat(index.visited()).isEqualTo(500);
        assertThat(index.takeIdle(1500)).isEmpty();
        assertThat(index.visited()).isEqualTo(500);

        index.touch("m500", 1600);
        assertThat(index.takeIdle(1600))
                .hasSize(99)
                .noneMatch(idle -> idle.model().equals("m500"));
        assertThat(index.visited()).as("m500 moved, m501 to m599 taken").isEqualTo(600);

        index.forgetScanned();
        assertThat(index.takeIdle(1600)).isEmpty();
        assertThat(index.visited())
                .as("a new scan from the start meets no entry left behind")
                .isEqualTo(600);
        assertThat(index.lastSeen("m500")).isEqualTo(1600L);
        assertThat(index.lastSeen("m0")).isNull();
        assertThat(index.takeIdle(2601)).extracting(IdleIndex.Idle::model).contains("m500", "m999");
    }

    @Test
    void shouldClearEveryEntryABatchAtATimeFromWhereTheLastStopped() {
        final IdleIndex index = new IdleIndex(store(), TTL);
        for (int i = 0; i < 25_000; i++) {
            index.touch("m" + i, i);
        }
        index.touch("m0", 5);

        final List<Bytes> first = index.clearSome(null, 30_000);
        assertThat(first).hasSize(30_000);
        assertThat(index.hasEntries()).isTrue();
        final List<Bytes> rest = index.clearSome(first.get(first.size() - 1), 30_000);
        assertThat(rest).as("two entries a model").hasSize(20_000).doesNotContainAnyElementsOf(first);
        assertThat(index.hasEntries()).isFalse();
        assertThat(index.clearSome(null, 30_000)).isEmpty();
    }

    @Test
    void shouldTakeOutOnceAModelEnteredAfterARecordOfItsOwn() {
        final IdleIndex index = new IdleIndex(store(), TTL);
        index.touch("f", 102);
        index.enter("f", 104);
        index.enter("g", 104);

        assertThat(index.takeIdle(104 + TTL))
                .as("idle for exactly the ttl since it entered")
                .isEmpty();
        assertThat(index.takeIdle(105 + TTL))
                .containsExactly(new IdleIndex.Idle("f", 104), new IdleIndex.Idle("g", 104));
        assertThat(index.hasEntries()).isFalse();
    }

    @Test
    void shouldTakeOutExactlyTheIdleModelsOfAPlainMap() {
        final IdleIndex index = new IdleIndex(store(), TTL);
        final Map<String, Long> lastSeen = new HashMap<>();
        final Random random = new Random(5);
        long streamTime = -3000;
        for (int step = 0; step < 5000; step++) {
            streamTime += random.nextInt(60);
            if (random.nextInt(50) == 0) {
                index.forgetScanned();
            }
            final List<String> expected = new ArrayList<>();
            for (final Map.Entry<String, Long> e : lastSeen.entrySet()) {
                if (streamTime - e.getValue() > TTL) {
                    expected.add(e.getKey() + "@" + e.getValue());
                }
            }
            expected.forEach(e -> lastSeen.remove(e.substring(0, e.indexOf('@'))));
            assertThat(index.takeIdle(streamTime).stream()
                            .map(idle -> idle.model() + "@" + idle.lastSeen())
                            .toList())
                    .as("idle at %d", streamTime)
                    .containsExactlyInAnyOrderElementsOf(expected);
            final String model = "model-" + random.nextInt(200);
            index.touch(model, streamTime);
            lastSeen.put(model, streamTime);
        }
        lastSeen.forEach(
                (model, time) -> assertThat(index.lastSeen(model)).as(model).isEqualTo(time));
    }
}
