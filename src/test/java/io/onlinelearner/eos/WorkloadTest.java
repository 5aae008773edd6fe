package io.onlinelearner.eos;

import static org.assertj.core.api.Assertions.assertThat;

import io.onlinelearner.topology.Source;
import org.junit.jupiter.api.Test;

/**
 * The exactly-once tests' workload, replayed through the core: it must exercise what they check
 * under kills (stops, drift and its resumes, commands of every kind, predictions, bad records of
 * train, predict and commands), or a green crash test would prove less than it says.
 */
class WorkloadTest {

    private static final Workload WORKLOAD = Workload.generate(3, 2, 10, 40, EosSettings.WINDOW, 42L, 0L);
    private static final Replay REPLAY = Replay.of(WORKLOAD, EosSettings.config());

    @Test
    void shouldMakeEveryKindOfEventHappen() {
        assertThat(REPLAY.count("STOPPED", "early-stopping")).as("early stops").isPositive();
        assertThat(REPLAY.count("DRIFT", "drift")).as("drift detections").isPositive();
        assertThat(REPLAY.count("RESUMED", "drift")).as("resumes on drift").isPositive();
        assertThat(REPLAY.count("STOPPED", "command") + REPLAY.count("IGNORED", "command"))
                .as("stop commands")
                .isGreaterThanOrEqualTo(2);
        assertThat(REPLAY.count("RESUMED", "command")).as("resume commands").isPositive();
        assertThat(REPLAY.count("LR_CHANGED", "command")).as("set-lr").isEqualTo(1);
        assertThat(REPLAY.count("RESET", "command")).as("reset").isEqualTo(1);
        assertThat(REPLAY.stopped()).as("models stopped at the end").isNotEmpty();
        assertThat(REPLAY.stillTraining()).as("models training at the end").isNotEmpty();
    }

    @Test
    void shouldAnswerEveryValidPredictRecordOnceAndDeadLetterEveryBadTrainPredictAndCommandRecord() {
        final long validPredict = WORKLOAD.records().stream()
                .filter(r -> r.source() == Source.PREDICT && !r.bad())
                .count();
        assertThat(REPLAY.predictionCount()).isEqualTo(validPredict).isPositive();
        for (final Source source : new Source[] {Source.TRAIN, Source.PREDICT, Source.COMMANDS}) {
            assertThat(WORKLOAD.records())
                    .as("bad records on %s", source)
                    .anySatisfy(r -> assertThat(r.source() == source && r.bad() && !r.isEnd())
                            .isTrue());
        }
        assertThat(WORKLOAD.expectedDeadLetters(new TopicNames("t"))).hasSize((int) WORKLOAD.records().stream()
                .filter(r -> r.bad() && !(r.isEnd() && r.source() != Source.TRAIN))
                .count());
    }
}
