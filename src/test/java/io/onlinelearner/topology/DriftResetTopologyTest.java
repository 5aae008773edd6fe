package io.onlinelearner.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.onlinelearner.config.LearnerSettings;
import io.onlinelearner.learner.ModelState;
import io.onlinelearner.model.Position;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A drift reset through the topology: the snapshot it publishes shows the reset model (initial
 * parameters, no updates, no lineage), although the record that fired is then trained on that
 * model before the snapshot leaves the processor's record.
 */
public class DriftResetTopologyTest {

    /** With min-instances 1, delta 0, alpha 1 and threshold 10, losses 0 then 100 fire at the second record. */
    public static final Map<String, String> RESET_ON_SECOND = Map.of(
            LearnerSettings.DRIFT_DETECTOR.key(), LearnerSettings.DETECTOR_PAGE_HINKLEY,
            LearnerSettings.DRIFT_MIN_INSTANCES.key(), "1",
            LearnerSettings.DRIFT_DELTA.key(), "0",
            LearnerSettings.DRIFT_ALPHA.key(), "1",
            LearnerSettings.DRIFT_THRESHOLD.key(), "10",
            LearnerSettings.DRIFT_ACTION.key(), "reset",
            LearnerSettings.ADAM_LR.key(), "0.1");

    /** The one snapshot on {@code models}: the reset model, exactly. */
    public static final String RESET_SNAPSHOT = "{\"model\":\"m\",\"status\":\"TRAINING\",\"updates\":0,\"features\":1,"
            + "\"weights\":[0.0],\"bias\":0.0,\"round\":null,\"roundLoss\":null,\"bestRound\":null,"
            + "\"bestLoss\":null,\"lr\":0.1,\"generation\":1,\"trainedThrough\":null}";

    @Test
    void shouldPublishTheResetModelNotTheStepTakenAfterIt() {
        try (LearnerDriver driver = new LearnerDriver(RESET_ON_SECOND, LearnerListener.NONE)) {
            driver.train("m", "{\"x\": 1.0, \"y\": 0.0}");
            driver.train("m", "{\"x\": 1.0, \"y\": 10.0}");

            assertThat(driver.modelsTopic().readValuesToList())
                    .extracting(bytes -> new String(bytes, StandardCharsets.UTF_8))
                    .containsExactly(RESET_SNAPSHOT);
            final ModelState after = driver.state("m");
            assertThat(after.updates())
                    .as("the record that fired, applied to the reset model")
                    .isEqualTo(1);
            assertThat(after.live().trainedThrough()).isEqualTo(Position.train(0, 1));
            assertThat(after.generation()).isEqualTo(1);
        }
    }
}
