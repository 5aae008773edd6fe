package io.onlinelearner.features;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.onlinelearner.model.DoubleVector;
import io.onlinelearner.model.HashedFeatures;
import io.onlinelearner.model.Loss;
import io.onlinelearner.stopping.Checkpoint;
import io.onlinelearner.stopping.EarlyStopping;
import io.onlinelearner.stopping.StoppingState;
import io.onlinelearner.vectors.SharedVector;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/**
 * Replays {@code hashed.json} through the pure core of named features: each record's features
 * through {@link FeatureReader}, each training record as one {@link SparseAdam} step, validation
 * records into rounds closed by {@link EarlyStopping}, predictions from the weights in force: the
 * maths of named features without the learner around it. It checks each round's number, loss and
 * update count, each prediction's id, value, status and update count, the number of checkpoints,
 * the stop signal's rounds, best loss, updates, lineage and weights, and the final weights, update
 * count and round. Every other field of the file (generations, learning rates, events' and
 * predictions' remaining fields) is the learner's, and {@code HashedTopologyTest} compares the
 * whole file through the topology.
 */
class HashedVectorTest {

    private final SharedVector vector = SharedVector.named("hashed");

    @Test
    void shouldReproduceTheParameterTrajectoryRoundsPredictionsAndStop() {
        final Replay run = new Replay(vector);
        run.all();
        final JsonNode expect = vector.expect();
        checkRounds(run.rounds, expect.path("rounds"));
        checkPredictions(run.predictions, expect.path("predictions"));
        assertThat(run.checkpoints).isEqualTo(expect.path("checkpoints").size());
        final JsonNode stop = expect.path("events").get(0);
        assertThat(expect.path("events").size()).isEqualTo(1);
        assertThat(run.stoppedRound).isEqualTo(stop.path("stoppedRound").asInt());
        assertThat(run.stopping.bestRound()).isEqualTo(stop.path("bestRound").asInt());
        assertClose("bestLoss", run.stopping.best(), stop.path("bestLoss").asDouble());
        assertThat(run.frozenUpdates).isEqualTo(stop.path("updates").asLong());
        assertThat(run.frozenUpdates - 1).isEqualTo(stop.path("trainedThrough").asLong());
        checkWeights(run.frozen, stop);
        final JsonNode last = expect.path("final");
        checkWeights(run.frozen, last);
        assertThat(run.frozenUpdates).isEqualTo(last.path("updates").asLong());
        assertThat(run.round).isEqualTo(last.path("round").asInt());
    }

    @Test
    void shouldKeepMomentsOfIndicesAbsentFromARecordAsTheyWere() {
        final Replay run = new Replay(vector);
        final JsonNode first = vector.root().path("events").get(0);
        final JsonNode second = vector.root().path("events").get(2);
        run.train(first);
        final SparseMoments afterFirst = run.moments;
        run.train(second);
        final HashedFeatures a = run.features(first);
        final HashedFeatures b = run.features(second);
        int unchanged = 0;
        for (int k = 0; k < a.size(); k++) {
            final int index = a.index(k);
            if (java.util.Arrays.binarySearch(b.indices(), index) < 0) {
                assertThat(run.moments.m(index)).isEqualTo(afterFirst.m(index));
                assertThat(run.moments.v(index)).isEqualTo(afterFirst.v(index));
                assertThat(run.weights.weight(index))
                        .isEqualTo(run.weightsAfter.get(0).weight(index));
                unchanged++;
            }
        }
        assertThat(unchanged).isPositive();
        assertThat(run.moments.step()).isEqualTo(2);
    }

    private void checkRounds(final List<double[]> actual, final JsonNode expected) {
        assertThat(actual).hasSize(expected.size());
        for (int r = 0; r < actual.size(); r++) {
            final JsonNode e = expected.get(r);
            assertThat((int) actual.get(r)[0]).isEqualTo(e.path("round").asInt());
            assertClose("round " + r + " loss", actual.get(r)[1], e.path("loss").asDouble());
            assertThat((long) actual.get(r)[2]).isEqualTo(e.path("updates").asLong());
        }
    }

    private void checkPredictions(final List<Object[]> actual, final JsonNode expected) {
        assertThat(actual).hasSize(expected.size());
        for (int p = 0; p < actual.size(); p++) {
            final JsonNode e = expected.get(p);
            final Object[] a = actual.get(p);
            assertThat(a[0]).isEqualTo(e.path("id").asText());
            assertClose(
                    "prediction " + a[0], (double) a[1], e.path("prediction").asDouble());
            assertThat(a[2]).isEqualTo(e.path("status").asText());
            assertThat(a[3]).isEqualTo(e.path("updates").asLong());
        }
    }

    private void checkWeights(final SparseWeights actual, final JsonNode expected) {
        final Map<Integer, Double> nonZero = new HashMap<>();
        for (int k = 0; k < actual.size(); k++) {
            if (actual.weightAt(k) != 0.0) {
                nonZero.put(actual.index(k), actual.weightAt(k));
            }
        }
        final Map<Integer, Double> listed = StreamSupport.stream(
                        ((Iterable<Map.Entry<String, JsonNode>>)
                                        () -> expected.path("weights").fields())
                                .spliterator(),
                        false)
                .collect(Collectors.toMap(
                        e -> Integer.valueOf(e.getKey()), e -> e.getValue().asDouble()));
        assertThat(nonZero.keySet()).isEqualTo(listed.keySet());
        listed.forEach((index, weight) -> assertClose("weight " + index, nonZero.get(index), weight));
        assertClose("bias", actual.bias(), expected.path("bias").asDouble());
    }

