package io.onlinelearner.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.onlinelearner.config.LearnerConfig;
import io.onlinelearner.config.TestTopics;
import io.onlinelearner.learner.Learner;
import io.onlinelearner.learner.ModelState;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.Test;

/**
 * {@link IdleEvictions} while its index catches up one entry or model a record: no model is evicted
 * while entries kept from a time eviction was off are still being deleted (their last-seen times
 * are stale), and the models that have entered can be evicted while the others are still entering.
 */
class IdleEvictionsTest {

    private static final long TTL = 100;
    private static final List<String> MODELS = List.of("a", "b", "c", "d");

    private final MockProcessorContext<byte[], byte[]> context = new MockProcessorContext<>();
    private final KeyValueStore<Bytes, byte[]> indexStore = InMemoryStores.index(context);
    private final KeyValueStore<String, ModelState> models = InMemoryStores.models(context);
    private final IdleEvictions evictions;

    IdleEvictionsTest() {
        context.setRecordMetadata(TestTopics.DEFAULT_LINEAGE.train(), 0, 0L);
        final Outputs outputs = new Outputs(null, false, TestTopics.DEFAULT_LINEAGE);
        outputs.init(context);
        evictions = new IdleEvictions(TTL, null, null, outputs, 1);
        evictions.init(context, LearnerListener.NONE);
    }

    private List<String> evicted() {
        return context.forwarded().stream()
                .filter(f -> f.childName().orElseThrow().equals(Names.CONTROL_SINK))
                .map(f -> new String(f.record().value(), StandardCharsets.UTF_8))
                .toList();
    }

    @Test
    void shouldEvictNothingUntilTheStaleEntriesAreGoneThenEvictTheEnteredModelsWhileOthersEnter() {
        final ModelState state = new Learner(LearnerConfig.defaults().learnerSpec()).initialState(2);
        final IdleIndex stale = new IdleIndex(indexStore, TTL);
        for (final String model : MODELS) {
            models.put(model, state);
            stale.touch(model, 0);
        }
        assertThat(new IndexCatchUp(indexStore, stale, null, 1).emptyStep())
                .as("eviction off for one record: one of the eight stale entries deleted")
                .isEqualTo(IndexCatchUp.Phase.CLEARING);

        for (int step = 0; step < 10; step++) {
            evictions.evictIdle(1_000);
            assertThat(evicted())
                    .as("step %d: seven entries deleted, a switch, a and b entered", step)
                    .isEmpty();
        }
        assertThat(MODELS).allMatch(model -> models.get(model) != null);

        evictions.evictIdle(1_101);
        assertThat(evicted())
                .as("a and b, entered at 1000, evicted; c entered at 1101")
                .hasSize(2)
                .allMatch(event -> event.contains("\"idleMs\":101"))
                .anyMatch(event -> event.startsWith("{\"model\":\"a\""))
                .anyMatch(event -> event.startsWith("{\"model\":\"b\""));
        assertThat(models.get("c")).isNotNull();
        context.resetForwards();

        evictions.evictIdle(1_101);
        evictions.evictIdle(1_101);
        evictions.evictIdle(1_202);
        assertThat(evicted())
                .as("c and d, entered at 1101")
                .hasSize(2)
                .allMatch(event -> event.contains("\"idleMs\":101"));
        assertThat(MODELS).allMatch(model -> models.get(model) == null);
    }
}
