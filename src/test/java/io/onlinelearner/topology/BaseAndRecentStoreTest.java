package io.onlinelearner.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.onlinelearner.config.LearnerConfig;
import io.onlinelearner.features.HashingConfig;
import io.onlinelearner.learner.Learner;
import io.onlinelearner.learner.LearnerSpec;
import io.onlinelearner.learner.ModelState;
import io.onlinelearner.model.Example;
import io.onlinelearner.model.HashedFeatures;
import io.onlinelearner.model.Position;
import io.onlinelearner.serde.ModelStateSerde;
import io.onlinelearner.stopping.StoppingState;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.stream.IntStream;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.Test;

/** The model states as bytes: hashed models as a base and their recent entries, over a real in-memory store. */
class BaseAndRecentStoreTest {

    private static final LearnerConfig DEFAULTS = LearnerConfig.defaults();
    private static final Learner DENSE = new Learner(DEFAULTS.model(), DEFAULTS.adam(), DEFAULTS.stopping());
    private static final Learner HASHED = new Learner(new LearnerSpec(
            DEFAULTS.model(),
            DEFAULTS.adam(),
            DEFAULTS.stopping(),
            Optional.empty(),
            Optional.empty(),
            DEFAULTS.predictParameters(),
            Optional.of(new HashingConfig(18, 0, List.of(), true, 1, 100))));

    private final ModelStateSerde serde = new ModelStateSerde(
            DEFAULTS.adam().learningRate(),
            DEFAULTS.adam().beta1(),
            DEFAULTS.adam().beta2());
    private final List<String> writes = new ArrayList<>();
    private final KeyValueStore<Bytes, byte[]> below =
            RecordingStores.recording(new MockProcessorContext<>(), writes, BaseAndRecentStoreTest::name);
    private final BaseAndRecentStore store = new BaseAndRecentStore(below, serde, new HeldBound(HeldBound.MIN_WEIGHT));
    private final Random random = new Random(3);
    private long offset;

    /** A key's name: the id, with {@code ~} for the byte that marks recent entries. */
    private static String name(final byte[] key) {
        return key[key.length - 1] == (byte) 0xFF
                ? new String(key, 0, key.length - 1, StandardCharsets.UTF_8) + "~"
                : new String(key, StandardCharsets.UTF_8);
    }

    /** {@code state} after a record of 10 features, 5 of them new to it (most likely). */
    private ModelState train(final ModelState state) {
        final int[] indices = IntStream.range(0, 10)
                .map(k -> k < 5 ? k : 100 + random.nextInt(250_000))
                .distinct()
                .sorted()
                .toArray();
        final double[] values =
                Arrays.stream(indices).mapToDouble(i -> random.nextGaussian()).toArray();
        final Example example = new Example(HashedFeatures.of(indices, values), random.nextGaussian());
        return HASHED.train(state, example, Position.train(0, offset++)).state();
    }

    private ModelState trained(final int records) {
        ModelState state = null;
        for (int k = 0; k < records; k++) {
            state = train(state);
        }
        return state;
    }

    private byte[] full(final ModelState state) {
        return serde.serialize("", state);
    }

    private int stored(final String key) {
        final byte[] bytes = below.get(Bytes.wrap(key.getBytes(StandardCharsets.UTF_8)));
        return bytes == null ? 0 : bytes.length;
    }

    private int recentBytes(final String id) {
        final byte[] key = Arrays.copyOf(id.getBytes(StandardCharsets.UTF_8), id.length() + 1);
        key[id.length()] = (byte) 0xFF;
        final byte[] bytes = below.get(Bytes.wrap(key));
        return bytes == null ? 0 : bytes.length;
    }

    @Test
    void shouldWriteWhatABusyHashedModelChangedAsRecentEntriesUntilTheyAreDueAndReadItBackWhole() {
        ModelState state = trained(200);
        store.put("m", state);
        assertThat(writes).containsExactly("put m");
        final int base = stored("m");
        int recents = 0;
        while (writes.size() < 2 || writes.get(writes.size() - 1).equals("put m~")) {
            state = train(state);
            store.put("m", state);
            assertThat(full(store.get("m"))).isEqualTo(full(state));
            recents++;
            assertThat(recentBytes("m")).isLessThan(base);
        }
        assertThat(recents).as("writes before the fold").isGreaterThan(3);
        assertThat(writes.subList(1, writes.size()))
                .as("recent entries rewritten, then folded into a new base and deleted")
                .containsExactlyElementsOf(concat(nCopies("put m~", recents - 1), List.of("put m", "delete m~")));
        assertThat(recentBytes("m")).isZero();
        assertThat(full(store.get("m"))).isEqualTo(full(state));
        assertThat(stored("m")).as("the new base").isGreaterThan(base);
    }

    @Test
    void shouldFoldAtTheGeometricMeanOfAKibibyteAndTheBaseOrAtTheBasesOwnSize() {
        assertThat(BaseAndRecentStore.due(3_238, 10_240))
                .as("√(1,024 × 10,240) = 3,238.2")
                .isFalse();
        assertThat(BaseAndRecentStore.due(3_239, 10_240)).isTrue();
        assertThat(BaseAndRecentStore.due(499, 500)).isFalse();
        assertThat(BaseAndRecentStore.due(500, 500)).isTrue();
    }

    @Test
    void shouldWriteDenseModelsInFullAndLookForNoRecentEntries() {
        final ModelState first = DENSE.initialState(3);
        store.put("d", first);
        store.put("d", DENSE.initialState(4));
        assertThat(writes).containsExactly("put d", "put d");
        assertThat(store.get("d")).isEqualTo(DENSE.initialState(4));
        assertThat(store.delete("d")).isEqualTo(DENSE.initialState(4));
        assertThat(writes).containsExactly("put d", "put d", "delete d");
    }

