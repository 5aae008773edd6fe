package io.onlinelearner.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.onlinelearner.config.LearnerConfig;
import io.onlinelearner.learner.Learner;
import io.onlinelearner.learner.ModelState;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.internals.WrappedStateStore;
import org.junit.jupiter.api.Test;

/** The model-state store's layer of live objects over a fake of the store below it. */
class ModelStateStoreTest {

    private static final LearnerConfig DEFAULTS = LearnerConfig.defaults();
    private static final Learner LEARNER = new Learner(DEFAULTS.model(), DEFAULTS.adam(), DEFAULTS.stopping());

    /** The weight of one {@link #state()}: θ, m and v of 3 parameters, plus the entry's own. */
    private static final long ONE = 9 + StateWeight.ENTRY;

    private final BelowStore below = new BelowStore();

    /** A state of d = 2 with the intercept: 3 parameters. */
    private static ModelState state() {
        return LEARNER.initialState(2);
    }

    private ModelStateStore store(final long maxDirty, final long maxClean) {
        final ModelStateStore store = new ModelStateStore(below, new HeldBound(maxDirty), new HeldBound(maxClean));
        store.init(null, store);
        store.serve();
        return store;
    }

    private ModelStateStore store() {
        return store(HeldBound.MIN_WEIGHT, HeldBound.MIN_WEIGHT);
    }

    @Test
    void shouldHoldAPutStateAsTheVeryObjectWithoutWritingBelow() {
        final ModelStateStore store = store();
        final ModelState first = state();
        final ModelState second = state();
        store.put("m", first);
        store.put("m", second);
        assertThat(store.get("m")).isSameAs(second);
        assertThat(store.get("other")).isNull();
        assertThat(below.writes).isEmpty();
        assertThat(store.dirtyCount()).isEqualTo(1);
    }

    @Test
    void shouldWriteEachDirtyStateBelowOnceAtAFlushThenFlushTheStoreBelow() {
        final ModelStateStore store = store();
        final ModelState last = state();
        store.put("m", state());
        store.put("n", state());
        store.put("m", last);
        store.flushCache();
        assertThat(below.writes).containsExactlyInAnyOrder("m", "n");
        assertThat(below.entries.get("m")).isSameAs(last);
        assertThat(below.cacheFlushes).isEqualTo(1);
        assertThat(store.dirtyCount()).isZero();
        assertThat(store.get("m")).isSameAs(last);
        assertThat(below.reads).isZero();
        store.flushCache();
        assertThat(below.writes).hasSize(2);
    }

    @Test
    void shouldDropDirtyStatesUnwrittenWhenTheCacheIsCleared() {
        final ModelStateStore store = store();
        store.put("m", state());
        store.clearCache();
        assertThat(store.get("m")).isNull();
        assertThat(below.writes).isEmpty();
        assertThat(below.cacheClears).isEqualTo(1);
    }

    @Test
    void shouldDropDirtyStatesUnwrittenWhenClosedAndWhenInitializedAgain() {
        final ModelStateStore store = store();
        store.put("m", state());
        store.close();
        assertThat(below.closed).isTrue();
        store.init(null, store);
        assertThat(store.get("m")).isNull();
        store.put("n", state());
        store.init(null, store);
        assertThat(store.get("n")).isNull();
        store.flushCache();
        assertThat(below.writes).isEmpty();
    }

    @Test
    void shouldForgetCleanStatesOnInitSoThatTheStoreBelowIsReadAgain() {
        final ModelStateStore store = store();
        store.put("m", state());
        store.flushCache();
        final ModelState restored = state();
        below.entries.put("m", restored);
        store.init(null, store);
        assertThat(store.get("m")).isSameAs(restored);
    }

    @Test
    void shouldDeleteBelowAtOnceAndForgetTheHeldState() {
        final ModelStateStore store = store();
        store.put("m", state());
        store.flushCache();
        final ModelState dirty = state();
        store.put("m", dirty);
        assertThat(store.delete("m")).isSameAs(dirty);
        assertThat(below.writes).containsExactly("m", "-m");
        assertThat(store.get("m")).isNull();
        store.flushCache();
        assertThat(below.entries).doesNotContainKey("m");
    }

    @Test
    void shouldDeleteWhenANullStateIsPut() {
        final ModelStateStore store = store();
        store.put("m", state());
        store.put("m", null);
        assertThat(store.get("m")).isNull();
        assertThat(store.dirtyCount()).isZero();
        assertThat(below.writes).containsExactly("-m");
    }

