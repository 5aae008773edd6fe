package io.onlinelearner.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.onlinelearner.labels.Changes;
import io.onlinelearner.labels.LabelJoiner;
import io.onlinelearner.labels.LabelSettings;
import io.onlinelearner.labels.ModelLabels;
import io.onlinelearner.labels.Remembered;
import io.onlinelearner.labels.ServedLoss;
import io.onlinelearner.learner.Prediction.Answering;
import io.onlinelearner.model.Label;
import io.onlinelearner.model.Loss;
import io.onlinelearner.serde.PendingFormat;
import io.onlinelearner.serde.PendingKeys;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which keys {@link PendingStore} writes: a request one key ({@code r}) and the counts ({@code c}), a
 * join the counts and the window ({@code w}); the age orders are built again from the requests on
 * load, and an earlier layout's age-index keys ({@code o}, {@code t}) are deleted; a store holding
 * format 1 ({@code m}) keeps its window through requests until a join moves it.
 */
class PendingStoreLayoutTest {

    private static final int WINDOW = 3;

    @TempDir
    Path stateDir;

    private final LabelJoiner joiner = new LabelJoiner(new LabelSettings(true, 1000, 10, 0, WINDOW), Loss.SQUARED);
    private final List<String> writes = new ArrayList<>();
    private KeyValueStore<Bytes, byte[]> kv;
    private LabelsStore labels;
    private PendingStore stored;

    @BeforeEach
    void open() {
        final MockProcessorContext<Object, Object> context =
                new MockProcessorContext<>(new Properties(), new TaskId(0, 0), new File(stateDir.toString()));
        kv = RecordingStores.recording(context, writes, key -> String.valueOf((char) key[0]));
        labels = new LabelsStore(kv, LabelsStore.MAX_HELD_WEIGHT);
        stored = new PendingStore(labels, WINDOW);
    }

    /** Writes {@code changes}, then commits: what was held is written into the store below. */
    private void applyAndCommit(final Changes changes) {
        stored.apply(changes);
        labels.flushCache();
    }

    private static Remembered request(final String id, final double prediction, final long ts) {
        return new Remembered(id, new double[] {1.0}, prediction, Answering.LIVE, 0, 0, ts, ts);
    }

    private List<String> bookkeepingWrites() {
        return writes.stream()
                .filter(w -> "cwm".indexOf(w.charAt(w.length() - 1)) >= 0)
                .toList();
    }

    @Test
    void shouldWriteOnlyTheCountsForARequestAndTheWindowOnceForAJoin() {
        applyAndCommit(joiner.remember(stored, "a", request("1", 0.5, 10), 10));
        assertThat(bookkeepingWrites()).containsExactly("put c");

        writes.clear();
        applyAndCommit(joiner.remember(stored, "a", request("2", 0.5, 11), 11));
        assertThat(bookkeepingWrites()).containsExactly("put c");

        writes.clear();
        applyAndCommit(joiner.join(stored, "a", new Label("1", 1.0), 12, 12).changes());
        assertThat(bookkeepingWrites()).containsExactly("put c", "put w");
        assertThat(stored.labels("a")).isEqualTo(new ModelLabels(1, 1, ServedLoss.of(WINDOW, new double[] {0.25})));

        writes.clear();
        applyAndCommit(joiner.forgetModel(stored, "a"));
        assertThat(bookkeepingWrites())
                .as("an evicted model keeps its joined count alone")
                .containsExactly("put c", "put w");
        assertThat(stored.labels("a")).isEqualTo(new ModelLabels(0, 1, ServedLoss.empty(WINDOW)));

        writes.clear();
        applyAndCommit(joiner.forgetModel(stored, "b"));
        assertThat(bookkeepingWrites())
                .as("a model that had no label joined leaves nothing")
                .containsExactly("delete c", "delete w", "delete m");
        assertThat(stored.labels("b")).isNull();
    }

    @Test
    void shouldWriteNothingOfARequestJoinedWithinOneCommitAndTheBookkeepingOnce() {
        for (int i = 1; i <= 3; i++) {
            stored.apply(joiner.remember(stored, "a", request("" + i, 0.5, 10 + i), 10 + i));
        }
        stored.apply(joiner.join(stored, "a", new Label("1", 1.0), 20, 20).changes());
        stored.apply(joiner.join(stored, "a", new Label("2", 0.0), 21, 21).changes());
        assertThat(writes).as("nothing before the commit").isEmpty();
        assertThat(stored.labels("a")).isEqualTo(new ModelLabels(1, 2, ServedLoss.of(WINDOW, new double[] {0.25, 0.25
        })));

        labels.flushCache();

        assertThat(writes).containsExactlyInAnyOrder("put r", "put c", "put w");
        assertThat(PendingFormat.request(kv.get(Bytes.wrap(PendingKeys.requestKey("a", "3")))))
                .isEqualTo(request("3", 0.5, 13));
        assertThat(kv.get(Bytes.wrap(PendingKeys.requestKey("a", "1")))).isNull();
        assertThat(PendingFormat.labels(key -> kv.get(Bytes.wrap(key)), "a", WINDOW))
                .isEqualTo(stored.labels("a"));
    }

