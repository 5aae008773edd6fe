package io.onlinelearner.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.onlinelearner.labels.Changes;
import io.onlinelearner.labels.LabelJoiner;
import io.onlinelearner.labels.LabelSettings;
import io.onlinelearner.labels.MemoryPending;
import io.onlinelearner.labels.PendingView;
import io.onlinelearner.labels.Remembered;
import io.onlinelearner.learner.Prediction.Answering;
import io.onlinelearner.model.Label;
import io.onlinelearner.model.Loss;
import io.onlinelearner.model.RecordRejectedException;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.Random;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueBytesStoreSupplier;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link PendingStore} over a real Kafka Streams store (RocksDB, as in production, and the
 * in-memory store) reads exactly what the plain maps of the core's tests read, after every step
 * of a long random run of requests, labels and expiry over several models with clashing ids,
 * timestamps out of order and a negative one.
 */
class PendingStoreTest {

    private static final long TTL = 500;

    @TempDir
    Path stateDir;

    /**
     * A {@link LabelsStore} over a real store, holding at most {@code heldWeight}: small enough for
     * the run to write the oldest held writes through between commits.
     */
    private LabelsStore store(final boolean rocksDb, final long heldWeight) {
        final MockProcessorContext<Object, Object> context =
                new MockProcessorContext<>(new Properties(), new TaskId(0, 0), new File(stateDir.toString()));
        final KeyValueBytesStoreSupplier supplier = rocksDb
                ? Stores.persistentKeyValueStore(Names.LABELS_STORE)
                : Stores.inMemoryKeyValueStore(Names.LABELS_STORE);
        final KeyValueStore<Bytes, byte[]> below = Stores.keyValueStoreBuilder(
                        supplier, Serdes.Bytes(), Serdes.ByteArray())
                .withLoggingDisabled()
                .build();
        final LabelsStore store = new LabelsStore(below, heldWeight);
        store.init(context.getStateStoreContext(), store);
        return store;
    }

    @ParameterizedTest(name = "RocksDB: {0}")
    @ValueSource(booleans = {true, false})
    void shouldReadWhatThePlainMapsReadAfterEveryStep(final boolean rocksDb) {
        final LabelsStore kv = store(rocksDb, 300);
        final PendingStore stored = new PendingStore(kv, 3);
        final MemoryPending expected = new MemoryPending();
        final LabelJoiner joiner = new LabelJoiner(new LabelSettings(true, TTL, 6, 3, 3), Loss.SQUARED);
        final List<String> models = List.of("a", "ab", "b", "é");
        final Random random = new Random(17);
        long streamTime = -50;
        long joined = 0;
        for (int step = 0; step < 800; step++) {
            final long ts = streamTime + random.nextInt(40) - 15;
            streamTime = Math.max(streamTime, ts);
            if (step % 200 == 100) {
                stored.load();
            }
            if (random.nextInt(7) == 0) {
                kv.flushCache();
            }
            apply(joiner.expire(expected, streamTime), joiner.expire(stored, streamTime), expected, stored);
            final String model = models.get(random.nextInt(models.size()));
            final String id = random.nextBoolean() ? "" + random.nextInt(12) : "\"" + random.nextInt(12) + "\"";
            if (random.nextInt(3) > 0) {
                final Remembered request =
                        new Remembered(id, new double[] {step, -step}, step / 7.0, Answering.LIVE, step, 0, ts, step);
                apply(
                        joiner.remember(expected, model, request, streamTime),
                        joiner.remember(stored, model, request, streamTime),
                        expected,
                        stored);
            } else {
                final Label label = new Label(id, 1.0);
                final Changes fromMaps = joinOrNone(joiner, expected, model, label, ts, streamTime);
                final Changes fromStore = joinOrNone(joiner, stored, model, label, ts, streamTime);
                joined += fromMaps.isEmpty() ? 0 : 1;
                apply(fromMaps, fromStore, expected, stored);
            }
            for (final String m : models) {
                assertThat(stored.all(m)).as("step %d, model %s", step, m).isEqualTo(expected.all(m));
                assertThat(stored.labels(m)).as("step %d, model %s", step, m).isEqualTo(expected.labels(m));
            }
            assertThat(stored.olderThan(streamTime)).isEqualTo(expected.olderThan(streamTime));
        }
        assertThat(joined).as("labels joined in the run").isGreaterThan(30);
        final Changes evicted = joiner.forgetModel(stored, "a");
        assertThat(evicted).hasToString(joiner.forgetModel(expected, "a").toString());
        apply(joiner.forgetModel(expected, "a"), evicted, expected, stored);
        assertThat(stored.all("a")).isEmpty();
        assertThat(stored.labels("a")).isEqualTo(expected.labels("a"));
        assertThat(stored.labels("a").pending()).isZero();
        assertThat(stored.labels("a").joined()).as("kept by the id").isPositive();
        assertThat(stored.all("ab")).isEqualTo(expected.all("ab"));
        kv.flushCache();
        assertThat(kv.heldCount()).as("held after the commit").isZero();
        final PendingStore reopened = new PendingStore(new LabelsStore(kv.wrapped(), 300), 3);
        for (final String m : models) {
            assertThat(reopened.all(m)).as("committed, model %s", m).isEqualTo(expected.all(m));
            assertThat(reopened.labels(m)).as("committed, model %s", m).isEqualTo(expected.labels(m));
        }
        kv.close();
    }

    private static Changes joinOrNone(
            final LabelJoiner joiner,
            final PendingView view,
            final String model,
            final Label label,
            final long ts,
            final long streamTime) {
        try {
            return joiner.join(view, model, label, ts, streamTime).changes();
        } catch (RecordRejectedException unknown) {
            return Changes.NONE;
        }
    }

    private static void apply(
            final Changes fromMaps, final Changes fromStore, final MemoryPending expected, final PendingStore stored) {
        assertThat(fromStore).hasToString(fromMaps.toString());
        expected.apply(fromMaps);
        stored.apply(fromStore);
    }
}