    @Test
    void shouldWriteTheLeastRecentlyUsedDirtyStatesThroughOnceOverTheirBound() {
        final ModelStateStore store = store(2 * ONE, HeldBound.MIN_WEIGHT);
        final ModelState b = state();
        store.put("a", state());
        store.put("b", b);
        store.get("a");
        store.put("c", state());
        assertThat(below.writes).containsExactly("b");
        assertThat(below.entries.get("b")).isSameAs(b);
        assertThat(store.dirtyCount()).isEqualTo(2);
        assertThat(store.get("b")).isSameAs(b);
        store.flushCache();
        assertThat(below.writes).containsExactlyInAnyOrder("b", "a", "c");
    }

    @Test
    void shouldShareItsBoundWithTheInstancesOtherTasksAndWriteThroughOnlyItsOwnStates() {
        final HeldBound dirty = new HeldBound(2 * ONE);
        final BelowStore otherBelow = new BelowStore();
        final ModelStateStore other = new ModelStateStore(otherBelow, dirty, new HeldBound(HeldBound.MIN_WEIGHT));
        other.init(null, other);
        final ModelStateStore store = new ModelStateStore(below, dirty, new HeldBound(HeldBound.MIN_WEIGHT));
        store.init(null, store);
        other.put("a", state());
        other.put("b", state());
        store.put("c", state());
        assertThat(below.writes)
                .as("over the shared bound: its own least recent")
                .containsExactly("c");
        assertThat(otherBelow.writes).isEmpty();
        assertThat(dirty.weight()).isEqualTo(2 * ONE);
        other.clearCache();
        assertThat(dirty.weight()).as("what a store drops, the bound frees").isZero();
        store.put("d", state());
        assertThat(below.writes).containsExactly("c");
    }

    @Test
    void shouldHaveAStoreOverItsShareLetGoOfCleanStatesForAStoreUnderItsShare() {
        final HeldBound clean = new HeldBound(8 * ONE);
        final BelowStore quietBelow = new BelowStore();
        final ModelStateStore quiet = new ModelStateStore(quietBelow, new HeldBound(HeldBound.MIN_WEIGHT), clean);
        quiet.init(null, quiet);
        final ModelStateStore busy = new ModelStateStore(below, new HeldBound(HeldBound.MIN_WEIGHT), clean);
        busy.init(null, busy);
        for (int k = 0; k < 8; k++) {
            quietBelow.entries.put("q" + k, state());
            below.entries.put("b" + k, state());
        }
        for (int k = 0; k < 8; k++) {
            quiet.get("q" + k);
        }
        assertThat(clean.weight())
                .as("alone in use, a store may fill the bound")
                .isEqualTo(8 * ONE);
        for (int k = 0; k < 4; k++) {
            busy.get("b" + k);
        }
        assertThat(clean.weight()).isEqualTo(8 * ONE);
        for (int k = 0; k < 4; k++) {
            busy.get("b" + k);
        }
        assertThat(below.reads)
                .as("the busy store keeps its share, half the bound")
                .isEqualTo(4);
        for (int k = 4; k < 8; k++) {
            quiet.get("q" + k);
        }
        assertThat(quietBelow.reads)
                .as("the quiet store kept its four most recent")
                .isEqualTo(8);
        quiet.get("q0");
        assertThat(quietBelow.reads).as("and let go of its four least recent").isEqualTo(9);
        quiet.close();
        for (int k = 4; k < 8; k++) {
            busy.get("b" + k);
        }
        for (int k = 0; k < 8; k++) {
            busy.get("b" + k);
        }
        assertThat(below.reads)
                .as("once the other closed, the whole bound is its")
                .isEqualTo(8);
        assertThat(clean.weight()).isEqualTo(8 * ONE);
    }

    @Test
    void shouldKeepCleanStatesWithinTheirBoundAndReadTheRestBelow() {
        final ModelStateStore store = store(HeldBound.MIN_WEIGHT, ONE);
        store.put("a", state());
        store.put("b", state());
        store.flushCache();
        assertThat(store.get("b")).isNotNull();
        assertThat(below.reads).isZero();
        assertThat(store.get("a")).isSameAs(below.entries.get("a"));
        assertThat(below.reads).isEqualTo(1);
    }

    @Test
    void shouldAdmitOneNewKeyInSixteenOnceTheCleanStatesAreAtTheirBound() {
        final ModelStateStore store = store(HeldBound.MIN_WEIGHT, 2 * ONE);
        for (int k = 0; k < 32; k++) {
            below.entries.put("k" + k, state());
        }
        for (int k = 0; k < 32; k++) {
            store.get("k" + k);
        }
        assertThat(below.reads).isEqualTo(32);
        store.get("k2");
        store.get("k18");
        assertThat(below.reads)
                .as("k2 and k18, the 1st and 17th new keys at the bound, kept")
                .isEqualTo(32);
        store.get("k0");
        store.get("k3");
        store.get("k17");
        store.get("k31");
        assertThat(below.reads).as("evicted or never kept").isEqualTo(36);
        store.get("k17");
        store.get("k18");
        assertThat(below.reads).as("k17, the 33rd new key, kept in place of k2").isEqualTo(36);
        store.get("k2");
        assertThat(below.reads).isEqualTo(37);
        final ModelState replaced = state();
        store.put("k18", replaced);
        store.flushCache();
        assertThat(store.get("k18")).as("a kept key written again is kept").isSameAs(replaced);
        assertThat(below.reads).isEqualTo(37);
    }

