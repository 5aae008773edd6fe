package io.onlinelearner.serde;

import static org.assertj.core.api.Assertions.assertThat;

import io.onlinelearner.config.TestTopics;
import io.onlinelearner.features.SparseWeights;
import io.onlinelearner.learner.Cause;
import io.onlinelearner.learner.ControlEvent;
import io.onlinelearner.learner.ModelStatus;
import io.onlinelearner.learner.Prediction;
import io.onlinelearner.learner.PublishedStatus;
import io.onlinelearner.learner.Snapshot;
import io.onlinelearner.model.Command;
import io.onlinelearner.model.DoubleVector;
import io.onlinelearner.model.Position;
import io.onlinelearner.stopping.Weights;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonCodecTest {

    private static final double[] WEIGHTS = {1.49, -1.99, 0.49};
    private static final Snapshot SNAPSHOT = new Snapshot(
            "m1", ModelStatus.TRAINING, 2000, 3, dense(WEIGHTS), 0.29, 19, 0.0082, 19, 0.0082, 0.001, 0L, null);
    private static final String SNAPSHOT_JSON = "{\"model\":\"m1\",\"status\":\"TRAINING\",\"updates\":2000,"
            + "\"features\":3,\"weights\":[1.49,-1.99,0.49],\"bias\":0.29,\"round\":19,\"roundLoss\":0.0082,"
            + "\"bestRound\":19,\"bestLoss\":0.0082,\"lr\":0.001,\"generation\":0,\"trainedThrough\":null}";
    private static final Position AT = Position.train(2, 1999);
    private static final String AT_JSON = "{\"topic\":\"train\",\"partition\":2,\"offset\":1999}";

    private static String text(final byte[] json) {
        return new String(json, StandardCharsets.UTF_8);
    }

    @Test
    void shouldWriteTheSnapshotInTheContractsFieldOrder() {
        assertThat(text(JsonCodec.write(JsonCodec.value(SNAPSHOT, TestTopics.DEFAULT_LINEAGE))))
                .isEqualTo(SNAPSHOT_JSON);
    }

    @Test
    void shouldWriteAbsentAndNonFiniteValuesAsNull() {
        final Snapshot fresh = new Snapshot(
                "m", ModelStatus.TRAINING, 0, 1, dense(0.0), 0.0, 3, Double.NaN, null, null, 0.001, 0L, null);
        assertThat(text(JsonCodec.write(JsonCodec.value(fresh, TestTopics.DEFAULT_LINEAGE))))
                .isEqualTo("{\"model\":\"m\",\"status\":\"TRAINING\",\"updates\":0,"
                        + "\"features\":1,\"weights\":[0.0],\"bias\":0.0,\"round\":3,\"roundLoss\":null,\"bestRound\":null,"
                        + "\"bestLoss\":null,\"lr\":0.001,\"generation\":0,\"trainedThrough\":null}");
    }

    @Test
    void shouldWriteTheSnapshotsLearningRateGenerationAndLineage() {
        final Snapshot stopped =
                new Snapshot("m", ModelStatus.STOPPED, 1500, 1, dense(2.5), -1.0, null, null, 4, 0.25, 0.0125, 3L, AT);
        assertThat(text(JsonCodec.write(JsonCodec.value(stopped, TestTopics.DEFAULT_LINEAGE))))
                .isEqualTo("{\"model\":\"m\",\"status\":\"STOPPED\","
                        + "\"updates\":1500,\"features\":1,\"weights\":[2.5],\"bias\":-1.0,\"round\":null,"
                        + "\"roundLoss\":null,\"bestRound\":4,\"bestLoss\":0.25,\"lr\":0.0125,\"generation\":3,"
                        + "\"trainedThrough\":" + AT_JSON + "}");
    }

    @Test
    void shouldWriteTheStopSignalAsAStoppedEventWithTheFrozenParametersAndTheirLineage() {
        final ControlEvent stopped = new ControlEvent.Stopped(
                Cause.EARLY_STOPPING, 0, PublishedStatus.STOPPED, 24, 19, 0.0082, 2000, 3, dense(WEIGHTS), 0.29, AT);
        assertThat(text(JsonCodec.write(JsonCodec.eventValue("m1", stopped, TestTopics.DEFAULT_LINEAGE))))
                .isEqualTo("{\"model\":\"m1\",\"event\":\"STOPPED\","
                        + "\"cause\":\"early-stopping\",\"generation\":0,\"status\":\"STOPPED\",\"stoppedRound\":24,"
                        + "\"bestRound\":19,\"bestLoss\":0.0082,\"updates\":2000,\"weights\":[1.49,-1.99,0.49],"
                        + "\"bias\":0.29,\"trainedThrough\":" + AT_JSON + "}");
    }

    @Test
    void shouldWriteAHashedStopSignalWithItsDimensionAndTheTouchedIndicesAsAnObject() {
        final ControlEvent stopped = new ControlEvent.Stopped(
                Cause.COMMAND,
                0,
                PublishedStatus.STOPPED,
                null,
                null,
                null,
                2,
                1 << 18,
                new Weights.Sparse(SparseWeights.of(new int[] {7, 4096}, new double[] {0.5, -0.25}, 0.125)),
                0.125,
                null);
        assertThat(text(JsonCodec.write(JsonCodec.eventValue("m", stopped, TestTopics.DEFAULT_LINEAGE))))
                .isEqualTo("{\"model\":\"m\",\"event\":\"STOPPED\","
                        + "\"cause\":\"command\",\"generation\":0,\"status\":\"STOPPED\",\"stoppedRound\":null,"
                        + "\"bestRound\":null,\"bestLoss\":null,\"updates\":2,\"features\":262144,"
                        + "\"weights\":{\"7\":0.5,\"4096\":-0.25},\"bias\":0.125,\"trainedThrough\":null}");
    }

    @Test
    void shouldWriteACommandStopWithoutRoundsAsNulls() {
        final ControlEvent stopped = new ControlEvent.Stopped(
                Cause.COMMAND, 2, PublishedStatus.STOPPED, null, null, null, 0, 1, dense(0.0), 0.0, null);
        assertThat(text(JsonCodec.write(JsonCodec.eventValue("m", stopped, TestTopics.DEFAULT_LINEAGE))))
                .isEqualTo("{\"model\":\"m\",\"event\":\"STOPPED\","
                        + "\"cause\":\"command\",\"generation\":2,\"status\":\"STOPPED\",\"stoppedRound\":null,"
                        + "\"bestRound\":null,\"bestLoss\":null,\"updates\":0,\"weights\":[0.0],\"bias\":0.0,"
                        + "\"trainedThrough\":null}");
    }

    @Test
    void shouldWriteEveryOtherEventWithTheSharedFieldsAndItsOwn() {
        final String shared = "{\"model\":\"m\",\"event\":";
        assertThat(text(JsonCodec.write(JsonCodec.eventValue(
                        "m",
                        new ControlEvent.Resumed(
                                Cause.DRIFT, 1, PublishedStatus.TRAINING, Command.ResumeFrom.BEST, 700),
                        TestTopics.DEFAULT_LINEAGE))))
                .isEqualTo(shared + "\"RESUMED\",\"cause\":\"drift\","
                        + "\"generation\":1,\"status\":\"TRAINING\",\"from\":\"best\",\"updates\":700}");
        assertThat(text(JsonCodec.write(JsonCodec.eventValue(
                        "m",
                        new ControlEvent.Reset(Cause.COMMAND, 3, PublishedStatus.TRAINING),
                        TestTopics.DEFAULT_LINEAGE))))
                .isEqualTo(shared + "\"RESET\",\"cause\":\"command\",\"generation\":3,\"status\":\"TRAINING\"}");
        assertThat(text(JsonCodec.write(JsonCodec.eventValue(
                        "m",
                        new ControlEvent.LrChanged(Cause.COMMAND, 1, PublishedStatus.TRAINING, 0.01, 0.03, null),
                        TestTopics.DEFAULT_LINEAGE))))
                .isEqualTo(shared + "\"LR_CHANGED\",\"cause\":\"command\",\"generation\":1,"
                        + "\"status\":\"TRAINING\",\"from\":0.01,\"to\":0.03}");
        assertThat(text(JsonCodec.write(JsonCodec.eventValue(
                        "m",
                        new ControlEvent.LrChanged(Cause.PLATEAU, 0, PublishedStatus.TRAINING, 0.05, 0.025, 3),
                        TestTopics.DEFAULT_LINEAGE))))
                .isEqualTo(shared + "\"LR_CHANGED\",\"cause\":\"plateau\",\"generation\":0,"
                        + "\"status\":\"TRAINING\",\"from\":0.05,\"to\":0.025,\"round\":3}");
        assertThat(text(JsonCodec.write(JsonCodec.eventValue(
                        "m",
                        new ControlEvent.Drift(Cause.DRIFT, 0, PublishedStatus.STOPPED, 1203, 129.5),
                        TestTopics.DEFAULT_LINEAGE))))
                .isEqualTo(shared + "\"DRIFT\",\"cause\":\"drift\",\"generation\":0,"
                        + "\"status\":\"STOPPED\",\"records\":1203,\"statistic\":129.5}");
        assertThat(text(JsonCodec.write(JsonCodec.eventValue(
                        "m",
                        new ControlEvent.Ignored(Cause.COMMAND, 0, PublishedStatus.NEW, "resume", "no such model"),
                        TestTopics.DEFAULT_LINEAGE))))
                .isEqualTo(shared + "\"IGNORED\",\"cause\":\"command\",\"generation\":0,"
                        + "\"status\":\"NEW\",\"command\":\"resume\",\"reason\":\"no such model\"}");
        assertThat(text(JsonCodec.write(JsonCodec.eventValue(
                        "m",
                        new ControlEvent.Evicted(Cause.IDLE, 0, PublishedStatus.NEW, 86_400_001),
                        TestTopics.DEFAULT_LINEAGE))))
                .isEqualTo(shared + "\"EVICTED\",\"cause\":\"idle\",\"generation\":0,"
                        + "\"status\":\"NEW\",\"idleMs\":86400001}");
    }

    @Test
    void shouldWriteAPredictionEchoingTheIdAsItsJsonText() {
        final String rest = "\"prediction\":1.5,\"status\":\"TRAINING\",\"parameters\":\"live\",\"updates\":100,"
                + "\"generation\":1,\"trainedThrough\":" + AT_JSON + "}";
        for (final String id : List.of("\"req-1\"", "3.5", "4", "1e3", "null", "true", "\"a\\\"b\"")) {
            final Prediction p =
                    new Prediction(id, 1.5, PublishedStatus.TRAINING, Prediction.Answering.LIVE, 100, 1, AT);
            assertThat(text(JsonCodec.write(JsonCodec.predictionValue("m", p, TestTopics.DEFAULT_LINEAGE))))
                    .isEqualTo("{\"model\":\"m\",\"id\":" + id + "," + rest);
        }
        final Prediction none =
                new Prediction(null, 1.5, PublishedStatus.TRAINING, Prediction.Answering.LIVE, 100, 1, AT);
        assertThat(text(JsonCodec.write(JsonCodec.predictionValue("m", none, TestTopics.DEFAULT_LINEAGE))))
                .isEqualTo("{\"model\":\"m\"," + rest);
    }

    private static Weights dense(final double... weights) {
        return new Weights.Dense(DoubleVector.of(weights));
    }
}
