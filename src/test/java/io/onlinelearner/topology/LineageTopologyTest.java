package io.onlinelearner.topology;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.onlinelearner.config.LearnerSettings;
import io.onlinelearner.config.TestTopics;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A lineage names the topic a model's parameters were trained from as the learner reads it: with
 * renamed topics, {@code trainedThrough.topic} is the configured training topic, or the configured
 * labels topic for an example made from a label, on predictions, snapshots and stop signals alike.
 */
class LineageTopologyTest {

    @Test
    void shouldNameTheConfiguredTopicsInEveryLineage() {
        final Map<String, String> settings = new LinkedHashMap<>(TestTopics.settings("prod.learner"));
        settings.put(LearnerSettings.LABELS_ENABLED.key(), "true");
        settings.put(LearnerSettings.LABELS_HOLDOUT_EVERY.key(), "0");
        settings.put(LearnerSettings.STOPPING_VALIDATION_WINDOW.key(), "1");
        try (LearnerDriver driver = new LearnerDriver(settings, LearnerListener.NONE)) {
            driver.nextAt(1_000);
            driver.train("m", "{\"x\": [1.0, 2.0], \"y\": 3.0}");
            driver.predict("m", "{\"x\": [1.0, 1.0], \"id\": \"a\"}");
            driver.pipe(Source.LABELS, LearnerDriver.bytes("m"), LearnerDriver.bytes("{\"id\": \"a\", \"y\": 2.0}"));
            driver.predict("m", "{\"x\": [1.0, 1.0], \"id\": \"b\"}");
            driver.validate("m", "{\"x\": [1.0, 1.0], \"y\": 2.0}");
            driver.command("m", "{\"command\": \"stop\"}");

            final List<JsonNode> predictions = driver.predictions();
            assertThat(predictions).hasSize(2);
            assertThat(predictions.get(0).path("trainedThrough").toString())
                    .isEqualTo("{\"topic\":\"prod.learner-train\",\"partition\":0,\"offset\":0}");
            assertThat(predictions.get(1).path("trainedThrough").toString())
                    .isEqualTo("{\"topic\":\"prod.learner-labels\",\"partition\":0,\"offset\":0}");
            final List<JsonNode> snapshots = driver.models();
            assertThat(snapshots)
                    .isNotEmpty()
                    .allSatisfy(s -> assertThat(
                                    s.path("trainedThrough").path("topic").asText())
                            .isEqualTo("prod.learner-labels"));
            final List<JsonNode> events = driver.control();
            final JsonNode stop = events.get(events.size() - 1);
            assertThat(stop.path("event").asText()).isEqualTo("STOPPED");
            assertThat(stop.path("trainedThrough").path("topic").asText()).isEqualTo("prod.learner-labels");
        }
    }
}
