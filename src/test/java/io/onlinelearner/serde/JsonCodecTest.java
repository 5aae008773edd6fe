package io.onlinelearner.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.onlinelearner.config.LearnerConfig;
import io.onlinelearner.learner.Learner;
import io.onlinelearner.learner.ModelState;
import io.onlinelearner.learner.ModelStatus;
import io.onlinelearner.learner.Prediction;
import io.onlinelearner.learner.PublishedStatus;
import io.onlinelearner.model.Position;
import io.onlinelearner.learner.Snapshot;
import io.onlinelearner.learner.StopSignal;
import io.onlinelearner.metrics.ModelHistory;
import io.onlinelearner.model.Example;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonCodecTest {

    private static final double[] WEIGHTS = {1.49, -1.99, 0.49};
    private static final Snapshot SNAPSHOT =
            new Snapshot("m1", ModelStatus.TRAINING, 2000, 3, WEIGHTS, 0.29, 19, 0.0082, 19, 0.0082, 0.001, 0L, null);
    private static final String SNAPSHOT_JSON = "{\"model\":\"m1\",\"status\":\"TRAINING\",\"updates\":2000,"
            + "\"features\":3,\"weights\":[1.49,-1.99,0.49],\"bias\":0.29,\"round\":19,\"roundLoss\":0.0082,"
            + "\"bestRound\":19,\"bestLoss\":0.0082,\"lr\":0.001,\"generation\":0,\"trainedThrough\":null}";

    private static String text(final byte[] json) {
        return new String(json, StandardCharsets.UTF_8);
    }

    private static ModelState trainedOnce() {
        final LearnerConfig config = LearnerConfig.defaults();
        return new Learner(config.model(), config.adam(), config.stopping())
                .train(null, new Example(new double[] {1.0, 2.0}, 3.0), new io.onlinelearner.model.Position(0, 0L)).state();
    }

    @Test
    void shouldWriteTheSnapshotInTheContractsFieldOrder() {
        assertThat(text(JsonCodec.snapshot(SNAPSHOT))).isEqualTo(SNAPSHOT_JSON);
    }

    @Test
    void shouldWriteAbsentAndNonFiniteValuesAsNull() {
        final Snapshot fresh = new Snapshot("m", ModelStatus.TRAINING, 0, 1, new double[] {0.0}, 0.0, 3,
                Double.NaN, null, null, 0.001, 0L, null);
        assertThat(text(JsonCodec.snapshot(fresh))).isEqualTo("{\"model\":\"m\",\"status\":\"TRAINING\",\"updates\":0,"
                + "\"features\":1,\"weights\":[0.0],\"bias\":0.0,\"round\":3,\"roundLoss\":null,\"bestRound\":null,"
                + "\"bestLoss\":null,\"lr\":0.001,\"generation\":0,\"trainedThrough\":null}");
    }

    @Test
    void shouldWriteThePredictionBodyInTheContractsFieldOrder() {
        final Prediction p = new Prediction("7", 1.25, PublishedStatus.STOPPED, Prediction.Answering.FROZEN, 600, 2L,
                new Position(1, 41L));
        assertThat(text(JsonCodec.predictionBody(p))).isEqualTo("{\"prediction\":1.25,\"status\":\"STOPPED\","
                + "\"parameters\":\"frozen\",\"updates\":600,\"generation\":2,"
                + "\"trainedThrough\":{\"partition\":1,\"offset\":41}}");
    }

    @Test
    void shouldWriteTheStopSignalInTheContractsFieldOrder() {
        assertThat(text(JsonCodec.stopSignal(new StopSignal("m1", 24, 19, 0.0082, 2000, WEIGHTS, 0.29))))
                .isEqualTo("{\"model\":\"m1\",\"event\":\"STOPPED\",\"stoppedRound\":24,\"bestRound\":19,"
                        + "\"bestLoss\":0.0082,\"updates\":2000,\"weights\":[1.49,-1.99,0.49],\"bias\":0.29}");
    }

    @Test
    void shouldWriteErrorsAndHealth() {
        assertThat(text(JsonCodec.error(404, "no model 'x'"))).isEqualTo("{\"error\":\"no model 'x'\",\"status\":404}");
        assertThat(text(JsonCodec.health(true, "RUNNING"))).isEqualTo("{\"status\":\"UP\",\"state\":\"RUNNING\"}");
        assertThat(text(JsonCodec.health(false, "ERROR"))).isEqualTo("{\"status\":\"DOWN\",\"state\":\"ERROR\"}");
    }

    @Test
    void shouldWriteAHistoryWithItsSnapshotMarkersAndCurves() {
        final ModelState state = trainedOnce();
        final ModelHistory history = new ModelHistory("m", state, 20, new long[] {10, 30}, new double[] {0.5, 0.25},
                new long[] {0}, new double[] {1.5});
        assertThat(text(JsonCodec.array(List.of(JsonCodec.value(history))))).isEqualTo("[{\"model\":\"m\",\"snapshot\":"
                + text(JsonCodec.snapshot(Snapshot.of("m", state))) + ",\"trainLoss\":" + state.trainLoss()
                + ",\"wait\":0,\"liveUpdates\":1,\"bestUpdates\":null,\"stoppedRound\":null,\"trainEvery\":20,"
                + "\"train\":[[10,0.5],[30,0.25]],\"rounds\":[[0,1.5]],\"predictions\":0,\"trainShift\":0,"
                + "\"roundShift\":0,\"markers\":[]}]");
    }

    @Test
    void shouldWriteValuesAsOneArrayInTheirOrder() {
        assertThat(text(JsonCodec.array(List.of()))).isEqualTo("[]");
        assertThat(text(JsonCodec.array(List.of(JsonCodec.value(SNAPSHOT), g -> g.writeNumber(1)))))
                .isEqualTo("[" + SNAPSHOT_JSON + ",1]");
    }

    @Test
    void shouldReadAnotherInstancesArrayByModelAndWriteItsObjectsAgainUnchanged() throws IOException {
        final String other = SNAPSHOT_JSON.replace("\"m1\"", "\"m0\"").replace("2000", "7");
        final byte[] fetched = ("[" + SNAPSHOT_JSON + "," + other + "," + other.replace("7", "8") + "]")
                .getBytes(StandardCharsets.UTF_8);
        final Map<String, JsonCodec.Body> byModel = JsonCodec.objectsByModel(fetched);
        assertThat(byModel).containsOnlyKeys("m1", "m0");
        assertThat(text(JsonCodec.array(byModel.values()))).isEqualTo("[" + SNAPSHOT_JSON + "," + other + "]");
    }

    @Test
    void shouldRefuseAnythingButAnArrayFromAnotherInstance() {
        assertThatThrownBy(() -> JsonCodec.objectsByModel("{\"model\":\"m\"}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IOException.class).hasMessage("expected a JSON array");
        assertThatThrownBy(() -> JsonCodec.objectsByModel(new byte[0]))
                .isInstanceOf(IOException.class).hasMessage("expected a JSON array");
    }
}
