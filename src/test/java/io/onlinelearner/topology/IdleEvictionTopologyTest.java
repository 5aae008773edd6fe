package io.onlinelearner.topology;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.onlinelearner.config.LearnerSettings;
import io.onlinelearner.config.TestTopics;
import io.onlinelearner.learner.ModelState;
import io.onlinelearner.learner.ModelStatus;
import io.onlinelearner.learner.Snapshot;
import io.onlinelearner.metrics.LabelOutcome;
import io.onlinelearner.metrics.LearnerObservations;
import io.onlinelearner.model.RejectionReason;
import io.onlinelearner.serde.JsonCodec;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;

/**
 * Idle eviction ({@code learner.models.idle-ttl-ms} = 1000) through the whole topology, with each
 * record's timestamp, and so the task's stream time, set explicitly: the last snapshot and the
 * {@code EVICTED} event, the state, last-seen entries and remembered requests deleted with
 * tombstones on their changelogs, a returning id starting a new model, which records keep a model
 * alive, and the in-memory track of an evicted model dropped.
 */
class IdleEvictionTopologyTest {

    private static final long TTL = 1000;
    private static final String ONE = "{\"x\": [1, 2], \"y\": 3}";
    private static final String TWO = "{\"x\": [2, -1], \"y\": 0.5}";

    private static Map<String, String> settings(final boolean labels) {
        final Map<String, String> settings = new HashMap<>();
        settings.put(LearnerSettings.MODELS_IDLE_TTL_MS.key(), String.valueOf(TTL));
        settings.put(LearnerSettings.ADAM_LR.key(), "0.1");
        settings.put(LearnerSettings.LABELS_ENABLED.key(), String.valueOf(labels));
        return settings;
    }

    @Test
    void shouldPublishTheLastSnapshotAndEvictedThenDeleteEverythingWithTombstones() {
        final LearnerObservations observations = new LearnerObservations(10);
        try (LearnerDriver driver = new LearnerDriver(settings(false), observations)) {
            driver.nextAt(1);
            driver.train("a", ONE);
            driver.train("a", TWO);
            driver.command("a", "{\"command\": \"reset\"}");
            driver.train("a", ONE);
            final ModelState last = driver.state("a");
            assertThat(last.generation()).isEqualTo(1);
            driver.models();
            driver.control();
            assertThat(observations.tracked()).isEqualTo(1);

            driver.nextAt(4 + TTL);
            driver.train("b", ONE);
            assertThat(driver.models()).as("idle for exactly the ttl: kept").isEmpty();
            assertThat(driver.state("a")).isNotNull();

            driver.train("b", TWO);
            assertThat(driver.snapshots())
                    .containsExactly(new String(
                            JsonCodec.write(JsonCodec.value(Snapshot.of("a", last), TestTopics.DEFAULT_LINEAGE)),
                            StandardCharsets.UTF_8));
            assertThat(texts(driver.controlTopic().readValuesToList()))
                    .containsExactly("{\"model\":\"a\",\"event\":\"EVICTED\",\"cause\":\"idle\",\"generation\":0,"
                            + "\"status\":\"NEW\",\"idleMs\":1001}");
            assertThat(driver.state("a")).isNull();
            assertThat(lastSeenKeys(driver)).noneMatch(key -> key.endsWith("a"));
            assertThat(tombstones(driver, Names.STORE)).containsExactly("a");
            assertThat(tombstones(driver, Names.LAST_SEEN_STORE))
                    .as("a's time entry of its first record, moved by the first scan to its last record's,"
                            + " then that one and its last-seen entry")
                    .hasSize(3)
                    .allMatch(key -> key.endsWith("a"))
                    .contains("ma");
            assertThat(observations.tracked()).as("models tracked in memory").isEqualTo(1);
            assertThat(observations.models(ModelStatus.TRAINING)).isEqualTo(1);
        }
    }

