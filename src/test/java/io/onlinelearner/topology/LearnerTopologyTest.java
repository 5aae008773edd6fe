package io.onlinelearner.topology;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.onlinelearner.config.LearnerSettings;
import io.onlinelearner.learner.Lineage;
import io.onlinelearner.learner.ModelState;
import io.onlinelearner.learner.ModelStatus;
import io.onlinelearner.model.InputFormat;
import io.onlinelearner.vectors.SharedVector;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The whole topology, JSON or Avro in and snapshots and stop signals (STOPPED events) out, against
 * the trajectory and early-stopping vectors.
 */
class LearnerTopologyTest {

    static Stream<Arguments> trajectoriesInBothFormats() {
        return SharedVector.trajectories().stream().flatMap(LearnerTopologyTest::inBothFormats);
    }

    static Stream<Arguments> earlyStoppingInBothFormats() {
        return SharedVector.earlyStopping().stream().flatMap(LearnerTopologyTest::inBothFormats);
    }

    private static Stream<Arguments> inBothFormats(final SharedVector vector) {
        return Stream.of(Arguments.of(vector, InputFormat.JSON), Arguments.of(vector, InputFormat.AVRO));
    }

    private static Properties properties(final SharedVector vector, final InputFormat format) {
        final Properties props = vector.properties();
        props.setProperty(LearnerSettings.INPUT_FORMAT.key(), format.configName());
        return props;
    }

    private static SharedVector drift() {
        return SharedVector.named("early-stopping-drift");
    }

    @ParameterizedTest(name = "{0} in {1}")
    @MethodSource("trajectoriesInBothFormats")
    void shouldReproduceTrajectoryInTheStoreAndInTheSnapshot(final SharedVector vector, final InputFormat format) {
        final Properties props = properties(vector, format);
        props.setProperty(LearnerSettings.STOPPING_VALIDATION_WINDOW.key(), "1");
        final boolean avro = format == InputFormat.AVRO;
        try (LearnerDriver driver = new LearnerDriver(props)) {
            JsonNode last = null;
            int checked = 0;
            for (final SharedVector.Event event : vector.events()) {
                driver.pipe(true, LearnerDriver.bytes("m"), SharedVector.value(event, avro));
                if (!event.expect().isMissingNode()) {
                    final ModelState state = driver.store().get("m");
                    vector.assertMatches(
                            state.parameters(),
                            state.updates(),
                            event.expect(),
                            vector.model().intercept());
                    last = event.expect();
                    checked++;
                }
            }
            assertThat(checked).as("steps with an expected state").isPositive();
            assertThat(driver.deadLetters().isEmpty())
                    .as("no record dead-lettered")
                    .isTrue();
            final SharedVector.Event any = vector.events().get(0);
            driver.pipe(false, LearnerDriver.bytes("m"), SharedVector.value(any, avro));
            final List<JsonNode> snapshots = driver.models();
            assertThat(snapshots).hasSize(1);
            final JsonNode snapshot = snapshots.get(0);
            assertThat(snapshot.path("model").asText()).isEqualTo("m");
            assertThat(snapshot.path("status").asText()).isEqualTo("TRAINING");
            assertThat(snapshot.path("round").asInt()).isZero();
            assertThat(snapshot.path("features").asInt()).isEqualTo(any.x().length);
            assertThat(snapshot.path("updates").asLong())
                    .isEqualTo(last.path("updates").asLong());
            vector.assertMatches(
                    snapshotParameters(snapshot), snapshot.path("updates").asLong(), last, true);
        }
    }

    @ParameterizedTest(name = "{0} in {1}")
    @MethodSource("earlyStoppingInBothFormats")
    void shouldStopOnceAtTheExpectedRoundAndPublishTheFrozenBestModel(
            final SharedVector vector, final InputFormat format) {
        final JsonNode expect = vector.expect();
        try (LearnerDriver driver = new LearnerDriver(properties(vector, format))) {
            final List<JsonNode> snapshots = new ArrayList<>();
            final List<JsonNode> signals = new ArrayList<>();
            int stopAt = -1;
            int index = 0;
            for (final SharedVector.Event event : vector.events()) {
                driver.pipe(
                        event.train(),
                        LearnerDriver.bytes("drift"),
                        SharedVector.value(event, format == InputFormat.AVRO));
                snapshots.addAll(driver.models());
                final List<JsonNode> newSignals = driver.control();
                if (!newSignals.isEmpty() && stopAt < 0) {
                    stopAt = index;
                }
                signals.addAll(newSignals);
                index++;
            }
            assertThat(snapshots).hasSize(expect.path("rounds").size());
            for (int r = 0; r < snapshots.size(); r++) {
                final JsonNode s = snapshots.get(r);
                assertThat(s.path("round").asInt()).isEqualTo(r);
                assertThat(vector.close(
                                s.path("roundLoss").asDouble(),
                                expect.path("rounds").get(r).path("loss").asDouble()))
                        .isTrue();
                assertThat(s.path("status").asText()).isEqualTo(r == snapshots.size() - 1 ? "STOPPED" : "TRAINING");
            }
            final JsonNode stopped = snapshots.get(snapshots.size() - 1);
            vector.assertMatches(
                    snapshotParameters(stopped), stopped.path("updates").asLong(), expect.path("best"), true);

            assertThat(signals).hasSize(1);
            final JsonNode signal = signals.get(0);
            vector.assertStopSignal(signal, "drift");
            vector.assertMatches(
                    snapshotParameters(signal), signal.path("updates").asLong(), expect.path("best"), true);

            final ModelState state = driver.store().get("drift");
            assertThat(state.status()).isEqualTo(ModelStatus.STOPPED);
            assertThat(state.skipped())
                    .isEqualTo(expect.path("ignoredAfterStop").asLong());
            vector.assertMatches(state.parameters(), state.updates(), expect.path("final"), true);
            vector.assertMatches(state.frozen().parameters(), state.frozen().updates(), expect.path("best"), true);
            assertThat(stopAt).isLessThan(vector.events().size() - 1);
            assertThat(driver.deadLetters().isEmpty())
                    .as("no record dead-lettered")
                    .isTrue();
        }
    }