    @Test
    void shouldWriteATombstoneOnlyForARequestTheStoreBelowHolds() {
        applyAndCommit(joiner.remember(stored, "a", request("1", 0.5, 10), 10));
        writes.clear();
        stored.apply(joiner.remember(stored, "a", request("1", 0.5, 11), 11));
        stored.apply(joiner.join(stored, "a", new Label("1", 1.0), 12, 12).changes());
        labels.flushCache();

        assertThat(writes).filteredOn(w -> w.endsWith("r")).containsExactly("delete r");
        assertThat(kv.get(Bytes.wrap(PendingKeys.requestKey("a", "1")))).isNull();
    }

    @Test
    void shouldKeepAFormat1WindowThroughRequestsAndMoveItOnTheFirstJoin() {
        final ModelLabels format1 = new ModelLabels(0, 4, ServedLoss.of(WINDOW, new double[] {2.0, 3.0}));
        kv.put(Bytes.wrap(PendingKeys.labelsKey("a")), PendingFormat.labels(format1));
        assertThat(stored.labels("a")).isEqualTo(format1);

        applyAndCommit(joiner.remember(stored, "a", request("1", 0.0, 10), 10));
        assertThat(stored.labels("a")).isEqualTo(new ModelLabels(1, 4, format1.served()));
        assertThat(kv.get(Bytes.wrap(PendingKeys.windowKey("a")))).isNull();

        applyAndCommit(joiner.join(stored, "a", new Label("1", 1.0), 11, 11).changes());
        final ModelLabels joined = new ModelLabels(0, 5, ServedLoss.of(WINDOW, new double[] {2.0, 3.0, 1.0}));
        assertThat(stored.labels("a")).isEqualTo(joined);
        assertThat(PendingFormat.window(kv.get(Bytes.wrap(PendingKeys.windowKey("a"))), WINDOW))
                .isEqualTo(joined.served());
        assertThat(stored.labels("a").servedLoss()).isEqualTo(2.0);
    }

    @Test
    void shouldKeepOneKeyPerRequestAndBuildTheAgeOrdersAgainOnLoad() {
        final List<Remembered> requests = new ArrayList<>();
        for (int i = 1; i <= 12; i++) {
            requests.add(request("" + i, 0.0, i));
            applyAndCommit(joiner.remember(stored, "a", requests.get(i - 1), i));
        }
        assertThat(writes).containsOnly("put r", "delete r", "put c");
        assertThat(writes).filteredOn("put r"::equals).hasSize(12);
        assertThat(writes).filteredOn("delete r"::equals).as("two pushed out").hasSize(2);
        final List<Remembered> kept = requests.subList(2, 12);
        assertThat(stored.all("a")).isEqualTo(kept);

        final PendingStore reopened = new PendingStore(new LabelsStore(kv, LabelsStore.MAX_HELD_WEIGHT), WINDOW);
        assertThat(reopened.all("a")).isEqualTo(kept);
        assertThat(reopened.oldest("a", 2)).isEqualTo(kept.subList(0, 2));
        assertThat(reopened.olderThan(5).stream().map(e -> e.request().idJson()))
                .containsExactly("3", "4");
        assertThat(reopened.labels("a")).isEqualTo(new ModelLabels(10, 0, ServedLoss.empty(WINDOW)));
    }

    @Test
    void shouldDeleteTheAgeIndexKeysOfTheEarlierLayoutWithTheFirstWriteAfterLoading() {
        final Remembered old = request("1", 0.0, 10);
        kv.put(Bytes.wrap(PendingKeys.requestKey("a", "1")), PendingFormat.request(old));
        kv.put(Bytes.wrap(PendingKeys.byModelKey("a", old)), PendingFormat.id(old));
        kv.put(Bytes.wrap(PendingKeys.byTimeKey(old)), PendingFormat.entry("a", old));
        kv.put(
                Bytes.wrap(PendingKeys.countsKey("a")),
                PendingFormat.counts(new ModelLabels(1, 0, ServedLoss.empty(WINDOW))));
        stored.load();
        writes.clear();

        applyAndCommit(joiner.remember(stored, "a", request("2", 0.0, 11), 11));

        assertThat(writes).containsExactly("delete o", "delete t", "put r", "put c");
        assertThat(stored.all("a")).containsExactly(old, request("2", 0.0, 11));
        assertThat(kv.get(Bytes.wrap(PendingKeys.byModelKey("a", old)))).isNull();
        assertThat(kv.get(Bytes.wrap(PendingKeys.byTimeKey(old)))).isNull();
    }

    @Test
    void shouldLeaveOutARequestItCannotReadWhenLoadingAndKeepTheOthers() {
        final Remembered readable = request("1", 0.0, 10);
        kv.put(Bytes.wrap(PendingKeys.requestKey("a", "1")), PendingFormat.request(readable));
        final byte[] later = PendingFormat.request(request("2", 0.0, 11));
        later[0] = 99;
        kv.put(Bytes.wrap(PendingKeys.requestKey("a", "2")), later);

        stored.load();

        assertThat(stored.all("a")).containsExactly(readable);
        assertThat(stored.olderThan(100).stream().map(e -> e.request().idJson()))
                .containsExactly("1");
        assertThat(kv.get(Bytes.wrap(PendingKeys.requestKey("a", "2"))))
                .as("kept for a build that reads it")
                .isEqualTo(later);
    }
}
