package io.onlinelearner.topology;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.onlinelearner.config.LearnerSettings;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * A validation record whose prediction overflows a double is a valid record with an infinite loss:
 * it is scored, its round's loss is not finite and never improves (as a NaN in Keras's
 * {@code EarlyStopping}), snapshots show that loss as {@code null}, and the model stops once
 * {@code patience} such rounds have passed, frozen to the parameters of the first round.
 */
class NonFiniteValidationTopologyTest {

    private static final String OVERFLOWS = "{\"x\": [1e300, 1e300], \"y\": 1}";

    @Test
    void shouldScoreAnOverflowingPredictionAsARoundThatNeverImproves() {
        final Properties settings = new Properties();
        settings.setProperty(LearnerSettings.STOPPING_VALIDATION_WINDOW.key(), "2");
        settings.setProperty(LearnerSettings.STOPPING_PATIENCE.key(), "2");
        try (LearnerDriver driver = new LearnerDriver(settings)) {
            driver.train("m", "{\"x\": [1, 2], \"y\": 1}");
            for (int i = 0; i < 4; i++) {
                driver.validate("m", OVERFLOWS);
            }

            assertThat(driver.deadLetters().isEmpty()).isTrue();
            final List<JsonNode> snapshots = driver.models();
            assertThat(snapshots)
                    .extracting(s ->
                            s.path("round").asInt() + " " + s.path("status").asText())
                    .containsExactly("0 TRAINING", "1 STOPPED");
            assertThat(snapshots).allSatisfy(s -> {
                assertThat(s.get("roundLoss").isNull()).isTrue();
                assertThat(s.get("bestLoss").isNull()).isTrue();
                assertThat(s.get("bestRound").isNull()).isTrue();
            });
            final List<JsonNode> events = driver.control();
            assertThat(events).hasSize(1);
            assertThat(events.get(0).path("event").asText()).isEqualTo("STOPPED");
            assertThat(events.get(0).path("stoppedRound").asInt()).isEqualTo(1);
            assertThat(events.get(0).get("bestLoss").isNull()).isTrue();
            assertThat(events.get(0).path("updates").asInt()).isEqualTo(1);
            assertThat(driver.state("m").round().lastLoss()).isInfinite();
        }
    }
}
