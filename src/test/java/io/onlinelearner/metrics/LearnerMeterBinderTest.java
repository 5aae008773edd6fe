package io.onlinelearner.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.onlinelearner.config.LearnerSettings;
import io.onlinelearner.learner.ModelState;
import io.onlinelearner.topology.LearnerDriver;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

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
        final LearnerObservations metrics = new LearnerObservations(maxModels);
        new LearnerMeterBinder(metrics).bindTo(registry);
        driver = new LearnerDriver(SETTINGS, metrics);
        return metrics;
    }

    private double records(final String topic, final String outcome) {
        return registry.get("learner.records").tags("topic", topic, "outcome", outcome).functionCounter().count();
    }

    private double gauge(final String name, final String model) {
        return registry.get(name).tag("model", model).gauge().value();
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
        assertThat(registry.get("learner.models").tag("status", "training").gauge().value()).isEqualTo(1.0);
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
        assertThat(gauge("learner.round.loss", "a")).isEqualTo(snapshot.get("roundLoss").asDouble());
        assertThat(gauge("learner.best.loss", "a")).isEqualTo(snapshot.get("bestLoss").asDouble());
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
        assertThat(registry.get("learner.models").tag("status", "stopped").gauge().value()).isEqualTo(1.0);
        assertThat(registry.get("learner.models").tag("status", "training").gauge().value()).isZero();
        assertThat(records("train", "applied")).isEqualTo(1.0);
        assertThat(records("train", "skipped")).isEqualTo(1.0);
        assertThat(records("validation", "applied")).isEqualTo(4.0);
        assertThat(records("validation", "skipped")).isEqualTo(1.0);
        assertThat(gauge("learner.patience.wait", "a")).isEqualTo(1.0);
        assertThat(metrics.totals()).isEqualTo(new Totals(7, 0, 1, 1, 2, 1,
                driver.state("a").stopping().best()));
    }

    @Test
    void shouldGiveOwnSeriesOnlyToTheFirstMaxModelsModels() {
        final LearnerObservations metrics = start(1);
        driver.train("a", "{\"x\": 1.0, \"y\": 1.0}");
        driver.train("b", "{\"x\": 1.0, \"y\": 1.0}");
        driver.train("c", "{\"x\": 1.0, \"y\": 1.0}");
        assertThat(registry.find("learner.train.loss").gauges()).hasSize(1);
        assertThat(registry.find("learner.train.loss").tag("model", "a").gauge()).isNotNull();
        assertThat(records("train", "applied")).isEqualTo(3.0);
        assertThat(registry.get("learner.models").tag("status", "training").gauge().value()).isEqualTo(3.0);
        assertThat(metrics.histories()).extracting(ModelHistory::model).containsExactly("a");
    }

    @Test
    void shouldRegisterSeriesOfModelsSeenBeforeBinding() {
        final LearnerObservations metrics = new LearnerObservations(5);
        driver = new LearnerDriver(SETTINGS, metrics);
        driver.train("a", "{\"x\": 1.0, \"y\": 1.0}");
        new LearnerMeterBinder(metrics).bindTo(registry);
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
        assertThat(history.state()).isEqualTo(driver.state("a"));
    }

    @Test
    void shouldGiveEveryLearnerMeterADescriptionAndABaseUnit() {
        start(10);
        driver.train("a", "{\"x\": 1.0, \"y\": 1.0}");
        assertThat(registry.getMeters()).hasSize(4 * io.onlinelearner.topology.Source.values().length + 2 + 1
                        + LearnerMeterBinder.PER_MODEL.size())
                .allSatisfy(meter -> {
                    assertThat(meter.getId().getName()).matches("learner(\\.[a-z]+)+");
                    assertThat(meter.getId().getDescription()).isNotBlank();
                    assertThat(meter.getId().getBaseUnit()).isNotBlank();
                });
    }

    @Test
    void shouldRegisterAPerModelCountAsAFunctionCounterTaggedWithTheModel() {
        final LearnerMeterBinder.ModelMeter meter = LearnerMeterBinder.ModelMeter.counter("learner.test.updates",
                "updates", "Updates of the model", track -> track.state().updates());
        final ModelTrack track = ModelTrack.withSeries("a", 10, 1);
        start(10);
        driver.train("a", "{\"x\": 1.0, \"y\": 1.0}");
        track.update(driver.state("a"));
        meter.register(registry, track);
        assertThat(registry.get("learner.test.updates").tag("model", "a").functionCounter().count()).isEqualTo(1.0);
        assertThat(registry.get("learner.test.updates").meter().getId().getDescription())
                .isEqualTo("Updates of the model");
    }
}
