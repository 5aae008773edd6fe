package io.onlinelearner.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.onlinelearner.config.LearnerConfig;
import io.onlinelearner.learner.Learner;
import io.onlinelearner.learner.ModelState;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.Test;

/**
 * {@link IndexCatchUp} three entries or models a step: emptying an index while eviction is off,
 * finishing that emptying once eviction is on before entering the stored models, entering them as
 * seen at the stream time of their step, and going on from the stored control entry after a restart
 * (a new instance over the same stores) instead of from the start.
 */
class IndexCatchUpTest {

    private static final int CHUNK = 3;
    private static final long TTL = 1_000_000;

    private final MockProcessorContext<Object, Object> context = new MockProcessorContext<>();
    private final KeyValueStore<Bytes, byte[]> indexStore = InMemoryStores.index(context);
    private final KeyValueStore<String, ModelState> models = InMemoryStores.models(context);

    private IndexCatchUp catchUp(final boolean on) {
        return new IndexCatchUp(indexStore, index(), on ? models : null, CHUNK);
    }

    private IdleIndex index() {
        return new IdleIndex(indexStore, TTL);
    }

    private void store(final String... ids) {
        final ModelState state = new Learner(LearnerConfig.defaults().learnerSpec()).initialState(2);
        for (final String id : ids) {
            models.put(id, state);
        }
    }

    private List<String> keys() {
        final List<String> keys = new ArrayList<>();
        try (KeyValueIterator<Bytes, byte[]> all = indexStore.all()) {
            all.forEachRemaining(kv -> keys.add(new String(kv.key.get(), StandardCharsets.ISO_8859_1)));
        }
        return keys;
    }

    @Test
    void shouldEmptyTheIndexAChunkAStepWhileEvictionIsOff() {
        for (final String id : List.of("a", "b", "c", "d")) {
            index().touch(id, 5);
        }
        final IndexCatchUp off = catchUp(false);

        assertThat(off.emptyStep()).isEqualTo(IndexCatchUp.Phase.CLEARING);
        assertThat(keys()).hasSize(5 + 1).contains("c");
        assertThat(off.emptyStep()).isEqualTo(IndexCatchUp.Phase.CLEARING);
        assertThat(keys()).hasSize(2 + 1);
        assertThat(off.emptyStep()).isEqualTo(IndexCatchUp.Phase.DONE);
        assertThat(keys()).isEmpty();
        assertThat(off.cleared()).isEqualTo(8);
        assertThat(off.emptyStep()).isEqualTo(IndexCatchUp.Phase.DONE);
        assertThat(keys()).isEmpty();
    }

    @Test
    void shouldFinishEmptyingOnceEvictionIsOnThenEnterTheStoredModelsAChunkAStep() {
        store("a", "b", "c", "d", "e", "f", "g");
        for (final String id : List.of("a", "b", "c", "d")) {
            index().touch(id, 5);
        }
        assertThat(catchUp(false).emptyStep()).as("eviction off for one record").isEqualTo(IndexCatchUp.Phase.CLEARING);

        final IndexCatchUp on = catchUp(true);
        assertThat(on.step(100)).isEqualTo(IndexCatchUp.Phase.CLEARING);
        assertThat(on.step(101)).as("the last entries deleted: entering next").isEqualTo(IndexCatchUp.Phase.ENTERING);
        assertThat(keys()).containsExactly("c");
        index().touch("f", 102);
        assertThat(on.step(103)).isEqualTo(IndexCatchUp.Phase.ENTERING);
        assertThat(on.step(104)).isEqualTo(IndexCatchUp.Phase.ENTERING);
        assertThat(on.step(105)).isEqualTo(IndexCatchUp.Phase.DONE);

        final IdleIndex index = index();
        assertThat(List.of("a", "b", "c", "d", "e", "f", "g"))
                .extracting(index::lastSeen)
                .as("f had a record at 102, then entered at 104")
                .containsExactly(103L, 103L, 103L, 104L, 104L, 104L, 105L);
        assertThat(keys())
                .as("two entries a model, and f's time entry of its record")
                .doesNotContain("c")
                .hasSize(15);
        assertThat(on.entered()).isEqualTo(7);
        assertThat(on.step(106)).isEqualTo(IndexCatchUp.Phase.DONE);
    }

    @Test
    void shouldGoOnFromTheStoredControlEntryAfterARestart() {
        store("a", "b", "c", "d", "e");
        assertThat(catchUp(true).step(10)).isEqualTo(IndexCatchUp.Phase.ENTERING);

        final IndexCatchUp restarted = catchUp(true);
        assertThat(restarted.step(20)).isEqualTo(IndexCatchUp.Phase.DONE);

        final IdleIndex index = index();
        assertThat(List.of("a", "b", "c", "d", "e"))
                .extracting(index::lastSeen)
                .containsExactly(10L, 10L, 10L, 20L, 20L);
        assertThat(restarted.entered()).as("only what the first did not").isEqualTo(2);
    }

    @Test
    void shouldTakeAnIndexThatHoldsEntriesAndNoControlEntryAsUpToDate() {
        store("a", "b");
        index().touch("a", 1);

        final IndexCatchUp on = catchUp(true);
        assertThat(on.step(50)).isEqualTo(IndexCatchUp.Phase.DONE);
        assertThat(index().lastSeen("b")).isNull();
        assertThat(on.entered()).isZero();
    }
}