    @Test
    void shouldWriteInFullWhatIsNotEntriesChangedOrAdded() {
        final ModelState state = trained(150);
        store.put("m", state);
        final ModelState next = train(state);
        store.put("m", next);
        final ModelState snapshot = next.withStopping(new StoppingState(0, 1.0, 1, next.live()));
        store.put("m", snapshot);
        assertThat(writes).containsExactly("put m", "put m~", "put m", "delete m~");
        assertThat(store.get("m")).isEqualTo(snapshot);
    }

    @Test
    void shouldWriteInFullAModelItNoLongerKeepsAndDeleteItsRecentEntries() {
        ModelState state = trained(150);
        store.put("m", state);
        store.put("m", state = train(state));
        store.clearCache();
        store.put("m", state = train(state));
        assertThat(writes).containsExactly("put m", "put m~", "put m", "delete m~");
        assertThat(store.get("m")).isEqualTo(state);
        final ModelState small = trained(3);
        store.put("n", small);
        store.put("n", train(small));
        assertThat(writes)
                .as(
                        "a model under %d bytes: written whole, no recent entries to delete",
                        BaseAndRecentStore.MIN_BASE_BYTES)
                .endsWith("put n", "put n");
    }

    @Test
    void shouldLetGoOfWhatItKeepsAboveItsShareWhenAStoreUnderItsShareKeepsAState() {
        final ModelState q1 = trained(150);
        final ModelState q2 = trained(150);
        final ModelState b = trained(100);
        final HeldBound kept = new HeldBound(StateWeight.of(q1) + StateWeight.of(q2));
        final MockProcessorContext<Object, Object> context = new MockProcessorContext<>();
        final BaseAndRecentStore quiet = new BaseAndRecentStore(
                RecordingStores.recording(context, writes, BaseAndRecentStoreTest::name), serde, kept);
        quiet.init(context.getStateStoreContext(), quiet);
        final BaseAndRecentStore busy = new BaseAndRecentStore(
                RecordingStores.recording(context, writes, BaseAndRecentStoreTest::name), serde, kept);
        busy.init(context.getStateStoreContext(), busy);
        quiet.put("q1", q1);
        quiet.put("q2", q2);
        assertThat(kept.over()).as("alone in use, a store may fill the bound").isFalse();
        busy.put("b", b);
        busy.put("b", train(b));
        assertThat(writes)
                .as("under its share, the busy store keeps its state and writes what changed")
                .endsWith("put b", "put b~");
        assertThat(kept.over()).isFalse();
        quiet.put("q1", train(q1));
        assertThat(writes)
                .as("the quiet store let go of its least recent state, so writes it whole")
                .endsWith("put q1");
        quiet.close();
        busy.close();
        assertThat(kept.weight()).isZero();
    }

    /** Writes a model of 150 records whole, then the state after one more as recent entries; answers that state. */
    private ModelState writtenWithRecentEntries(final String id) {
        final ModelState state = trained(150);
        store.put(id, state);
        final ModelState next = train(state);
        store.put(id, next);
        return next;
    }

    @Test
    void shouldIgnoreRecentEntriesOfAnotherBase() {
        final ModelState next = writtenWithRecentEntries("m");
        assertThat(store.get("m")).as("recent entries over their base").isEqualTo(next);
        final ModelState later = train(next);
        below.put(Bytes.wrap("m".getBytes(StandardCharsets.UTF_8)), full(later));
        assertThat(store.get("m")).as("a base written after them").isEqualTo(later);
    }

    @Test
    void shouldDeleteABaseAndItsRecentEntries() {
        final ModelState next = writtenWithRecentEntries("m");
        assertThat(store.delete("m")).isEqualTo(next);
        assertThat(writes).containsExactly("put m", "put m~", "delete m", "delete m~");
        assertThat(store.get("m")).isNull();
        assertThat(store.delete("m")).isNull();
        store.put("m", next);
        assertThat(writes).as("written in full once deleted").endsWith("delete m", "put m");
    }

    @Test
    void shouldScanBasesWithTheirRecentEntriesAndSkipTheirKeys() {
        final ModelState a = trained(150);
        final ModelState b = trained(150);
        store.put("a", a);
        store.put("a", train(a));
        store.put("b", b);
        store.put("b", train(b));
        store.put("c", DENSE.initialState(2));
        store.put("a\u00e9", trained(2));
        assertThat(writes).contains("put a~", "put b~");
        final List<KeyValue<String, ModelState>> all = list(store.all());
        assertThat(all).extracting(entry -> entry.key).containsExactly("a", "aé", "b", "c");
        assertThat(all.get(0).value).isEqualTo(store.get("a"));
        assertThat(all.get(2).value).isEqualTo(store.get("b"));
        assertThat(list(store.range("a", "b"))).extracting(entry -> entry.key).containsExactly("a", "aé", "b");
        assertThat(list(store.range("b", null))).extracting(entry -> entry.key).containsExactly("b", "c");
        assertThat(list(store.range("aé", "aé"))).extracting(entry -> entry.key).containsExactly("aé");
    }

    private static List<KeyValue<String, ModelState>> list(final KeyValueIterator<String, ModelState> scan) {
        final List<KeyValue<String, ModelState>> entries = new ArrayList<>();
        try (scan) {
            while (scan.hasNext()) {
                final String peeked = scan.peekNextKey();
                final KeyValue<String, ModelState> next = scan.next();
                assertThat(next.key).isEqualTo(peeked);
                entries.add(next);
            }
        }
        return entries;
    }

    private static List<String> nCopies(final String value, final int n) {
        return java.util.Collections.nCopies(n, value);
    }

    private static List<String> concat(final List<String> first, final List<String> second) {
        final List<String> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }
}
