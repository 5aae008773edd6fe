package io.onlinelearner.config;

import static io.onlinelearner.config.LearnerSettings.DRIFT_ACTION;
import static io.onlinelearner.config.LearnerSettings.DRIFT_ALPHA;
import static io.onlinelearner.config.LearnerSettings.DRIFT_DELTA;
import static io.onlinelearner.config.LearnerSettings.DRIFT_DETECTOR;
import static io.onlinelearner.config.LearnerSettings.DRIFT_MIN_INSTANCES;
import static io.onlinelearner.config.LearnerSettings.DRIFT_THRESHOLD;
import static io.onlinelearner.config.LearnerSettings.INPUT_FORMAT;
import static io.onlinelearner.config.LearnerSettings.INPUT_MAX_BYTES;
import static io.onlinelearner.config.LearnerSettings.INPUT_REPARTITION;
import static io.onlinelearner.config.LearnerSettings.PLATEAU_COOLDOWN;
import static io.onlinelearner.config.LearnerSettings.PLATEAU_FACTOR;
import static io.onlinelearner.config.LearnerSettings.PLATEAU_MIN_DELTA;
import static io.onlinelearner.config.LearnerSettings.PLATEAU_MIN_LR;
import static io.onlinelearner.config.LearnerSettings.PLATEAU_PATIENCE;
import static io.onlinelearner.config.LearnerSettings.PREDICT_PARAMETERS;
import static io.onlinelearner.config.LearnerSettings.TOPIC_COMMANDS;
import static io.onlinelearner.config.LearnerSettings.TOPIC_PREDICT;
import static io.onlinelearner.config.LearnerSettings.TOPIC_PREDICTIONS;
import static org.assertj.core.api.Assertions.assertThat;

import io.onlinelearner.drift.DriftAction;
import io.onlinelearner.drift.DriftConfig;
import io.onlinelearner.learner.PredictParameters;
import io.onlinelearner.model.InputFormat;
import io.onlinelearner.schedule.PlateauConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The keys for the plateau schedule, drift, predictions, input format and the new topics. */
class LearnerConfigNewKeysTest {

    @Test
    void shouldDefaultEveryNewKeyToTheContract() {
        assertThat(PLATEAU_FACTOR.defaultTyped()).isEmpty();
        assertThat(PLATEAU_PATIENCE.defaultTyped()).isEqualTo(10);
        assertThat(PLATEAU_MIN_DELTA.defaultTyped()).isEqualTo(1e-4);
        assertThat(PLATEAU_COOLDOWN.defaultTyped()).isZero();
        assertThat(PLATEAU_MIN_LR.defaultTyped()).isZero();
        assertThat(DRIFT_DETECTOR.defaultTyped()).isEqualTo("none");
        assertThat(DRIFT_MIN_INSTANCES.defaultTyped()).isEqualTo(30);
        assertThat(DRIFT_DELTA.defaultTyped()).isEqualTo(0.005);
        assertThat(DRIFT_THRESHOLD.defaultTyped()).isEqualTo(50.0);
        assertThat(DRIFT_ALPHA.defaultTyped()).isEqualTo(0.9999);
        assertThat(DRIFT_ACTION.defaultTyped()).isEqualTo(DriftAction.ALERT);
        final LearnerConfig config = LearnerConfig.defaults();
        assertThat(config.predictParameters()).isEqualTo(PredictParameters.LIVE);
        assertThat(config.inputFormat()).isEqualTo(InputFormat.JSON);
        assertThat(config.inputRepartition()).isFalse();
        assertThat(config.inputMaxBytes()).isEqualTo(1_048_576);
        assertThat(config.topics().predict()).isEqualTo("predict");
        assertThat(config.topics().commands()).isEqualTo("commands");
        assertThat(config.topics().predictions()).isEqualTo("predictions");
    }

    @Test
    void shouldLeaveThePlateauScheduleAndDriftDetectionOffByDefault() {
        assertThat(LearnerConfig.defaults().plateau()).isEmpty();
        assertThat(LearnerConfig.defaults().drift()).isEmpty();
        assertThat(LearnerConfig.builder()
                        .set(PLATEAU_PATIENCE, 3)
                        .set(DRIFT_ACTION, "reset")
                        .build()
                        .plateau())
                .isEmpty();
    }

    @Test
    void shouldTurnThePlateauScheduleOnWhenTheFactorIsSet() {
        assertThat(LearnerConfig.builder().set(PLATEAU_FACTOR, 0.5).build().plateau())
                .contains(new PlateauConfig(0.5, 10, 1e-4, 0, 0.0));
        assertThat(LearnerConfig.builder()
                        .set(PLATEAU_FACTOR, 0.1)
                        .set(PLATEAU_PATIENCE, 2)
                        .set(PLATEAU_MIN_DELTA, 0.01)
                        .set(PLATEAU_COOLDOWN, 1)
                        .set(PLATEAU_MIN_LR, 1e-5)
                        .build()
                        .plateau())
                .contains(new PlateauConfig(0.1, 2, 0.01, 1, 1e-5));
    }