    @Test
    void shouldStartAReturningIdAsANewModelOfGenerationZero() {
        try (LearnerDriver driver = new LearnerDriver(settings(false), LearnerListener.NONE);
                LearnerDriver fresh = new LearnerDriver(settings(false), LearnerListener.NONE)) {
            driver.nextAt(1);
            driver.train("a", ONE);
            driver.command("a", "{\"command\": \"reset\"}");
            driver.train("a", TWO);
            driver.models();
            driver.control();

            driver.nextAt(3 + TTL + 1);
            driver.train("a", ONE);
            final List<JsonNode> snapshots = driver.models();
            assertThat(snapshots).hasSize(1);
            assertThat(snapshots.get(0).get("generation").asLong()).isEqualTo(1);
            assertThat(snapshots.get(0).get("updates").asLong()).isEqualTo(1);
            assertThat(driver.control())
                    .singleElement()
                    .satisfies(e -> assertThat(e.get("idleMs").asLong()).isEqualTo(TTL + 1));
            fresh.train("a", ONE);
            final ModelState returned = driver.state("a");
            assertThat(returned.generation()).isZero();
            assertThat(returned.updates()).isEqualTo(1);
            assertThat(returned.live().theta().readOnlyArray())
                    .containsExactly(fresh.state("a").live().theta().readOnlyArray());

            driver.nextAt(3 + TTL + 2);
            driver.command("a", "{\"command\": \"set-lr\", \"lr\": 0.5}");
            assertThat(driver.control())
                    .singleElement()
                    .satisfies(e -> assertThat(e.get("event").asText()).isEqualTo("LR_CHANGED"));
        }
    }

    @Test
    void shouldKeepAModelAliveByValidRecordsOfEveryInputButNotByRejectedOnes() {
        try (LearnerDriver driver = new LearnerDriver(settings(false), LearnerListener.NONE)) {
            driver.nextAt(0);
            driver.train("a", ONE);
            driver.train("b", ONE);
            driver.nextAt(900);
            driver.predict("a", "{\"x\": [1, 1]}");
            driver.validate("b", ONE);
            driver.nextAt(1800);
            driver.train("a", "not json");
            driver.train("b", "{\"x\": [1, 2, 3], \"y\": 1}");
            assertThat(driver.deadLetters().readRecordsToList()).hasSize(2);
            driver.nextAt(1901);
            driver.command("c", "{\"command\": \"stop\"}");
            assertThat(driver.control().stream()
                            .map(e -> e.get("model").asText() + " "
                                    + e.get("event").asText()))
                    .containsExactly("a EVICTED", "c IGNORED");
            driver.nextAt(1902);
            driver.command("c", "{\"command\": \"stop\"}");
            assertThat(driver.control().stream()
                            .map(e -> e.get("model").asText() + " "
                                    + e.get("event").asText()))
                    .containsExactly("b EVICTED", "c IGNORED");
            assertThat(driver.models()).hasSize(2);
            assertThat(driver.state("a")).isNull();
            assertThat(driver.state("b")).isNull();
            assertThat(lastSeenKeys(driver)).as("nothing left in the index").isEmpty();
        }
    }

    @Test
    void shouldForgetTheRememberedRequestsOfAnEvictedModelAsExpired() {
        final LearnerObservations observations = new LearnerObservations(10);
        try (LearnerDriver driver = new LearnerDriver(settings(true), observations)) {
            driver.nextAt(1);
            driver.train("a", ONE);
            driver.predict("a", "{\"x\": [1, 1], \"id\": 1}");
            driver.predict("a", "{\"x\": [2, 1], \"id\": 2}");
            driver.predict("b", "{\"x\": [2, 1], \"id\": 3}");
            driver.models();
            driver.nextAt(3 + TTL + 1);
            driver.train("b", ONE);
            assertThat(driver.models()).singleElement().satisfies(last -> {
                assertThat(last.get("model").asText()).isEqualTo("a");
                assertThat(last.get("pending").asLong())
                        .as("remembered when evicted")
                        .isEqualTo(2);
            });
            assertThat(observations.labels(LabelOutcome.EXPIRED)).isEqualTo(2);
            final PendingStore pending =
                    new PendingStore(LabelsStore.of(driver.<Bytes, byte[]>store(Names.LABELS_STORE)), 1000);
            assertThat(pending.all("a")).isEmpty();
            assertThat(pending.labels("a")).isNull();
            assertThat(pending.all("b")).hasSize(1);
            assertThat(tombstones(driver, Names.LABELS_STORE))
                    .as("a's two requests, counts, window and format-1 bookkeeping")
                    .hasSizeGreaterThanOrEqualTo(5);

            driver.pipe(
                    Source.LABELS,
                    new TestRecord<>(
                            "a".getBytes(StandardCharsets.UTF_8),
                            "{\"id\": 1, \"y\": 2}".getBytes(StandardCharsets.UTF_8)));
            assertThat(driver.deadLetters().readRecordsToList())
                    .singleElement()
                    .satisfies(letter -> assertThat(new String(
                                    letter.headers()
                                            .lastHeader(DeadLetters.REASON)
                                            .value(),
                                    StandardCharsets.UTF_8))
                            .isEqualTo(RejectionReason.UNKNOWN_PREDICTION.code()));
        }
    }

