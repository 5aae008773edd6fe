package io.onlinelearner.labels;

import static io.onlinelearner.topology.VectorJson.assertSameJson;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.onlinelearner.config.TestTopics;
import io.onlinelearner.learner.Learner;
import io.onlinelearner.learner.ModelState;
import io.onlinelearner.learner.Outcome;
import io.onlinelearner.learner.Snapshot;
import io.onlinelearner.model.Label;
import io.onlinelearner.model.Position;
import io.onlinelearner.model.PredictRequest;
import io.onlinelearner.model.RecordRejectedException;
import io.onlinelearner.model.TrainingTopic;
import io.onlinelearner.serde.JsonCodec;
import io.onlinelearner.topology.VectorJson;
import io.onlinelearner.vectors.LabelsVector;
import io.onlinelearner.vectors.SharedVector;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Replays every labels vector through the pure core ({@link Labelling} over {@link MemoryPending}),
 * as the processor runs it: per record the stream time advances to its timestamp, expired requests
 * are forgotten, then the record is handled. Checks every outcome, dead letter, prediction, event,
 * round and checkpoint, and the final model.
 */
class LabelsVectorTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    static List<SharedVector> labelFiles() {
        return SharedVector.labelFiles();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("labelFiles")
    void shouldReproduceEveryOutcomeDeadLetterEventRoundCheckpointAndTheFinalModel(final SharedVector file) {
        final LabelsVector vector = new LabelsVector(file);
        final Replay run = new Replay(vector);
        run.all();
        final JsonNode expect = vector.expect();
        assertSameJson(file, "outcomes", run.outcomes, expect.path("outcomes"));
        assertSameJson(file, "deadLetters", run.dead, expect.path("deadLetters"));
        assertSameJson(file, "predictions", run.predictions, expect.path("predictions"));
        assertSameJson(file, "events", run.events, expect.path("events"));
        assertSameJson(file, "rounds", run.rounds, expect.path("rounds"));
        assertThat(run.checkpoints)
                .as("checkpoints checked")
                .isEqualTo(expect.path("checkpoints").size());
        final ObjectNode last = json(
                JsonCodec.write(JsonCodec.value(Snapshot.of(vector.modelId(), run.state), TestTopics.DEFAULT_LINEAGE)));
        final ObjectNode f = VectorJson.asVector(
                TrainingTopic.LABELS, last, "model", "features", "roundLoss", "bestRound", "bestLoss");
        f.set("weights", last.path("weights"));
        VectorJson.assertSame(file, "final", f, expect.path("final"));
    }

    private static ObjectNode json(final byte[] bytes) {
        try {
            return (ObjectNode) MAPPER.readTree(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One run of a labels file through the core. */
    private static final class Replay {
        private final LabelsVector vector;
        private final Learner learner;
        private final Labelling labelling;
        private final MemoryPending pending = new MemoryPending();
        private final String model;
        ModelState state;
        long streamTime = Long.MIN_VALUE;
        long labelOffset;
        int checkpoints;
        final List<ObjectNode> outcomes = new ArrayList<>();
        final List<ObjectNode> dead = new ArrayList<>();
        final List<ObjectNode> predictions = new ArrayList<>();
        final List<ObjectNode> events = new ArrayList<>();
        final List<ObjectNode> rounds = new ArrayList<>();

        Replay(final LabelsVector vector) {
            this.vector = vector;
            this.learner = new Learner(vector.vector().learnerSpec());
            this.labelling = new Labelling(
                    learner,
                    new LabelJoiner(vector.settings(), vector.vector().model().loss()));
            this.model = vector.modelId();
        }

        void all() {
            final Iterator<JsonNode> expected =
                    vector.expect().path("checkpoints").iterator();
            JsonNode next = expected.hasNext() ? expected.next() : null;
            int index = 0;
            for (final LabelsVector.Event event : vector.events()) {
                streamTime = Math.max(streamTime, event.ts());
                pending.apply(labelling.joiner().expire(pending, streamTime));
                try {
                    handle(event, index);
                } catch (RecordRejectedException rejected) {
                    dead.add(MAPPER.createObjectNode()
                            .put("event", index)
                            .put("reason", rejected.reason().code()));
                }
                if ("labels".equals(event.topic())) {
                    labelOffset++;
                }
                if (next != null && next.path("after").asInt() == index) {
                    checkpoint(next);
                    next = expected.hasNext() ? expected.next() : null;
                }
                index++;
            }
        }

        private void handle(final LabelsVector.Event event, final int index) {
            switch (event.topic()) {
                case "predict" -> {
                    final Labelling.Served served = labelling.predict(
                            state,
                            pending,
                            model,
                            new PredictRequest(event.x(), event.idJson()),
                            event.ts(),
                            index,
                            streamTime);
                    pending.apply(served.changes());
                    predictions.add(VectorJson.asVector(
                            TrainingTopic.LABELS,
                            json(JsonCodec.write(
                                    JsonCodec.predictionValue(model, served.prediction(), TestTopics.DEFAULT_LINEAGE))),
                            "model"));
                }
                case "labels" -> {
                    final Labelling.Labelled labelled = labelling.label(
                            state,
                            pending,
                            model,
                            new Label(event.idJson(), event.y()),
                            event.ts(),
                            streamTime,
                            Position.labels(0, labelOffset));
                    pending.apply(labelled.changes());
                    outcomes.add(outcome(labelled.outcome()));
                    take(labelled.learned());
                }
                case "commands" -> take(learner.command(state, event.command()));
                default -> throw new IllegalArgumentException("no " + event.topic() + " records in a labels file");
            }
        }

        private void take(final Outcome outcome) {
            outcome.events()
                    .forEach(e -> events.add(VectorJson.asVector(
                            TrainingTopic.LABELS,
                            json(JsonCodec.write(JsonCodec.eventValue(model, e, TestTopics.DEFAULT_LINEAGE))))));
            if (outcome.write()) {
                state = outcome.state();
            }
            if (outcome.kind().closesRound()) {
                rounds.add(MAPPER.createObjectNode()
                        .put("round", state.round().last())
                        .put("loss", state.lastRoundLoss())
                        .put("updates", state.live().updates())
                        .put("lr", state.lr())
                        .put("generation", state.generation()));
            }
        }

        private ObjectNode outcome(final ServedOutcome o) {
            final ObjectNode n = MAPPER.createObjectNode().put("model", o.model());
            try {
                n.set("id", MAPPER.readTree(o.idJson()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return n.put("prediction", o.prediction())
                    .put("y", o.y())
                    .put("loss", o.loss())
                    .put("parameters", o.parameters().wireName())
                    .put("updates", o.updates())
                    .put("generation", o.generation())
                    .put("delayMs", o.delayMs());
        }

        private void checkpoint(final JsonNode c) {
            final String at =
                    vector.vector().name() + " after " + c.path("after").asInt();
            final ObjectNode actual = VectorJson.labelsCheckpoint(
                    state,
                    learner.settings().adam().learningRate(),
                    c.path("after").asInt(),
                    events.size(),
                    predictions.size(),
                    outcomes.size(),
                    dead.size());
            VectorJson.assertSame(vector.vector(), at, actual, c);
            checkpoints++;
        }
    }
}
