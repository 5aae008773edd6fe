package io.onlinelearner.eos;

import static org.assertj.core.api.Assertions.assertThat;

import io.onlinelearner.model.RejectionReason;
import io.onlinelearner.serde.ModelStateSerde;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The hashed crash workload's replay holds what {@link HashedCrashRecoveryIT} relies on. */
class HashedWorkloadTest {

    private final Workload workload = HashedWorkload.generate(0L);
    private final Replay replay = Replay.of(workload, EosSettings.config(HashedWorkload.settings()));

    @Test
    void shouldStopAndResumeModelsAndAnswerPredictionsWithSparseWeights() {
        assertThat(replay.count("STOPPED", "command")).as("stops by command").isPositive();
        assertThat(replay.count("RESUMED", "command")).as("resumes").isPositive();
        assertThat(replay.predictionCount()).isEqualTo(3L * HashedWorkload.BLOCKS * 3);
        assertThat(replay.snapshots().values().stream().flatMap(List::stream))
                .isNotEmpty()
                .allMatch(s -> s.contains("\"features\":4096,\"weights\":{"));
        assertThat(replay.outcomeCount())
                .as("labels joined to named-features requests")
                .isPositive();
        assertThat(replay.finalNames().keySet())
                .as("every model keeps texts")
                .containsExactlyInAnyOrderElementsOf(replay.finalStates().keySet());
        assertThat(replay.finalNames().values())
                .allSatisfy(names -> assertThat(names.size()).isPositive());
        final ModelStateSerde serde = CommittedStores.serde(
                EosSettings.config(HashedWorkload.settings()).adam());
        assertThat(replay.finalStates().values())
                .as("states of 4 KiB or more, whose changes the store writes as recent entries")
                .anyMatch(state -> state != null && serde.serialize("", state).length >= 4096);
    }

    @Test
    void shouldKeepItsBadRecordsBad() {
        assertThat(workload.records().stream().filter(Workload.Input::bad).map(Workload.Input::reason))
                .contains(RejectionReason.BAD_FEATURES.code(), RejectionReason.NOT_JSON.code())
                .doesNotContain(RejectionReason.WRONG_DIMENSION.code());
        assertThat(workload.records().stream()
                        .filter(r -> !r.bad()
                                && r.source() != io.onlinelearner.topology.Source.COMMANDS
                                && r.source() != io.onlinelearner.topology.Source.LABELS)
                        .map(r -> new String(r.value(), java.nio.charset.StandardCharsets.UTF_8)))
                .allMatch(v -> v.contains("\"features\":{") && !v.contains("\"x\""));
    }
}
