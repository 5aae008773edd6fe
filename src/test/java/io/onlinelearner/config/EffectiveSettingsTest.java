package io.onlinelearner.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The learner's configuration as logged at start-up: every key, set or default, in declaration order. */
class EffectiveSettingsTest {

    @Test
    void shouldListEveryKeyWithItsValueOrDefaultInDeclarationOrder() {
        final Properties properties = new Properties();
        properties.setProperty(LearnerSettings.ADAM_LR.key(), "0.05");
        properties.setProperty("bootstrap.servers", "kafka:9092");

        final Map<String, String> effective = LearnerSettings.effective(properties);

        assertThat(effective.keySet())
                .containsExactlyElementsOf(
                        LearnerSettings.all().stream().map(Setting::key).toList());
        assertThat(effective)
                .containsEntry(LearnerSettings.ADAM_LR.key(), "0.05")
                .containsEntry(LearnerSettings.ADAM_BETA1.key(), LearnerSettings.ADAM_BETA1.defaultValue())
                .containsEntry(LearnerSettings.MODEL_FEATURES.key(), "unset")
                .doesNotContainKey("bootstrap.servers");
    }
}
