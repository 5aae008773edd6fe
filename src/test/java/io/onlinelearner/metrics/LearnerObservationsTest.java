package io.onlinelearner.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.onlinelearner.config.LearnerConfig;
import io.onlinelearner.config.LearnerSettings;
import io.onlinelearner.labels.ModelLabels;
import io.onlinelearner.learner.Learner;
import io.onlinelearner.learner.ModelStatus;
import io.onlinelearner.learner.Outcome;
import io.onlinelearner.model.Example;
import io.onlinelearner.model.Position;
import io.onlinelearner.model.RejectionReason;
import io.onlinelearner.topology.LearnerDriver;
import io.onlinelearner.topology.LearnerListener;
import io.onlinelearner.topology.Source;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class LearnerObservationsTest {

    private static final Map<String, String> SETTINGS = Map.of(
            LearnerSettings.STOPPING_VALIDATION_WINDOW.key(), "1",
            LearnerSettings.STOPPING_PATIENCE.key(), "0");
    private static final String GOOD = "{\"x\": [1.0], \"y\": 2.0}";

    private LearnerDriver driver;

    @AfterEach
    void close() {
        if (driver != null) {
            driver.close();
        }
    }

    private LearnerObservations start(final int maxModels) {
        final LearnerObservations observations = new LearnerObservations(maxModels);
        driver = new LearnerDriver(SETTINGS, observations);
        return observations;
    }

    private LearnerObservations startWithLabels(final int maxModels) {
        final Map<String, String> settings = new HashMap<>(SETTINGS);
        settings.put(LearnerSettings.LABELS_ENABLED.key(), "true");
        final LearnerObservations observations = new LearnerObservations(maxModels);
        driver = new LearnerDriver(settings, observations);
        return observations;
    }

    @Test
    void shouldRefuseANegativeModelBound() {
        assertThatThrownBy(() -> new LearnerObservations(-1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxModels must be >= 0");
    }

    @Test
    void shouldGiveNoPlaceWithSeriesToRequestsRememberedForModelsWithNoStateYet() {
        final LearnerObservations observations = startWithLabels(2);
        driver.predict("q1", "{\"x\": [1.0], \"id\": 1}");
        driver.predict("q2", "{\"x\": [1.0], \"id\": 2}");
        driver.train("t1", GOOD);
        driver.train("t2", GOOD);
        driver.predict("t1", "{\"x\": [1.0], \"id\": 3}");
        assertThat(observations.histories()).extracting(ModelHistory::model).containsExactly("t1", "t2");
        assertThat(observations.tracked()).isEqualTo(2);
        assertThat(observations.histories().get(0).served().pending()).isEqualTo(1);
        driver.pipe(
                Source.LABELS,
                "q1".getBytes(StandardCharsets.UTF_8),
                "{\"id\": 1, \"y\": 2.0}".getBytes(StandardCharsets.UTF_8));
        assertThat(driver.state("q1").updates()).isEqualTo(1);
        assertThat(observations.tracked())
                .as("q1 has a state now, counted without series")
                .isEqualTo(3);
        assertThat(observations.histories()).extracting(ModelHistory::model).containsExactly("t1", "t2");
    }

    @Test
    void shouldCountTheRequestsRememberedBeforeTheModelHadAState() {
        final LearnerObservations observations = startWithLabels(10);
        driver.predict("m", "{\"x\": [1.0], \"id\": 1}");
        driver.train("m", GOOD);

        assertThat(driver.labels("m").pending()).isEqualTo(1);
        assertThat(observations.histories()).extracting(ModelHistory::model).containsExactly("m");
        assertThat(observations.histories().get(0).served().pending())
                .as("the gauge counts the request remembered while the model had no state")
                .isEqualTo(1);
        try (MetricsRegistry registry = MetricsRegistry.create(observations, true)) {
            assertThat(registry.scrape()).contains("learner_pending_predictions{model=\"m\"} 1.0");
        }
    }

    @Test
    void shouldTakeInTheLabelBookkeepingOfAModelWhenItsTaskFirstKeepsIt() {
        final ModelLabels twoWaiting = ModelLabels.none(10).remembered().remembered();
        final LearnerObservations observations = new LearnerObservations(10);
        final LearnerListener task = observations.forPartition(3, model -> "waiting".equals(model) ? twoWaiting : null);
        final Outcome trained = trainedOnce();

        task.onOutcome("waiting", Source.TRAIN, trained);
        task.onOutcome("quiet", Source.TRAIN, trained);

        assertThat(observations.histories()).extracting(ModelHistory::model).containsExactly("quiet", "waiting");
        assertThat(observations.histories().get(0).served())
                .as("a model with no bookkeeping shows no served loss")
                .isNull();
        assertThat(observations.histories().get(1).served().pending()).isEqualTo(2);
    }

    @Test
    void shouldCountRecordsByTopicAndOutcomeAndDeadLettersInTheTotals() {
        final LearnerObservations observations = start(10);
        driver.train("a", GOOD);
        driver.train("a", "[1, 2]");
        driver.validate("a", "{\"y\": 1.0}");
        driver.validate("a", GOOD);
        assertThat(observations.records(Source.TRAIN, RecordOutcome.APPLIED)).isEqualTo(1);
        assertThat(observations.records(Source.TRAIN, RecordOutcome.REJECTED)).isEqualTo(1);
        assertThat(observations.records(Source.VALIDATION, RecordOutcome.REJECTED))
                .isEqualTo(1);
        assertThat(observations.records(Source.VALIDATION, RecordOutcome.APPLIED))
                .isEqualTo(1);
        assertThat(observations.records(Source.VALIDATION, RecordOutcome.SKIPPED))
                .isZero();
        final Totals totals = observations.totals();
        assertThat(totals)
                .isEqualTo(new Totals(
                        4, 2, 1, 0, 1, 0, driver.state("a").stopping().best(), 0, 0));
    }

    @Test
    void shouldCountModelsByTheirLatestStatusAndTheSkippedRecordsOfAStoppedModel() {
        final LearnerObservations observations = start(10);
        driver.train("a", GOOD);
        driver.validate("a", GOOD);
        driver.validate("a", "{\"x\": [1.0], \"y\": 9.0}");
        driver.train("b", GOOD);
        driver.train("a", GOOD);
        assertThat(observations.models(ModelStatus.STOPPED)).isEqualTo(1);
        assertThat(observations.models(ModelStatus.TRAINING)).isEqualTo(1);
        assertThat(observations.stops()).isEqualTo(1);
        assertThat(observations.records(Source.TRAIN, RecordOutcome.SKIPPED)).isEqualTo(1);
        assertThat(observations.totals().stopped()).isEqualTo(1);
    }

    @Test
    void shouldForgetTheModelsOfATaskThatClosedAndKeepThoseOfOtherTasks() {
        final LearnerObservations observations = start(10);
        final LearnerDriver other = new LearnerDriver(SETTINGS, shiftedBy(observations, 1));
        driver.train("a", GOOD);
        other.train("b", GOOD);
        other.validate("b", GOOD);
        other.validate("b", "{\"x\": [1.0], \"y\": 9.0}");
        final List<String> removed = new ArrayList<>();
        observations.watchRemovals(track -> removed.add(track.model()));
        assertThat(observations.models(ModelStatus.STOPPED)).isEqualTo(1);
        assertThat(observations.tracked()).isEqualTo(2);

        other.close();

        assertThat(removed).containsExactly("b");
        assertThat(observations.tracked()).isEqualTo(1);
        assertThat(observations.models(ModelStatus.STOPPED)).isZero();
        assertThat(observations.models(ModelStatus.TRAINING)).isEqualTo(1);
        assertThat(observations.histories()).extracting(ModelHistory::model).containsExactly("a");
        assertThat(observations.records(Source.VALIDATION, RecordOutcome.APPLIED))
                .as("the counts of records stay")
                .isEqualTo(2);
        driver.train("b", GOOD);
        assertThat(observations.histories())
                .as("a model handled again is tracked anew")
                .extracting(ModelHistory::model)
                .containsExactly("a", "b");
    }

    @Test
    void shouldGiveTheSeriesOfAForgottenModelToTheNextModelSeen() {
        final LearnerObservations observations = start(1);
        final LearnerDriver other = new LearnerDriver(SETTINGS, shiftedBy(observations, 1));
        other.train("a", GOOD);
        driver.train("b", GOOD);
        assertThat(observations.histories()).extracting(ModelHistory::model).containsExactly("a");

        other.close();

        driver.train("b", GOOD);
        assertThat(observations.histories())
                .as("b, counted in totals only, keeps its track")
                .isEmpty();
        driver.train("c", GOOD);
        assertThat(observations.histories()).extracting(ModelHistory::model).containsExactly("c");
    }

    /**
     * The observations, with every task's partition shifted by {@code shift}: a second test driver,
     * whose only task is partition 0 too, so stands for another partition's task.
     */
    private static LearnerListener shiftedBy(final LearnerObservations observations, final int shift) {
        return new LearnerListener() {
            @Override
            public LearnerListener forPartition(final int partition, final Function<String, ModelLabels> labels) {
                return observations.forPartition(partition + shift, labels);
            }

            @Override
            public void onOutcome(final String model, final Source source, final Outcome outcome) {
                throw new AssertionError("told through the partition's listener only");
            }

            @Override
            public void onRejected(final String model, final Source source, final RejectionReason reason) {
                throw new AssertionError("told through the partition's listener only");
            }
        };
    }

    @Test
    void shouldHandEveryModelWithItsOwnSeriesToAWatcherOnceSeen() {
        final LearnerObservations observations = start(2);
        driver.train("a", GOOD);
        final List<String> watched = new ArrayList<>();
        observations.watchSeries(track -> watched.add(track.model()));
        assertThat(watched).containsExactly("a");
        driver.train("b", GOOD);
        driver.train("b", GOOD);
        driver.train("c", GOOD);
        assertThat(watched).containsExactly("a", "b");
        assertThat(observations.histories()).extracting(ModelHistory::model).containsExactly("a", "b");
        assertThat(observations.totals().models()).isEqualTo(3);
    }

    @Test
    void shouldSayOnceWhenAModelGetsNoSeriesOfItsOwn() {
        final ListAppender<ILoggingEvent> log = new ListAppender<>();
        final Logger logger = (Logger) LoggerFactory.getLogger(LearnerObservations.class);
        log.start();
        logger.addAppender(log);
        try {
            start(1);
            driver.train("a", GOOD);
            assertThat(log.list).isEmpty();
            driver.train("b", GOOD);
            driver.train("c", GOOD);
        } finally {
            logger.detachAppender(log);
        }
        assertThat(log.list)
                .singleElement()
                .satisfies(event -> assertThat(event.getFormattedMessage())
                        .isEqualTo("Model 'b' and later ones get no series of their own: 1 models have them ("
                                + LearnerSettings.METRICS_MAX_MODELS.key() + "); they still count in the totals"));
    }

    private static Outcome trainedOnce() {
        final LearnerConfig config = LearnerConfig.defaults();
        return new Learner(config.model(), config.adam(), config.stopping())
                .train(null, new Example(new double[] {1.0}, 2.0), Position.train(0, 0L));
    }
}