    @Test
    void shouldKeepWhatItsOwnThreadReadsBelowButNotWhatAnotherThreadReads() throws InterruptedException {
        final ModelStateStore store = store();
        below.entries.put("m", state());
        below.entries.put("n", state());
        final Thread reader = new Thread(() -> store.get("m"));
        reader.start();
        reader.join();
        assertThat(below.reads).isEqualTo(1);
        store.get("m");
        store.get("m");
        store.get("n");
        store.get("n");
        assertThat(below.reads).isEqualTo(3);
    }

    @Test
    void shouldScanTheStoreBelowWithTheDirtyStatesMergedInTheStoresOrder() {
        final ModelStateStore store = store();
        final ModelState a = LEARNER.initialState(1);
        final ModelState c = LEARNER.initialState(2);
        final ModelState replacement = LEARNER.initialState(3);
        final ModelState b = LEARNER.initialState(4);
        final ModelState emoji = LEARNER.initialState(5);
        store.put("a", a);
        store.put("c", c);
        store.flushCache();
        store.put("c", replacement);
        store.put("b", b);
        store.put("\uD83D\uDE00", emoji);
        below.entries.put("\uFFFD", state());
        assertThat(keys(store.all())).containsExactly("a", "b", "c", "\uFFFD", "\uD83D\uDE00");
        assertThat(values(store.range("b", "c")))
                .containsExactly(b, replacement)
                .doesNotContain(c);
        assertThat(keys(store.range("c", null))).containsExactly("c", "\uFFFD", "\uD83D\uDE00");
        assertThat(keys(store.range(null, "a"))).containsExactly("a");
    }

    private static List<String> keys(final KeyValueIterator<String, ModelState> scan) {
        final List<String> keys = new ArrayList<>();
        try (scan) {
            while (scan.hasNext()) {
                final String peeked = scan.peekNextKey();
                final KeyValue<String, ModelState> next = scan.next();
                assertThat(next.key).isEqualTo(peeked);
                keys.add(next.key);
            }
        }
        return keys;
    }

    private static List<ModelState> values(final KeyValueIterator<String, ModelState> scan) {
        final List<ModelState> values = new ArrayList<>();
        try (scan) {
            scan.forEachRemaining(next -> values.add(next.value));
        }
        return values;
    }

    /**
     * Another thread (an interactive query) reads only once the task's processor is initialized,
     * after restoration: a store being restored would answer with a model missing or older.
     */
    @Test
    void shouldRefuseOtherThreadsUntilItServesAndAgainOnceReinitializedOrClosed() throws InterruptedException {
        final ModelStateStore store =
                new ModelStateStore(below, new HeldBound(HeldBound.MIN_WEIGHT), new HeldBound(HeldBound.MIN_WEIGHT));
        store.init(null, store);
        below.entries.put("m", state());
        final WrappedStateStore<ModelStateStore, String, ModelState> decorator = new WrappedStateStore<>(store) {};

        assertThat(readOnAnotherThread(store)).isInstanceOf(InvalidStateStoreException.class);
        assertThat(store.get("m")).as("its own thread reads at any time").isNotNull();
        HeldWritesLayer.serve(decorator);
        assertThat(readOnAnotherThread(store)).isNull();
        store.clearCache();
        assertThat(readOnAnotherThread(store)).isInstanceOf(InvalidStateStoreException.class);
        store.serve();
        store.init(null, store);
        assertThat(readOnAnotherThread(store)).isInstanceOf(InvalidStateStoreException.class);
        store.serve();
        store.close();
        assertThat(readOnAnotherThread(store)).isInstanceOf(InvalidStateStoreException.class);
    }

    /** What reading {@code m}, a range and every model threw on another thread; null when each was read. */
    private static Throwable readOnAnotherThread(final ModelStateStore store) throws InterruptedException {
        final AtomicReference<Throwable> thrown = new AtomicReference<>();
        final Thread reader = new Thread(() -> {
            try {
                assertThat(store.get("m")).isNotNull();
                store.range("a", "z").close();
                store.all().close();
            } catch (Throwable e) {
                thrown.set(e);
            }
        });
        reader.start();
        reader.join();
        return thrown.get();
    }
}