    @Test
    void shouldKeepCountingJoinedLabelsForTheHoldoutWhenAnEvictedModelComesBack() {
        final Map<String, String> settings = settings(true);
        settings.put(LearnerSettings.LABELS_HOLDOUT_EVERY.key(), "2");
        final LearnerObservations observations = new LearnerObservations(10);
        try (LearnerDriver driver = new LearnerDriver(settings, observations)) {
            driver.nextAt(1);
            driver.predict("a", "{\"x\": [1, 1], \"id\": 1}");
            driver.pipe(Source.LABELS, bytes("a"), bytes("{\"id\": 1, \"y\": 2}"));
            assertThat(driver.state("a").updates()).as("the first label trains").isEqualTo(1);
            driver.nextAt(2 + TTL + 1);
            driver.train("b", ONE);
            assertThat(driver.state("a")).as("evicted").isNull();
            assertThat(driver.labels("a").joined()).isEqualTo(1);
            assertThat(observations.tracked())
                    .as("the metrics forget a, though its joined count stays")
                    .isEqualTo(1);

            driver.predict("a", "{\"x\": [1, 1], \"id\": 2}");
            driver.pipe(Source.LABELS, bytes("a"), bytes("{\"id\": 2, \"y\": 2}"));

            assertThat(driver.labels("a").joined()).isEqualTo(2);
            assertThat(driver.state("a").updates())
                    .as("the second joined label of the id validates, though the model is new")
                    .isZero();
            assertThat(driver.state("a").generation()).isZero();
        }
    }

    /**
     * With eviction off the index store is still there, and what it kept from a time eviction was on
     * (here 25,000 entries) is deleted 10,000 entries a record ({@link IndexCatchUp#CHUNK}), with a
     * tombstone for each on its changelog; where the deletion stands is kept in the store meanwhile.
     */
    @Test
    void shouldEmptyTheIndexKeptFromBeforeWhileIdleEvictionIsOffAChunkARecord() {
        final Map<String, String> settings = settings(false);
        settings.remove(LearnerSettings.MODELS_IDLE_TTL_MS.key());
        try (LearnerDriver driver = new LearnerDriver(settings, LearnerListener.NONE)) {
            final KeyValueStore<Bytes, byte[]> index = driver.store(Names.LAST_SEEN_STORE);
            for (int i = 0; i < 12_500; i++) {
                index.put(Bytes.wrap(bytes("m" + i)), new byte[8]);
                index.put(Bytes.wrap(bytes("t" + i)), new byte[0]);
            }
            driver.changelog(Names.LAST_SEEN_STORE).readRecordsToList();

            driver.train("a", ONE);
            assertThat(lastSeenKeys(driver)).hasSize(15_000 + 1).contains("c");
            driver.train("a", TWO);
            assertThat(lastSeenKeys(driver)).hasSize(5_000 + 1).contains("c");
            driver.train("a", ONE);

            assertThat(lastSeenKeys(driver)).isEmpty();
            assertThat(tombstones(driver, Names.LAST_SEEN_STORE))
                    .filteredOn(key -> !key.equals("c"))
                    .hasSize(25_000)
                    .doesNotHaveDuplicates();
            assertThat(driver.state("a").updates()).isEqualTo(3);
        }
    }

    private static byte[] bytes(final String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static List<String> lastSeenKeys(final LearnerDriver driver) {
        final KeyValueStore<Bytes, byte[]> index = driver.store(Names.LAST_SEEN_STORE);
        final List<String> keys = new ArrayList<>();
        try (KeyValueIterator<Bytes, byte[]> all = index.all()) {
            while (all.hasNext()) {
                final KeyValue<Bytes, byte[]> next = all.next();
                keys.add(new String(next.key.get(), StandardCharsets.ISO_8859_1));
            }
        }
        return keys;
    }

    /** The keys of the tombstones on the store's changelog, as text. */
    private static List<String> tombstones(final LearnerDriver driver, final String store) {
        return driver.changelog(store).readRecordsToList().stream()
                .filter(r -> r.value() == null)
                .map(r -> new String(r.key(), StandardCharsets.ISO_8859_1))
                .toList();
    }

    private static List<String> texts(final List<byte[]> values) {
        return values.stream().map(v -> new String(v, StandardCharsets.UTF_8)).toList();
    }
}
