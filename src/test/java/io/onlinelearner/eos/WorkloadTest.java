package io.onlinelearner.eos;

import static org.assertj.core.api.Assertions.assertThat;

import io.onlinelearner.model.RejectionReason;
import io.onlinelearner.topology.Source;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The crash test's workload ({@link Workload#crashTest}), replayed through the core: it must make
 * happen everything the crash test and {@code docs/exactly-once.md} say it checks under kills, or a
 * green crash test would prove less than it says.
 */
class WorkloadTest {

    private static final Workload WORKLOAD = Workload.crashTest(0L);
    private static final Replay REPLAY = Replay.of(WORKLOAD, EosSettings.config());

    @Test
    void shouldMakeEveryKindOfEventHappen() {
        assertThat(REPLAY.count("STOPPED", "early-stopping")).as("early stops").isPositive();
        assertThat(REPLAY.count("LR_CHANGED", "plateau"))
                .as("rate changes on plateau")
                .isPositive();
        assertThat(REPLAY.count("DRIFT", "drift")).as("drift detections").isPositive();
        assertThat(REPLAY.count("RESET", "drift")).as("resets on drift").isPositive();
        assertThat(REPLAY.count("STOPPED", "command"))
                .as("stop commands applied")
                .isPositive();
        assertThat(REPLAY.count("RESUMED", "command")).as("resume commands").isEqualTo(2);
        assertThat(REPLAY.count("LR_CHANGED", "command")).as("set-lr").isEqualTo(1);
        assertThat(REPLAY.count("RESET", "command")).as("reset").isEqualTo(1);
        assertThat(REPLAY.stopped()).as("models stopped at the end").isNotEmpty();
        assertThat(REPLAY.stillTraining()).as("models training at the end").isNotEmpty();
    }

    @Test
    void shouldIgnoreCommandsToKeysWithoutStateAndCommandsThatDoNotApply() {
        final long idleCommands = WORKLOAD.records().stream()
                .filter(r -> r.source() == Source.COMMANDS && r.model().startsWith("idle-"))
                .count();
        assertThat(REPLAY.count("IGNORED", "command")).as("IGNORED events").isEqualTo(idleCommands + 1);
        assertThat(WORKLOAD.models().stream()
                        .flatMap(m -> REPLAY.events().getOrDefault(m, List.of()).stream())
                        .filter(e -> e.contains("\"event\":\"IGNORED\""))
                        .toList())
                .as("IGNORED events of models with state")
                .singleElement()
                .satisfies(e -> assertThat(e).contains("\"status\":\"TRAINING\""));
    }

    @Test
    void shouldAnswerEveryValidPredictRecordOnce() {
        final long validPredict = WORKLOAD.records().stream()
                .filter(r -> r.source() == Source.PREDICT && !r.bad())
                .count();
        assertThat(REPLAY.predictionCount()).isEqualTo(validPredict).isEqualTo(240);
        assertThat(WORKLOAD.size()).as("records, as docs/exactly-once.md says").isEqualTo(3689);
    }

    @Test
    void shouldHaveBadRecordsOnEveryInputBeforeTheEndOfTheStream() {
        final Map<Source, List<String>> reasons = WORKLOAD.records().stream()
                .filter(r -> r.bad() && !r.isEnd())
                .collect(Collectors.groupingBy(
                        Workload.Input::source, Collectors.mapping(Workload.Input::reason, Collectors.toList())));
        assertThat(reasons.keySet()).containsExactlyInAnyOrderElementsOf(Source.read(true));
        assertThat(reasons.get(Source.TRAIN)).containsOnly(RejectionReason.NOT_JSON.code());
        assertThat(reasons.get(Source.VALIDATION)).containsOnly(RejectionReason.WRONG_DIMENSION.code());
        assertThat(reasons.get(Source.PREDICT)).containsOnly(RejectionReason.WRONG_DIMENSION.code());
        assertThat(reasons.get(Source.COMMANDS)).containsExactly(RejectionReason.BAD_COMMAND.code());
        assertThat(reasons.get(Source.LABELS)).containsOnly(RejectionReason.UNKNOWN_PREDICTION.code());
        assertThat(WORKLOAD.expectedDeadLetters(new TopicNames("t"))).hasSize((int) WORKLOAD.records().stream()
                .filter(r -> r.bad() && !(r.isEnd() && r.source() != Source.TRAIN))
                .count());
    }