    @Test
    void shouldTurnDriftDetectionOnWithPageHinkley() {
        assertThat(LearnerConfig.builder()
                        .set(DRIFT_DETECTOR, "page-hinkley")
                        .build()
                        .drift())
                .contains(new DriftConfig(30, 0.005, 50, 0.9999, DriftAction.ALERT));
        assertThat(LearnerConfig.builder()
                        .set(DRIFT_DETECTOR, "page-hinkley")
                        .set(DRIFT_MIN_INSTANCES, 5)
                        .set(DRIFT_DELTA, 0)
                        .set(DRIFT_THRESHOLD, 2.5)
                        .set(DRIFT_ALPHA, 1)
                        .set(DRIFT_ACTION, DriftAction.RESET)
                        .build()
                        .drift())
                .contains(new DriftConfig(5, 0.0, 2.5, 1.0, DriftAction.RESET));
        assertThat(LearnerConfig.builder()
                        .set(DRIFT_DETECTOR, "none")
                        .set(DRIFT_ACTION, "resume")
                        .build()
                        .drift())
                .isEmpty();
    }

    @Test
    void shouldReadPredictionsInputAndTopicKeys() {
        final LearnerConfig config = LearnerConfig.builder()
                .set(PREDICT_PARAMETERS, "best")
                .set(INPUT_FORMAT, "avro")
                .set(INPUT_REPARTITION, true)
                .set(INPUT_MAX_BYTES, 4096)
                .set(TOPIC_PREDICT, "p")
                .set(TOPIC_COMMANDS, "c")
                .set(TOPIC_PREDICTIONS, "out")
                .build();
        assertThat(config.predictParameters()).isEqualTo(PredictParameters.BEST);
        assertThat(config.inputFormat()).isEqualTo(InputFormat.AVRO);
        assertThat(config.inputRepartition()).isTrue();
        assertThat(config.inputMaxBytes()).isEqualTo(4096);
        assertThat(config.topics().inputs()).containsExactly("train", "validation", "p", "c");
        assertThat(config.topics().outputs()).containsExactly("models", "control", "out", "dead-letters");
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "PLATEAU_FACTOR      | 1            | a number in (0, 1), or empty for no plateau schedule",
                "PLATEAU_FACTOR      | 0            | a number in (0, 1), or empty for no plateau schedule",
                "PLATEAU_PATIENCE    | -1           | an integer in [0, 2147483647]",
                "PLATEAU_MIN_DELTA   | -0.1         | a finite number >= 0",
                "PLATEAU_COOLDOWN    | x            | an integer in [0, 2147483647]",
                "PLATEAU_MIN_LR      | Infinity     | a finite number >= 0",
                "DRIFT_DETECTOR      | adwin        | one of none, page-hinkley",
                "DRIFT_MIN_INSTANCES | 0            | an integer in [1, 2147483647]",
                "DRIFT_DELTA         | -1           | a finite number >= 0",
                "DRIFT_THRESHOLD     | 0            | a finite number > 0",
                "DRIFT_ALPHA         | 1.5          | a number in (0, 1]",
                "DRIFT_ACTION        | stop         | one of alert, resume, reset",
                "PREDICT_PARAMETERS  | frozen       | one of live, best",
                "INPUT_FORMAT        | protobuf     | one of json, avro",
                "INPUT_REPARTITION   | maybe        | true or false",
                "INPUT_MAX_BYTES     | 1023         | an integer in [1024, 2147483647]",
                "INPUT_MAX_BYTES     | 1MiB         | an integer in [1024, 2147483647]",
                "TOPIC_PREDICT       | a/b          | a legal topic name (1 to 249 of a-z A-Z 0-9 . _ -)",
                "TOPIC_COMMANDS      | ..           | a legal topic name (1 to 249 of a-z A-Z 0-9 . _ -)",
                "TOPIC_PREDICTIONS   | x y          | a legal topic name (1 to 249 of a-z A-Z 0-9 . _ -)",
            })
    void shouldStopStartUpOnABadNewValueNamingKeyValueAndWhatIsAllowed(
            final String name, final String value, final String allowed) {
        ConfigAssertions.assertRefused(name, value, allowed);
    }

    @Test
    void shouldCheckPlateauAndDriftKeysEvenWhenTheyAreOff() {
        ConfigAssertions.assertRefused("DRIFT_ALPHA", "0", "a number in (0, 1]");
        ConfigAssertions.assertRefused("PLATEAU_MIN_LR", "-1", "a finite number >= 0");
    }
}
