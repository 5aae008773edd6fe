package io.onlinelearner.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.onlinelearner.config.LearnerConfig;
import io.onlinelearner.config.TestTopics;
import io.onlinelearner.learner.Learner;
import io.onlinelearner.learner.ModelState;
import io.onlinelearner.learner.Snapshot;
import io.onlinelearner.metrics.ModelHistory;
import io.onlinelearner.model.Example;
import io.onlinelearner.model.Position;
import io.onlinelearner.model.PredictRequest;
import io.onlinelearner.serde.JsonCodec;
import io.onlinelearner.serde.LineageNames;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HttpJsonTest {

    private static final Learner LEARNER = new Learner(LearnerConfig.defaults().learnerSpec());
    private static final ModelState TRAINED = LEARNER.train(
                    null, new Example(new double[] {1.0, 2.0}, 3.0), Position.train(0, 0L))
            .state();

    private static String text(final byte[] json) {
        return new String(json, StandardCharsets.UTF_8);
    }

    private static String snapshotJson(final String model) {
        return text(JsonCodec.write(JsonCodec.value(Snapshot.of(model, TRAINED), TestTopics.DEFAULT_LINEAGE)));
    }

    @Test
    void shouldNameTheConfiguredTrainingTopicInALineage() {
        final PredictRequest request = new PredictRequest(new double[] {1.0, 2.0}, null);
        final LineageNames renamed = new LineageNames("prod.train", "prod.labels");
        assertThat(text(HttpJson.prediction(LEARNER.predict(TRAINED, request), renamed)))
                .contains("\"trainedThrough\":{\"topic\":\"prod.train\",");
        assertThat(text(JsonCodec.write(JsonCodec.value(Snapshot.of("m", TRAINED), renamed))))
                .contains("\"trainedThrough\":{\"topic\":\"prod.train\",");
    }

    @Test
    void shouldAnswerAPredictionWithTheFieldsThatAreNotTheRequests() {
        final PredictRequest request = new PredictRequest(new double[] {1.0, 2.0}, "\"req-1\"");
        assertThat(text(HttpJson.prediction(LEARNER.predict(null, request), TestTopics.DEFAULT_LINEAGE)))
                .isEqualTo("{\"prediction\":0.0,\"status\":\"NEW\","
                        + "\"parameters\":\"initial\",\"updates\":0,\"generation\":0,\"trainedThrough\":null}");
        final String record = text(JsonCodec.write(
                JsonCodec.predictionValue("m", LEARNER.predict(TRAINED, request), TestTopics.DEFAULT_LINEAGE)));
        assertThat(text(HttpJson.prediction(LEARNER.predict(TRAINED, request), TestTopics.DEFAULT_LINEAGE)))
                .isEqualTo(record.replace("\"model\":\"m\",\"id\":\"req-1\",", ""))
                .startsWith("{\"prediction\":");
    }

    @Test
    void shouldWriteErrorsAndHealth() {
        assertThat(text(HttpJson.error(404, "no model 'x'"))).isEqualTo("{\"error\":\"no model 'x'\",\"status\":404}");
        assertThat(text(HttpJson.health(true, "RUNNING"))).isEqualTo("{\"status\":\"UP\",\"state\":\"RUNNING\"}");
        assertThat(text(HttpJson.health(false, "ERROR"))).isEqualTo("{\"status\":\"DOWN\",\"state\":\"ERROR\"}");
    }

    @Test
    void shouldWriteAHistoryWithItsSnapshotMarkersAndCurves() {
        final ModelHistory history = new ModelHistory(
                "m", TRAINED, 20, new long[] {10, 30}, new double[] {0.5, 0.25}, new long[] {0}, new double[] {1.5});
        assertThat(text(HttpJson.array(List.of(HttpJson.history(history, TestTopics.DEFAULT_LINEAGE)))))
                .isEqualTo("[{\"model\":\"m\",\"snapshot\":" + snapshotJson("m") + ",\"trainLoss\":"
                        + TRAINED.trainLoss()
                        + ",\"wait\":0,\"liveUpdates\":1,\"bestUpdates\":null,\"stoppedRound\":null,\"trainEvery\":20,"
                        + "\"train\":[[10,0.5],[30,0.25]],\"rounds\":[[0,1.5]],\"predictions\":0,\"trainShift\":0,"
                        + "\"roundShift\":0,\"markers\":[]}]");
    }

    @Test
    void shouldWriteTheServedLossCurveAndLabelCountsOfAModelWithLabels() {
        final ModelHistory plain = new ModelHistory(
                "m", TRAINED, 20, new long[] {10}, new double[] {0.5}, new long[] {0}, new double[] {1.5});
        final ModelHistory labelled = new ModelHistory(
                plain.model(),
                plain.view(),
                plain.trainEvery(),
                plain.trainX(),
                plain.trainLoss(),
                plain.rounds(),
                plain.roundLoss(),
                plain.predictions(),
                plain.trainShift(),
                plain.roundShift(),
                plain.markers(),
                new ModelHistory.Served(new long[] {1, 2}, new double[] {0.5, 0.25}, 0.25, 3));
        final String without = text(JsonCodec.write(HttpJson.history(plain, TestTopics.DEFAULT_LINEAGE)));
        assertThat(text(JsonCodec.write(HttpJson.history(labelled, TestTopics.DEFAULT_LINEAGE))))
                .isEqualTo(without.substring(0, without.length() - 1)
                        + ",\"served\":[[1,0.5],[2,0.25]],\"servedLoss\":0.25,\"pending\":3}");
        final ModelHistory none = new ModelHistory(
                plain.model(),
                plain.view(),
                plain.trainEvery(),
                plain.trainX(),
                plain.trainLoss(),
                plain.rounds(),
                plain.roundLoss(),
                plain.predictions(),
                plain.trainShift(),
                plain.roundShift(),
                plain.markers(),
                new ModelHistory.Served(new long[0], new double[0], Double.NaN, 1));
        assertThat(text(JsonCodec.write(HttpJson.history(none, TestTopics.DEFAULT_LINEAGE))))
                .endsWith(",\"served\":[],\"servedLoss\":null,\"pending\":1}");
    }

    @Test
    void shouldWriteValuesAsOneArrayInTheirOrder() {
        assertThat(text(HttpJson.array(List.of()))).isEqualTo("[]");
        assertThat(text(HttpJson.array(List.of(
                        JsonCodec.value(Snapshot.of("m1", TRAINED), TestTopics.DEFAULT_LINEAGE),
                        g -> g.writeNumber(1)))))
                .isEqualTo("[" + snapshotJson("m1") + ",1]");
    }

    @Test
    void shouldReadAnotherInstancesArrayByModelAndWriteItsObjectsAgainUnchanged() throws IOException {
        final String first = snapshotJson("m1");
        final String other = snapshotJson("m0");
        final String later = other.replace("\"updates\":1,", "\"updates\":8,");
        final byte[] fetched = ("[" + first + "," + other + "," + later + "]").getBytes(StandardCharsets.UTF_8);
        final Map<String, JsonCodec.Body> byModel = HttpJson.objectsByModel(fetched);
        assertThat(byModel).containsOnlyKeys("m1", "m0");
        assertThat(text(HttpJson.array(byModel.values()))).isEqualTo("[" + first + "," + other + "]");
    }

    @Test
    void shouldRefuseAnythingButAnArrayFromAnotherInstance() {
        assertThatThrownBy(() -> HttpJson.objectsByModel("{\"model\":\"m\"}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IOException.class)
                .hasMessage("expected a JSON array");
        assertThatThrownBy(() -> HttpJson.objectsByModel(new byte[0]))
                .isInstanceOf(IOException.class)
                .hasMessage("expected a JSON array");
    }
}
