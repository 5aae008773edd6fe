package io.onlinelearner.eos;

import static org.assertj.core.api.Assertions.assertThat;

import io.onlinelearner.config.Topics;
import io.onlinelearner.learner.ModelState;
import io.onlinelearner.topology.DeadLetters;
import io.onlinelearner.topology.LearnerDriver;
import io.onlinelearner.topology.LearnerListener;
import io.onlinelearner.topology.Names;
import io.onlinelearner.topology.Source;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;

/**
 * The processor, with its stores, its cache of recent states and its listener, publishes what the
 * pure core computes: over the exactly-once workload (early stops, plateau rate changes, drift and
 * its resets, set-lr, stop and resume commands, predictions, labels that join, are held out,
 * expire or join nothing, and bad records), each record at its timestamp, both publish the same
 * bytes, dead-letter the same records with the same reasons, and end in the same states (no model
 * more, none fewer), remembered requests and idle index.
 */
class ProcessorReplayTest {

    @Test
    void shouldPublishByteForByteWhatThePureCoreComputesAndEndInItsStates() {
        final Workload workload = Workload.generate(1, 4, 10, 40, EosSettings.WINDOW, 7L, 0L);
        final Replay replay = Replay.of(workload, EosSettings.config());
        assertThat(replay.count("RESET", "drift")).isPositive();
        assertThat(replay.count("RESET", "command")).isPositive();
        assertSame(workload, replay, EosSettings.learner());
    }

    /** The same with named features (the hashed crash test's workload on one partition), labels included. */
    @Test
    void shouldPublishWhatThePureCoreComputesForNamedFeatures() {
        final Workload workload = HashedWorkload.generate(1, 3, 0L);
        final Map<String, String> settings = EosSettings.with(EosSettings.learner(), HashedWorkload.settings());
        final Replay replay = Replay.of(workload, EosSettings.config(HashedWorkload.settings()));
        assertThat(replay.outcomeCount()).as("labels joined").isPositive();
        assertSame(workload, replay, settings);
    }

    private static void assertSame(final Workload workload, final Replay replay, final Map<String, String> settings) {
        try (LearnerDriver driver = new LearnerDriver(settings, LearnerListener.NONE)) {
            for (final Workload.Input input : workload.records()) {
                if (!input.isEnd() || input.source() == Source.TRAIN) {
                    driver.pipeAt(
                            input.source(),
                            input.model().getBytes(StandardCharsets.UTF_8),
                            input.value(),
                            input.timestamp());
                }
            }
            assertThat(byKey(driver.modelsTopic())).isEqualTo(replay.snapshots());
            assertThat(byKey(driver.controlTopic())).isEqualTo(replay.events());
            assertThat(byKey(driver.predictionsTopic())).isEqualTo(replay.predictions());
            assertThat(byKey(driver.outcomesTopic())).isEqualTo(replay.outcomes());
            final Map<String, ModelState> states = new TreeMap<>();
            try (KeyValueIterator<String, ModelState> all = driver.store().all()) {
                all.forEachRemaining(kv -> states.put(kv.key, kv.value));
            }
            assertThat(states).as("every model's state").isEqualTo(new TreeMap<>(replay.finalStates()));
            final Map<String, String> idleIndex = new TreeMap<>();
            try (KeyValueIterator<Bytes, byte[]> all =
                    driver.<Bytes, byte[]>store(Names.LAST_SEEN_STORE).all()) {
                all.forEachRemaining(kv -> idleIndex.put(Replay.hex(kv.key.get()), Replay.hex(kv.value)));
            }
            CommittedStores.assertIdleIndex(replay, idleIndex);
            final Topics topics = EosSettings.config().topics();
            assertThat(driver.deadLetters().readRecordsToList().stream()
                            .map(ProcessorReplayTest::letter)
                            .toList())
                    .as("the input record of every dead letter")
                    .containsExactlyElementsOf(workload.expectedDeadLetters(source -> source.topic(topics)))
                    .isNotEmpty();
            final Map<String, String> remembered = new TreeMap<>();
            try (KeyValueIterator<Bytes, byte[]> all = driver.labelsStore().all()) {
                all.forEachRemaining(kv -> remembered.put(Replay.hex(kv.key.get()), Replay.hex(kv.value)));
            }
            assertThat(remembered)
                    .isEqualTo(replay.rememberedStore(
                            workload.models(), EosSettings.config().labels().window()))
                    .isNotEmpty();
        }
    }

    private static String letter(final TestRecord<byte[], byte[]> record) {
        return header(record, DeadLetters.TOPIC) + "/" + header(record, DeadLetters.PARTITION) + "/"
                + header(record, DeadLetters.OFFSET) + " " + header(record, DeadLetters.REASON);
    }

    private static String header(final TestRecord<byte[], byte[]> record, final String name) {
        final Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static Map<String, List<String>> byKey(final TestOutputTopic<byte[], byte[]> topic) {
        final Map<String, List<String>> byKey = new LinkedHashMap<>();
        for (final KeyValue<byte[], byte[]> record : topic.readKeyValuesToList()) {
            byKey.computeIfAbsent(new String(record.key, StandardCharsets.UTF_8), k -> new ArrayList<>())
                    .add(new String(record.value, StandardCharsets.UTF_8));
        }
        return byKey;
    }
}
