package io.onlinelearner.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.onlinelearner.config.TestTopics;
import io.onlinelearner.learner.Cause;
import io.onlinelearner.learner.ControlEvent;
import io.onlinelearner.learner.ModelStatus;
import io.onlinelearner.learner.Prediction;
import io.onlinelearner.learner.PublishedStatus;
import io.onlinelearner.learner.Snapshot;
import io.onlinelearner.model.DoubleVector;
import io.onlinelearner.model.Position;
import io.onlinelearner.stopping.Weights;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One generator kept across documents writes each one's bytes exactly as a generator of its own does. */
class JsonWriterTest {

    private static final Position AT = Position.train(2, 1999);
    private static final Snapshot SNAPSHOT = new Snapshot(
            "m1",
            ModelStatus.TRAINING,
            2000,
            3,
            new Weights.Dense(DoubleVector.of(1.49, -1.99, 0.49)),
            0.29,
            19,
            0.0082,
            19,
            Double.NaN,
            0.001,
            0L,
            AT);

    private static List<JsonCodec.Body> documents() {
        return List.of(
                JsonCodec.predictionValue(
                        "m",
                        new Prediction(
                                "\"req-1\"", 1.5, PublishedStatus.TRAINING, Prediction.Answering.LIVE, 100, 1, AT),
                        TestTopics.DEFAULT_LINEAGE),
                JsonCodec.value(SNAPSHOT, TestTopics.DEFAULT_LINEAGE),
                JsonCodec.eventValue(
                        "m",
                        new ControlEvent.Evicted(Cause.IDLE, 0, PublishedStatus.NEW, 86_400_001),
                        TestTopics.DEFAULT_LINEAGE),
                JsonCodec.predictionValue(
                        "ü-model",
                        new Prediction(null, -0.1, PublishedStatus.STOPPED, Prediction.Answering.BEST, 7, 2, null),
                        TestTopics.DEFAULT_LINEAGE));
    }

    @Test
    void writesEachDocumentAsItsOwnGeneratorWould() {
        final JsonWriter writer = new JsonWriter();

        for (int round = 0; round < 3; round++) {
            for (final JsonCodec.Body document : documents()) {
                assertThat(text(writer.write(document))).isEqualTo(text(JsonCodec.write(document)));
            }
        }
        assertThat(text(writer.write(documents().get(2))))
                .startsWith("{\"model\":\"m\",\"event\":\"EVICTED\"")
                .endsWith("\"idleMs\":86400001}");
    }

    @Test
    void aDocumentThatFailsHalfWayLeavesTheNextOneWhole() {
        final JsonWriter writer = new JsonWriter();
        final JsonCodec.Body failing = JsonCodec.object(g -> {
            g.writeStringField("model", "m");
            throw new IllegalStateException("a failure half-way");
        });

        assertThatThrownBy(() -> writer.write(failing)).hasMessage("a failure half-way");

        final JsonCodec.Body next = documents().get(0);
        assertThat(text(writer.write(next))).isEqualTo(text(JsonCodec.write(next)));
    }

    private static String text(final byte[] json) {
        return new String(json, StandardCharsets.UTF_8);
    }
}