    @Test
    void shouldChangeNothingButTheSkipCountWhenTrainingAfterTheStop() {
        final SharedVector vector = drift();
        try (LearnerDriver driver = new LearnerDriver(vector.properties())) {
            for (final SharedVector.Event event : vector.events()) {
                driver.pipe(event.train(), LearnerDriver.bytes("m"), LearnerDriver.bytes(SharedVector.json(event)));
            }
            driver.models();
            assertThat(driver.control()).hasSize(1);
            final ModelState before = driver.store().get("m");
            driver.train("m", "{\"x\": [100, 100, 100], \"y\": -100}");
            for (int i = 0; i < 300; i++) {
                driver.validate("m", "{\"x\": [1, 2, 3], \"y\": 100}");
            }
            final ModelState after = driver.store().get("m");
            assertThat(after.skipped()).isEqualTo(before.skipped() + 1);
            assertThat(after.parameters()).isEqualTo(before.parameters());
            assertThat(after.frozen()).isEqualTo(before.frozen());
            assertThat(after.rounds()).isEqualTo(before.rounds());
            assertThat(after.roundCount()).isEqualTo(before.roundCount());
            assertThat(driver.models()).isEmpty();
            assertThat(driver.control()).isEmpty();
        }
    }

    @Test
    void shouldGiveEachInterleavedModelTheSameResultsAsAlone() {
        final SharedVector vector = drift();
        final Map<String, List<String>> interleaved;
        try (LearnerDriver driver = new LearnerDriver(vector.properties())) {
            for (final SharedVector.Event event : vector.events()) {
                for (final String model : List.of("a", "b", "c")) {
                    driver.pipe(
                            event.train(), LearnerDriver.bytes(model), LearnerDriver.bytes(SharedVector.json(event)));
                }
            }
            interleaved = byModel(driver);
            assertThat(Lineage.without(driver.store().get("a")))
                    .isEqualTo(Lineage.without(driver.store().get("c")));
        }
        try (LearnerDriver driver = new LearnerDriver(vector.properties())) {
            for (final SharedVector.Event event : vector.events()) {
                driver.pipe(event.train(), LearnerDriver.bytes("b"), LearnerDriver.bytes(SharedVector.json(event)));
            }
            final Map<String, List<String>> alone = byModel(driver);
            assertThat(interleaved.keySet()).containsExactly("a", "b", "c");
            assertThat(interleaved.get("b"))
                    .isEqualTo(alone.get("b"))
                    .hasSize(vector.expect().path("rounds").size());
            assertThat(interleaved.get("a"))
                    .isEqualTo(alone.get("b").stream()
                            .map(s -> s.replace("\"b\"", "\"a\""))
                            .toList());
        }
    }

    @Test
    void shouldTreatANullOrEmptyKeyAsTheDefaultModel() {
        final Properties props = new Properties();
        props.setProperty(LearnerSettings.STOPPING_VALIDATION_WINDOW.key(), "1");
        try (LearnerDriver driver = new LearnerDriver(props)) {
            driver.pipe(true, null, LearnerDriver.bytes("{\"x\": 1, \"y\": 2}"));
            driver.pipe(true, new byte[0], LearnerDriver.bytes("{\"x\": 1, \"y\": 2}"));
            driver.validate("", "{\"x\": 1, \"y\": 2}");
            assertThat(driver.store().get(Names.DEFAULT_MODEL).updates()).isEqualTo(2);
            assertThat(driver.models())
                    .singleElement()
                    .satisfies(s -> assertThat(s.path("model").asText()).isEqualTo(Names.DEFAULT_MODEL));
        }
    }

    private static Map<String, List<String>> byModel(final LearnerDriver driver) {
        final Map<String, List<String>> out = new TreeMap<>();
        for (final TestRecord<byte[], byte[]> record : driver.modelsTopic().readRecordsToList()) {
            out.computeIfAbsent(new String(record.key()), k -> new ArrayList<>())
                    .add(LearnerDriver.withoutLineage(LearnerDriver.json(record.value()))
                            .toString());
        }
        return out;
    }

    static double[] snapshotParameters(final JsonNode snapshot) {
        final double[] weights = SharedVector.doubles(snapshot.path("weights"));
        final double[] theta = java.util.Arrays.copyOf(weights, weights.length + 1);
        theta[weights.length] = snapshot.path("bias").asDouble();
        return theta;
    }
}