    @Test
    void shouldEvictEveryVisitorAfterEachBlockAndStartItAnewInTheNext() {
        final List<String> visitors = WORKLOAD.records().stream()
                .map(Workload.Input::model)
                .filter(m -> m.startsWith("visitor-"))
                .distinct()
                .toList();
        assertThat(visitors).hasSize(WORKLOAD.partitions());
        final int blocks = 10;
        final int visitsPerBlock = 4;
        assertThat(REPLAY.count("EVICTED", "idle")).isEqualTo((long) blocks * visitors.size());
        for (final String visitor : visitors) {
            assertThat(REPLAY.events().get(visitor))
                    .as("events of %s", visitor)
                    .hasSize(blocks)
                    .allSatisfy(e -> assertThat(e)
                            .startsWith("{\"model\":\"" + visitor + "\",\"event\":\"EVICTED\",\"cause\":\"idle\","
                                    + "\"generation\":0,\"status\":\"NEW\",\"idleMs\":"));
            assertThat(REPLAY.snapshots().get(visitor))
                    .as("last snapshots of %s: each a new model of one block's visits", visitor)
                    .hasSize(blocks)
                    .allSatisfy(last ->
                            assertThat(last).contains("\"status\":\"TRAINING\",\"updates\":" + visitsPerBlock + ","));
            assertThat(REPLAY.finalStates()).doesNotContainKey(visitor);
        }
        assertThat(WORKLOAD.models())
                .as("the other models are never idle")
                .allSatisfy(m ->
                        assertThat(REPLAY.events().getOrDefault(m, List.of())).noneMatch(e -> e.contains("EVICTED")));
    }

    /**
     * Every label the workload means to join does (one outcome each; {@link Replay} checks that the
     * others are refused as {@code unknown-prediction}), some are held out, and each kind of label
     * that joins nothing is there: past the ttl, a second one, an unknown id, one before its
     * request. Requests expire, and some are still remembered at the end.
     */
    @Test
    void shouldJoinHoldOutExpireAndRefuseLabelsOfEveryKind() {
        final List<Workload.Input> labels = WORKLOAD.records().stream()
                .filter(r -> r.source() == Source.LABELS && !r.isEnd())
                .toList();
        final long joining = labels.stream().filter(r -> !r.bad()).count();
        assertThat(REPLAY.outcomeCount()).as("outcomes").isEqualTo(joining).isPositive();
        assertThat(REPLAY.pending().values().stream()
                        .flatMap(view -> WORKLOAD.models().stream().map(view::labels))
                        .filter(Objects::nonNull)
                        .mapToLong(l -> l.joined())
                        .sum())
                .as("labels joined, as the models count them")
                .isEqualTo(joining);
        assertThat(REPLAY.heldOut().values().stream().mapToLong(Long::longValue).sum())
                .as("held-out examples")
                .isEqualTo(validated(labels))
                .isPositive();
        final List<String> refused = labels.stream()
                .filter(Workload.Input::bad)
                .map(r -> new String(r.value(), StandardCharsets.UTF_8))
                .toList();
        assertThat(refused).as("labels for ids no request has").anyMatch(v -> v.contains("nobody-"));
        final Set<String> joined = labels.stream()
                .filter(r -> !r.bad())
                .map(r -> new String(r.value(), StandardCharsets.UTF_8))
                .collect(Collectors.toSet());
        final Map<String, Long> kinds = refused.stream()
                .collect(Collectors.groupingBy(
                        v -> v.contains("nobody-")
                                ? "unknown id"
                                : joined.contains(v)
                                        ? "second"
                                        : v.endsWith("\"y\":0.0}") ? "before its request" : "late",
                        Collectors.counting()));
        assertThat(kinds).containsOnlyKeys("unknown id", "second", "before its request", "late");
        assertThat(REPLAY.rememberedStore(WORKLOAD.models(), 1000))
                .as("remembered at the end")
                .isNotEmpty();
    }

    /** The labels whose examples validate: every {@code holdout-every}-th joined label of each model. */
    private static long validated(final List<Workload.Input> labels) {
        return WORKLOAD.models().stream()
                .mapToLong(m -> labels.stream()
                                .filter(r -> !r.bad() && r.model().equals(m))
                                .count()
                        / EosSettings.HOLDOUT_EVERY)
                .sum();
    }
}
