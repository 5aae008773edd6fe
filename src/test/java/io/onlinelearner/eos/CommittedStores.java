package io.onlinelearner.eos;

import static org.assertj.core.api.Assertions.assertThat;

import io.onlinelearner.topology.Names;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a test of the learner on a broker checks once its workload is committed: against the
 * {@link Replay} of that workload, under the replay's own configuration, the published outputs,
 * the dead letters and the stores' changelogs.
 */
final class CommittedStores {

    private CommittedStores() {}

    /**
     * Asserts everything the learner committed on {@code kafka} for {@code workload}: the outputs
     * ({@link Replay#assertPublished}), one dead letter per bad record with its reason, and the
     * changelogs of the model states, the remembered requests and the idle index, which must end
     * with the replay's.
     */
    static void assertCommitted(final Replay expected, final KafkaHarness kafka, final Workload workload) {
        expected.assertPublished(kafka);
        assertThat(kafka.deadLetteredInputs())
                .as("the input record of every dead letter (read_committed)")
                .containsExactlyInAnyOrderElementsOf(workload.expectedDeadLetters(kafka.topics()));
        assertThat(kafka.committedStore(Names.STORE))
                .as("the model states (changelog, read_committed)")
                .isEqualTo(expected.stateStore(expected.config().adam()));
        assertThat(kafka.committedStore(Names.LABELS_STORE))
                .as("the remembered requests (changelog, read_committed)")
                .isEqualTo(expected.rememberedStore(
                        workload.models(), expected.config().labels().window()));
        assertIdleIndex(expected, kafka.committedStore(Names.LAST_SEEN_STORE));
    }

    /**
     * Asserts that {@code committed}, the idle index's store (keys and values in hex, in {@code
     * IdleIndex}'s layout), holds exactly the last-seen time of {@code expected} of every model ({@code 'm'}
     * entries) and one time-ordered entry ({@code 't'}) per such model, at a time no later than it,
     * and nothing else: no model lost, resurrected after its eviction, or entered twice.
     */
    static void assertIdleIndex(final Replay expected, final Map<String, String> committed) {
        final Map<String, Long> exact = new TreeMap<>();
        final Map<String, List<Long>> byTime = new TreeMap<>();
        committed.forEach((key, value) -> {
            final byte[] k = HexFormat.of().parseHex(key);
            if (k[0] == 'm') {
                exact.put(
                        new String(k, 1, k.length - 1, StandardCharsets.UTF_8),
                        ByteBuffer.wrap(HexFormat.of().parseHex(value)).getLong());
            } else {
                assertThat((char) k[0]).as("kind of idle-index key %s", key).isEqualTo('t');
                byTime.computeIfAbsent(new String(k, 9, k.length - 9, StandardCharsets.UTF_8), m -> new ArrayList<>())
                        .add(ByteBuffer.wrap(k, 1, 8).getLong() ^ Long.MIN_VALUE);
            }
        });
        assertThat(exact)
                .as("last-seen times (idle index)")
                .isEqualTo(expected.lastSeen())
                .isNotEmpty();
        assertThat(byTime.keySet())
                .as("models in time order (idle index)")
                .isEqualTo(expected.lastSeen().keySet());
        byTime.forEach((model, times) -> assertThat(times)
                .as(
                        "time-ordered entries of %s, last seen at %d",
                        model, expected.lastSeen().get(model))
                .singleElement()
                .satisfies(t ->
                        assertThat(t).isLessThanOrEqualTo(expected.lastSeen().get(model))));
    }
}
