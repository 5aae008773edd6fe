package io.onlinelearner.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.onlinelearner.app.OperationsExtension;
import io.onlinelearner.config.LearnerConfig;
import io.onlinelearner.config.LearnerSettings;
import io.onlinelearner.learner.Learner;
import io.onlinelearner.learner.ModelState;
import io.onlinelearner.learner.Outcome;
import io.onlinelearner.model.Command;
import io.onlinelearner.model.Example;
import io.onlinelearner.model.Position;
import io.onlinelearner.model.PredictRequest;
import io.onlinelearner.model.RejectionReason;
import io.onlinelearner.topology.LearnerDriver;
import io.onlinelearner.topology.Source;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LearnerMeterBinderTest {

    private static final Map<String, String> SETTINGS = Map.of(
            LearnerSettings.STOPPING_VALIDATION_WINDOW.key(), "2",
            LearnerSettings.STOPPING_PATIENCE.key(), "0",
            LearnerSettings.ADAM_LR.key(), "0.1");

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private LearnerDriver driver;

    @AfterEach
    void close() {
        if (driver != null) {
            driver.close();
        }
    }

    private LearnerObservations start(final int maxModels) {
        return start(maxModels, false);
    }

    private LearnerObservations start(final int maxModels, final boolean labels) {
        final LearnerObservations metrics = new LearnerObservations(maxModels);
        new LearnerMeterBinder(metrics, labels).bindTo(registry);
        driver = new LearnerDriver(SETTINGS, metrics);
        return metrics;
    }

    private double models(final String status) {
        return registry.get("learner.models").tag("status", status).gauge().value();
    }

    private double deadLetters(final String reason) {
        return registry.get("learner.dead.letter.records")
                .tag("reason", reason)
                .functionCounter()
                .count();
    }

    private double records(final String topic, final String outcome) {
        return registry.get("learner.records")
                .tags("topic", topic, "outcome", outcome)
                .functionCounter()
                .count();
    }

    private double gauge(final String name, final String model) {
        return registry.get(name).tag("model", model).gauge().value();
    }

    private double events(final String event, final String cause) {
        return registry.get("learner.events")
                .tags("event", event, "cause", cause)
                .functionCounter()
                .count();
    }

    private double predictions(final String outcome, final String parameters) {
        return registry.get("learner.predictions")
                .tags("outcome", outcome, "parameters", parameters)
                .functionCounter()
                .count();
    }

    /** A learner of the test's settings, as the topology's, to feed the listener directly. */
    private static Learner core() {
        final Properties properties = new Properties();
        properties.putAll(SETTINGS);
        return OperationsExtension.learner(LearnerConfig.parse(properties));
    }

    @Test
    void shouldCountPredictionsByTheParametersThatAnsweredAndPerModel() {
        final LearnerObservations metrics = start(10);
        final Learner learner = core();
        final Outcome trained = learner.train(null, new Example(new double[] {1.0}, 2.0), Position.train(0, 0L));
        metrics.onOutcome("a", Source.TRAIN, trained);
        final PredictRequest request = new PredictRequest(new double[] {1.0}, null);
        metrics.onPrediction("a", learner.predict(trained.state(), request), trained.state());
        metrics.onPrediction("a", learner.predict(trained.state(), request), trained.state());
        metrics.onPrediction("new", learner.predict(null, request), null);
        metrics.onRejected("a", Source.PREDICT, RejectionReason.WRONG_DIMENSION);
        assertThat(predictions("answered", "live")).isEqualTo(2.0);
        assertThat(predictions("answered", "initial")).isEqualTo(1.0);
        assertThat(predictions("answered", "frozen")).isZero();
        assertThat(predictions("rejected", "none")).isEqualTo(1.0);
        assertThat(records("predict", "applied")).isEqualTo(3.0);
        assertThat(records("predict", "rejected")).isEqualTo(1.0);
        assertThat(metrics.histories())
                .singleElement()
                .satisfies(h -> assertThat(h.predictions()).isEqualTo(2L));
        assertThat(metrics.totals().predictions()).isEqualTo(3L);
    }

    @Test
    void shouldTrackAModelFirstSeenThroughAPredictionFromItsState() {
        final LearnerObservations metrics = start(10);
        final Learner learner = core();
        final ModelState stopped = learner.command(
                        learner.train(null, new Example(new double[] {1.0}, 2.0), Position.train(0, 0L))
                                .state(),
                        new Command.Stop())
                .state();
        metrics.onPrediction("served", learner.predict(stopped, new PredictRequest(new double[] {1.0}, null)), stopped);
        assertThat(models("stopped")).isEqualTo(1.0);
        assertThat(gauge("learner.learning.rate", "served")).isEqualTo(stopped.lr());
        assertThat(metrics.histories())
                .singleElement()
                .satisfies(h -> assertThat(h.predictions()).isEqualTo(1L));
    }

    @Test
    void shouldCountEventsByEventAndCauseAndShowTheLearningRate() {
        final LearnerObservations metrics = start(10);
        final Learner learner = core();
        metrics.onOutcome("nobody", Source.COMMANDS, learner.command(null, new Command.Stop()));
        ModelState a = learner.train(null, new Example(new double[] {1.0}, 2.0), Position.train(0, 0L))
                .state();
        metrics.onOutcome(
                "a", Source.TRAIN, learner.train(null, new Example(new double[] {1.0}, 2.0), Position.train(0, 0L)));
        for (final Command command : List.of(
                new Command.SetLr(0.5),
                new Command.Stop(),
                new Command.Stop(),
                new Command.Resume(Command.ResumeFrom.LAST),
                new Command.Reset())) {
            final Outcome outcome = learner.command(a, command);
            metrics.onOutcome("a", Source.COMMANDS, outcome);
            a = outcome.state();
            if (command instanceof Command.SetLr) {
                assertThat(gauge("learner.learning.rate", "a")).isEqualTo(0.5);
            }
        }
        assertThat(events("IGNORED", "command")).isEqualTo(2.0);
        assertThat(events("LR_CHANGED", "command")).isEqualTo(1.0);
        assertThat(events("STOPPED", "command")).isEqualTo(1.0);
        assertThat(events("RESUMED", "command")).isEqualTo(1.0);
        assertThat(events("RESET", "command")).isEqualTo(1.0);
        assertThat(events("DRIFT", "drift")).isZero();
        assertThat(records("commands", "applied")).isEqualTo(4.0);
        assertThat(records("commands", "skipped")).isEqualTo(2.0);
        assertThat(gauge("learner.learning.rate", "a")).isEqualTo(0.1);
        assertThat(gauge("learner.drift.statistic", "a")).isZero();
        assertThat(metrics.totals().events()).isEqualTo(6L);
        assertThat(metrics.histories().get(0).markers())
                .extracting(ModelHistory.Marker::event)
                .containsExactly("LR_CHANGED", "STOPPED", "RESUMED", "RESET");
    }

    @Test
    void shouldKeepTheCurvesGoingOnAfterAReset() {
        final LearnerObservations metrics = start(10);
        final Learner learner = core();
        ModelState a = null;
        for (int i = 0; i < 30; i++) {
            final Outcome outcome = learner.train(a, new Example(new double[] {1.0}, 2.0), Position.train(0, i));
            metrics.onOutcome("a", Source.TRAIN, outcome);
            a = outcome.state();
        }
        final Outcome reset = learner.command(a, new Command.Reset());
        metrics.onOutcome("a", Source.COMMANDS, reset);
        a = reset.state();
        for (int i = 0; i < 10; i++) {
            final Outcome outcome = learner.train(a, new Example(new double[] {1.0}, 2.0), Position.train(0, 30 + i));
            metrics.onOutcome("a", Source.TRAIN, outcome);
            a = outcome.state();
        }
        final ModelHistory history = metrics.histories().get(0);
        assertThat(history.trainX()).containsExactly(10L, 20L, 30L, 40L);
        assertThat(history.trainShift()).isEqualTo(31L);
        assertThat(history.markers()).singleElement().satisfies(m -> {
            assertThat(m.event()).isEqualTo("RESET");
            assertThat(m.step()).isEqualTo(31L);
        });
    }

    @Test
    void shouldCountEachTrainingRecordAsAppliedAndTrackTheTrainingLoss() {
        start(10);
        for (int i = 0; i < 7; i++) {
            driver.train("a", "{\"x\": [1.0, 2.0], \"y\": 3.0}");
        }
        assertThat(records("train", "applied")).isEqualTo(7.0);
        assertThat(records("train", "skipped")).isZero();
        assertThat(records("validation", "applied")).isZero();
        final ModelState state = driver.state("a");
        assertThat(gauge("learner.train.loss", "a")).isEqualTo(state.trainLoss());
        assertThat(gauge("learner.round.loss", "a")).isNaN();
        assertThat(gauge("learner.best.loss", "a")).isNaN();
        assertThat(models("training")).isEqualTo(1.0);
    }

    @Test
    void shouldCountRejectedRecordsPerTopic() {
        start(10);
        driver.train("a", "not json");
        driver.train("a", "{\"x\": 1.0}");
        driver.validate("a", "{\"x\": \"one\", \"y\": 1}");
        driver.train("a", "{\"x\": 1.0, \"y\": 2.0}");
        assertThat(records("train", "rejected")).isEqualTo(2.0);
        assertThat(records("validation", "rejected")).isEqualTo(1.0);
        assertThat(records("train", "applied")).isEqualTo(1.0);
        assertThat(records("train", "failed")).isZero();
        assertThat(deadLetters("not-json")).isEqualTo(1.0);
        assertThat(deadLetters("missing-y")).isEqualTo(1.0);
        assertThat(deadLetters("not-numeric")).isEqualTo(1.0);
        assertThat(deadLetters("too-large")).isZero();
        assertThat(deadLetters("failure")).isZero();
    }

    @Test
    void shouldCountRecordsTheLearnerFailedOnAsFailedDeadLetters() {
        final LearnerObservations observations = start(10);
        observations.onFailed("a", Source.TRAIN);
        observations.onFailed("b", Source.COMMANDS);
        assertThat(records("train", "failed")).isEqualTo(1.0);
        assertThat(records("commands", "failed")).isEqualTo(1.0);
        assertThat(deadLetters("failure")).isEqualTo(2.0);
        assertThat(observations.totals().deadLetters())
                .as("the status line's dead letters")
                .isEqualTo(2);
    }

    @Test
    void shouldReportTheRoundLossOfThePublishedSnapshot() throws Exception {
        start(10);
        driver.train("a", "{\"x\": 2.0, \"y\": 4.0}");
        driver.validate("a", "{\"x\": 1.0, \"y\": 1.0}");
        driver.validate("a", "{\"x\": 3.0, \"y\": 2.0}");
        final List<String> snapshots = driver.snapshots();
        assertThat(snapshots).hasSize(1);
        final JsonNode snapshot = new ObjectMapper().readTree(snapshots.get(0));
        assertThat(records("validation", "applied")).isEqualTo(2.0);
        assertThat(gauge("learner.round.loss", "a"))
                .isEqualTo(snapshot.get("roundLoss").asDouble());
        assertThat(gauge("learner.best.loss", "a"))
                .isEqualTo(snapshot.get("bestLoss").asDouble());
        assertThat(gauge("learner.patience.wait", "a")).isZero();
        assertThat(registry.get("learner.stops").functionCounter().count()).isZero();
    }

    @Test
    void shouldCountTheStopAndTheSkippedRecordsAfterIt() {
        final LearnerObservations metrics = start(10);
        driver.train("a", "{\"x\": 2.0, \"y\": 4.0}");
        for (int i = 0; i < 4; i++) {
            driver.validate("a", "{\"x\": 1.0, \"y\": 1.0}");
        }
        driver.train("a", "{\"x\": 2.0, \"y\": 4.0}");
        driver.validate("a", "{\"x\": 1.0, \"y\": 1.0}");
        assertThat(registry.get("learner.stops").functionCounter().count()).isEqualTo(1.0);
        assertThat(models("stopped")).isEqualTo(1.0);
        assertThat(models("training")).isZero();
        assertThat(records("train", "applied")).isEqualTo(1.0);
        assertThat(records("train", "skipped")).isEqualTo(1.0);
        assertThat(records("validation", "applied")).isEqualTo(4.0);
        assertThat(records("validation", "skipped")).isEqualTo(1.0);
        assertThat(gauge("learner.patience.wait", "a")).isEqualTo(1.0);
        assertThat(metrics.totals())
                .isEqualTo(new Totals(
                        7, 0, 1, 1, 2, 1, driver.state("a").stopping().best(), 0, 1));
        assertThat(events("STOPPED", "early-stopping")).isEqualTo(1.0);
    }

    @Test
    void shouldGiveOwnSeriesOnlyToTheFirstMaxModelsModels() {
        final LearnerObservations metrics = start(1);
        driver.train("a", "{\"x\": 1.0, \"y\": 1.0}");
        driver.train("b", "{\"x\": 1.0, \"y\": 1.0}");
        driver.train("c", "{\"x\": 1.0, \"y\": 1.0}");
        assertThat(registry.find("learner.train.loss").gauges()).hasSize(1);
        assertThat(registry.find("learner.train.loss").tag("model", "a").gauge())
                .isNotNull();
        assertThat(records("train", "applied")).isEqualTo(3.0);
        assertThat(models("training")).isEqualTo(3.0);
        assertThat(metrics.histories()).extracting(ModelHistory::model).containsExactly("a");
    }

    @Test
    void shouldRemoveTheSeriesOfAnEvictedModelAndGiveItsPlaceToTheNextModel() {
        final LearnerObservations metrics = new LearnerObservations(1);
        new LearnerMeterBinder(metrics, false).bindTo(registry);
        final Map<String, String> settings = new HashMap<>(SETTINGS);
        settings.put(LearnerSettings.MODELS_IDLE_TTL_MS.key(), "100");
        driver = new LearnerDriver(settings, metrics);
        driver.nextAt(0);
        driver.train("a", "{\"x\": 1.0, \"y\": 1.0}");
        driver.train("b", "{\"x\": 1.0, \"y\": 1.0}");
        assertThat(registry.find("learner.train.loss").tag("model", "a").gauge())
                .isNotNull();
        assertThat(registry.find("learner.train.loss").tag("model", "b").gauge())
                .isNull();

        driver.nextAt(101);
        driver.train("c", "{\"x\": 1.0, \"y\": 1.0}");
        assertThat(events("EVICTED", "idle")).isEqualTo(1.0);
        assertThat(registry.find("learner.train.loss").tag("model", "a").meters())
                .isEmpty();
        assertThat(registry.find("learner.drift.nonfinite").tag("model", "a").meters())
                .isEmpty();
        assertThat(gauge("learner.train.loss", "c")).isEqualTo(driver.state("c").trainLoss());
        assertThat(metrics.histories()).extracting(ModelHistory::model).containsExactly("c");
        assertThat(models("training")).isEqualTo(2.0);

        driver.nextAt(202);
        driver.train("c", "{\"x\": 1.0, \"y\": 1.0}");
        assertThat(events("EVICTED", "idle")).as("b and c").isEqualTo(3.0);
        assertThat(metrics.tracked()).isEqualTo(1);
    }

    @Test
    void shouldRemoveTheSeriesOfTheModelsOfAClosedTask() {
        final LearnerObservations metrics = start(5);
        driver.train("a", "{\"x\": 1.0, \"y\": 1.0}");
        assertThat(registry.find("learner.train.loss").tag("model", "a").gauge())
                .isNotNull();

        final LearnerDriver closing = driver;
        driver = null;
        closing.close();

        assertThat(registry.find("learner.train.loss").tag("model", "a").meters())
                .isEmpty();
        assertThat(registry.find("learner.learning.rate").tag("model", "a").meters())
                .isEmpty();
        assertThat(models("training")).isZero();
        assertThat(records("train", "applied")).isEqualTo(1.0);
        assertThat(metrics.histories()).isEmpty();
    }

    @Test
    void shouldRegisterSeriesOfModelsSeenBeforeBinding() {
        final LearnerObservations metrics = new LearnerObservations(5);
        driver = new LearnerDriver(SETTINGS, metrics);
        driver.train("a", "{\"x\": 1.0, \"y\": 1.0}");
        new LearnerMeterBinder(metrics, false).bindTo(registry);
        assertThat(records("train", "applied")).isEqualTo(1.0);
        assertThat(gauge("learner.train.loss", "a")).isEqualTo(driver.state("a").trainLoss());
    }

    @Test
    void shouldKeepTrainingLossSamplesAndRoundLossesForThePage() {
        final LearnerObservations metrics = start(10);
        for (int i = 0; i < 25; i++) {
            driver.train("a", "{\"x\": 1.0, \"y\": 2.0}");
        }
        driver.validate("a", "{\"x\": 1.0, \"y\": 2.0}");
        driver.validate("a", "{\"x\": 1.0, \"y\": 2.0}");
        final ModelHistory history = metrics.histories().get(0);
        assertThat(history.trainX()).containsExactly(10L, 20L);
        assertThat(history.trainEvery()).isEqualTo(LearnerObservations.TRAIN_SAMPLE_EVERY);
        assertThat(history.rounds()).containsExactly(0L);
        assertThat(history.roundLoss()).containsExactly(driver.state("a").lastRoundLoss());
        assertThat(history.view()).isEqualTo(ModelView.of("a", driver.state("a")));
    }

    @Test
    void shouldKeepThePagesViewAsItWasAfterLaterRecords() {
        final LearnerObservations metrics = start(10);
        for (int i = 0; i < 5; i++) {
            driver.train("a", "{\"x\": [1.0, 2.0], \"y\": 2.0}");
        }
        final ModelHistory before = metrics.histories().get(0);
        final ModelView expected = ModelView.of("a", driver.state("a"));
        for (int i = 0; i < 5; i++) {
            driver.train("a", "{\"x\": [1.0, 2.0], \"y\": 2.0}");
        }
        assertThat(before.view()).isEqualTo(expected);
        assertThat(metrics.histories().get(0).view()).isEqualTo(ModelView.of("a", driver.state("a")));
        assertThat(metrics.histories().get(0).view().snapshot().weights())
                .isNotEqualTo(expected.snapshot().weights());
    }

    @Test
    void shouldCountTheTrainingRecordsKeptFromTheDriftDetectorPerModel() {
        final LearnerObservations metrics = new LearnerObservations(10);
        new LearnerMeterBinder(metrics, false).bindTo(registry);
        final Map<String, String> drift = new java.util.HashMap<>(SETTINGS);
        drift.put(LearnerSettings.DRIFT_DETECTOR.key(), LearnerSettings.DETECTOR_PAGE_HINKLEY);
        driver = new LearnerDriver(drift, metrics);
        driver.train("a", "{\"x\": 1.0, \"y\": 2.0}");
        driver.command("a", "{\"command\": \"stop\"}");
        driver.train("a", "{\"x\": 1.0, \"y\": 1e200}");
        driver.train("a", "{\"x\": 1.0, \"y\": 2.0}");
        assertThat(registry.get("learner.drift.nonfinite")
                        .tag("model", "a")
                        .functionCounter()
                        .count())
                .isEqualTo(1.0);
        assertThat(driver.state("a").drift().n()).isEqualTo(2);
        assertThat(records("train", "skipped")).isEqualTo(2.0);
    }

    @ParameterizedTest(name = "labels enabled: {0}")
    @ValueSource(booleans = {false, true})
    void shouldGiveEveryLearnerMeterADescriptionAndABaseUnit(final boolean labels) {
        start(10, labels);
        driver.train("a", "{\"x\": 1.0, \"y\": 1.0}");
        assertThat(registry.getMeters())
                .hasSize(Source.read(labels).size() * RecordOutcome.values().length
                        + (int) Arrays.stream(RejectionReason.values())
                                .filter(reason -> labels || !reason.labelsOnly())
                                .count()
                        + 1
                        + 2
                        + 1
                        + 5
                        + 11
                        + Source.read(labels).size()
                        + LearnerMeterBinder.PER_MODEL.size()
                        + (labels ? LabelOutcome.values().length + LearnerMeterBinder.PER_MODEL_LABELS.size() : 0))
                .allSatisfy(meter -> {
                    assertThat(meter.getId().getName()).matches("learner(\\.[a-z]+)+");
                    assertThat(meter.getId().getDescription()).isNotBlank();
                    assertThat(meter.getId().getBaseUnit()).isNotBlank();
                });
    }

    @Test
    void shouldRegisterAPerModelCountAsAFunctionCounterTaggedWithTheModel() {
        final LearnerMeterBinder.ModelMeter meter = LearnerMeterBinder.ModelMeter.counter(
                "learner.test.updates",
                "updates",
                "Updates of the model",
                track -> track.state().updates());
        final ModelTrack track = ModelTrack.withSeries("a", 10, 1);
        start(10);
        driver.train("a", "{\"x\": 1.0, \"y\": 1.0}");
        track.update(driver.state("a"));
        meter.register(registry, track);
        assertThat(registry.get("learner.test.updates")
                        .tag("model", "a")
                        .functionCounter()
                        .count())
                .isEqualTo(1.0);
        assertThat(registry.get("learner.test.updates").meter().getId().getDescription())
                .isEqualTo("Updates of the model");
    }
}
