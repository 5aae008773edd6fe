package io.onlinelearner.topology;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.onlinelearner.config.LearnerSettings;
import io.onlinelearner.learner.ModelStatus;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;

/**
 * A label far from its served prediction, whose squared loss overflows a double, is handled as the
 * contract says a label is: its outcome is published (with a null loss, left out of the mean),
 * then its example is handled as a training record would be: counted by a stopped model, refused
 * with {@code non-finite-update} by a training one, whose request then stays remembered.
 */
class LabelOverflowTopologyTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String FAR = "{\"id\": \"r1\", \"y\": 1e160}";

    private static LearnerDriver driver() {
        return new LearnerDriver(Map.of(LearnerSettings.LABELS_ENABLED.key(), "true"), LearnerListener.NONE);
    }

    @Test
    void shouldJoinAndCountTheLabelOfAStoppedModelWithANullLoss() throws Exception {
        try (LearnerDriver driver = driver()) {
            driver.train("m", "{\"x\": [1.0], \"y\": 2.0}");
            driver.command("m", "{\"command\": \"stop\"}");
            driver.predict("m", "{\"x\": [1.0], \"id\": \"r1\"}");
            label(driver, FAR);

            assertThat(driver.deadLetters().isEmpty()).isTrue();
            final JsonNode outcome = JSON.readTree(driver.outcomesTopic().readValue());
            assertThat(outcome.get("loss").isNull()).isTrue();
            assertThat(outcome.get("y").asDouble()).isEqualTo(1e160);
            assertThat(driver.state("m").status()).isEqualTo(ModelStatus.STOPPED);
            assertThat(driver.state("m").skipped()).isEqualTo(1);
            assertThat(driver.labels("m").joined()).isEqualTo(1);
            assertThat(driver.labels("m").pending()).isZero();
            assertThat(driver.labels("m").servedLoss()).isNaN();
        }
    }

    @Test
    void shouldRefuseTheLabelOfATrainingModelAsItsUpdateAndKeepTheRequest() {
        try (LearnerDriver driver = driver()) {
            driver.train("m", "{\"x\": [1.0], \"y\": 2.0}");
            driver.predict("m", "{\"x\": [1.0], \"id\": \"r1\"}");
            label(driver, FAR);

            final TestRecord<byte[], byte[]> dead = driver.deadLetters().readRecord();
            assertThat(new String(dead.headers().lastHeader(DeadLetters.REASON).value(), StandardCharsets.UTF_8))
                    .isEqualTo("non-finite-update");
            assertThat(driver.outcomesTopic().isEmpty()).isTrue();
            assertThat(driver.state("m").updates()).isEqualTo(1);
            assertThat(driver.labels("m").pending()).isEqualTo(1);
            assertThat(driver.labels("m").joined()).isZero();
        }
    }

    private static void label(final LearnerDriver driver, final String json) {
        driver.pipe(Source.LABELS, "m".getBytes(StandardCharsets.UTF_8), json.getBytes(StandardCharsets.UTF_8));
    }
}