    private void assertClose(final String what, final double actual, final double expected) {
        assertThat(vector.close(actual, expected))
                .as("%s: %s vs %s", what, actual, expected)
                .isTrue();
    }

    /** The core driven record by record, as the learner will drive it. */
    private static final class Replay {
        final SharedVector vector;
        final FeatureReader reader;
        final SparseAdam adam;
        final EarlyStopping earlyStopping;
        final double lr;
        final int window;
        SparseWeights weights = SparseWeights.ZERO;
        SparseMoments moments = SparseMoments.ZERO;
        StoppingState stopping = StoppingState.INITIAL;
        final Map<Long, SparseWeights> snapshots = new HashMap<>();
        final List<SparseWeights> weightsAfter = new ArrayList<>();
        final List<double[]> rounds = new ArrayList<>();
        final List<Object[]> predictions = new ArrayList<>();
        SparseWeights frozen;
        long frozenUpdates;
        Integer stoppedRound;
        int round = -1;
        double roundSum;
        int roundCount;
        int checkpoints;

        Replay(final SharedVector vector) {
            this.vector = vector;
            final JsonNode f = vector.root().path("features");
            final String rules = StreamSupport.stream(f.path("interactions").spliterator(), false)
                    .map(pair -> pair.get(0).asText() + ":" + pair.get(1).asText())
                    .collect(Collectors.joining(","));
            this.reader = new FeatureReader(new HashingConfig(
                    f.path("hashBits").asInt(),
                    f.path("hashSeed").asInt(),
                    Interaction.parseAll(rules),
                    true,
                    2,
                    10_000));
            this.adam = new SparseAdam(
                    vector.adam().beta1(), vector.adam().beta2(), vector.adam().epsilon());
            this.lr = vector.adam().learningRate();
            this.earlyStopping = new EarlyStopping(vector.stopping());
            this.window = vector.stopping().validationWindow();
        }

        HashedFeatures features(final JsonNode event) {
            return Features.read(reader, event.path("features").toString());
        }

        void all() {
            final Iterator<JsonNode> expected =
                    vector.expect().path("checkpoints").iterator();
            JsonNode next = expected.next();
            int index = 0;
            for (final JsonNode event : vector.root().path("events")) {
                switch (event.path("topic").asText()) {
                    case "train" -> train(event);
                    case "validation" -> validate(event);
                    default -> predict(event);
                }
                if (next != null && next.path("after").asInt() == index) {
                    assertThat(frozen == null ? moments.step() : frozenUpdates)
                            .as("updates after %d", index)
                            .isEqualTo(next.path("updates").asLong());
                    assertThat(frozen == null ? "TRAINING" : "STOPPED")
                            .isEqualTo(next.path("status").asText());
                    assertThat(round < 0 ? null : round)
                            .isEqualTo(
                                    next.path("round").isNull()
                                            ? null
                                            : next.path("round").asInt());
                    assertThat(predictions).hasSize(next.path("predictions").asInt());
                    checkpoints++;
                    next = expected.hasNext() ? expected.next() : null;
                }
                index++;
            }
        }

        void train(final JsonNode event) {
            if (frozen != null) {
                return;
            }
            final HashedFeatures x = features(event);
            final double y = event.path("y").asDouble();
            final double dLoss = Loss.SQUARED.derivative(weights.predict(x, true), y);
            final SparseAdam.Step step = adam.step(lr, weights, moments, x, dLoss, true);
            assertThat(step.isFinite()).isTrue();
            weights = step.weights();
            moments = step.moments();
            weightsAfter.add(weights);
        }

        void validate(final JsonNode event) {
            if (frozen != null) {
                return;
            }
            final double prediction = weights.predict(features(event), true);
            roundSum += Loss.SQUARED.value(prediction, event.path("y").asDouble());
            if (++roundCount < window) {
                return;
            }
            round++;
            final double loss = roundSum / roundCount;
            roundSum = 0;
            roundCount = 0;
            rounds.add(new double[] {round, loss, moments.step()});
            snapshots.put(moments.step(), weights);
            final Checkpoint current = new Checkpoint(DoubleVector.empty(), moments.step(), null);
            final EarlyStopping.Decision decision = earlyStopping.onRound(stopping, round, loss, current);
            stopping = decision.state();
            if (decision.stop()) {
                final Checkpoint kept = earlyStopping.frozen(stopping, current);
                frozenUpdates = kept.updates();
                frozen = snapshots.get(frozenUpdates);
                stoppedRound = round;
            }
        }

        void predict(final JsonNode event) {
            final SparseWeights answering = frozen != null ? frozen : weights;
            predictions.add(new Object[] {
                event.path("id").asText(),
                answering.predict(features(event), true),
                frozen != null ? "STOPPED" : "TRAINING",
                frozen != null ? frozenUpdates : moments.step()
            });
        }
    }
}
