package io.onlinelearner.eos;

import static org.assertj.core.api.Assertions.assertThat;

import io.onlinelearner.learner.ModelState;
import io.onlinelearner.optim.AdamHyperparameters;
import io.onlinelearner.serde.ModelStateSerde;
import io.onlinelearner.serde.RecentEntries;
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

    /** The last byte of the key of a model's recent entries, in hex. */
    static final String RECENT = "ff";

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
        final ModelStateSerde serde = serde(expected.config().adam());
        assertThat(modelStates(kafka.committedStore(Names.STORE), serde))
                .as("the model states (changelog, read_committed; bases with their recent entries)")
                .isEqualTo(expected.stateStore(serde));
        assertThat(kafka.committedStore(Names.LABELS_STORE))
                .as("the remembered requests (changelog, read_committed)")
                .isEqualTo(expected.rememberedStore(
                        workload.models(), expected.config().labels().window()));
        assertIdleIndex(expected, kafka.committedStore(Names.LAST_SEEN_STORE));
    }

    /** The learner's serde of model states under {@code adam}. */
    static ModelStateSerde serde(final AdamHyperparameters adam) {
        return new ModelStateSerde(adam.learningRate(), adam.beta1(), adam.beta2());
    }

    /**
     * The model states that {@code committed}, the model-state store (keys and values in hex), holds:
     * each model's base with its recent entries applied ({@link RecentEntries#over}), written in full
     * by {@code serde}. Recent entries without a base fail the test: a deleted model leaves none.
     */
    static Map<String, String> modelStates(final Map<String, String> committed, final ModelStateSerde serde) {
        final Map<String, String> states = new TreeMap<>();
        committed.forEach((key, value) -> {
            if (key.endsWith(RECENT)) {
                assertThat(committed)
                        .as("the base of recent entries %s", key)
                        .containsKey(key.substring(0, key.length() - RECENT.length()));
                return;
            }
            final byte[] base = HexFormat.of().parseHex(value);
            final String recent = committed.get(key + RECENT);
            final ModelState state = RecentEntries.over(
                    serde.deserialize("", base),
                    base,
                    recent == null ? null : HexFormat.of().parseHex(recent));
            states.put(key, HexFormat.of().formatHex(serde.serialize("", state)));
        });
        return states;
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
