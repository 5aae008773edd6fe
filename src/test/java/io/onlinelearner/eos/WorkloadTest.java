package io.onlinelearner.eos;

import static org.assertj.core.api.Assertions.assertThat;

import io.onlinelearner.model.RejectionReason;
import io.onlinelearner.topology.Source;
import java.util.List;
import java.util.Map;
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
        assertThat(WORKLOAD.size()).as("records, as docs/exactly-once.md says").isEqualTo(3412);
    }

    @Test
    void shouldHaveBadRecordsOnEveryInputBeforeTheEndOfTheStream() {
        final Map<Source, List<String>> reasons = WORKLOAD.records().stream()
                .filter(r -> r.bad() && !r.isEnd())
                .collect(Collectors.groupingBy(
                        Workload.Input::source, Collectors.mapping(Workload.Input::reason, Collectors.toList())));
        assertThat(reasons.keySet()).containsExactlyInAnyOrderElementsOf(Source.read(false));
        assertThat(reasons.get(Source.TRAIN)).containsOnly(RejectionReason.NOT_JSON.code());
        assertThat(reasons.get(Source.VALIDATION)).containsOnly(RejectionReason.WRONG_DIMENSION.code());
        assertThat(reasons.get(Source.PREDICT)).containsOnly(RejectionReason.WRONG_DIMENSION.code());
        assertThat(reasons.get(Source.COMMANDS)).containsExactly(RejectionReason.BAD_COMMAND.code());
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
}
