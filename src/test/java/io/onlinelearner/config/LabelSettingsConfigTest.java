package io.onlinelearner.config;

import static io.onlinelearner.config.LearnerSettings.LABELS_ENABLED;
import static io.onlinelearner.config.LearnerSettings.LABELS_HOLDOUT_EVERY;
import static io.onlinelearner.config.LearnerSettings.LABELS_MAX_PENDING;
import static io.onlinelearner.config.LearnerSettings.LABELS_TTL_MS;
import static io.onlinelearner.config.LearnerSettings.LABELS_WINDOW;
import static io.onlinelearner.config.LearnerSettings.TOPIC_LABELS;
import static io.onlinelearner.config.LearnerSettings.TOPIC_OUTCOMES;
import static io.onlinelearner.config.LearnerSettings.TOPIC_TRAIN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.onlinelearner.labels.LabelSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code learner.labels.*} and the labels and outcomes topics: defaults as the contract says, every bad value refused by key. */
class LabelSettingsConfigTest {

    @Test
    void shouldDefaultToTheContract() {
        final LearnerConfig config = LearnerConfig.defaults();

        assertThat(config.labels()).isEqualTo(new LabelSettings(false, 3_600_000, 100_000, 0, 1000));
        assertThat(config.topics().labels()).isEqualTo("labels");
        assertThat(config.topics().outcomes()).isEqualTo("outcomes");
    }

    @Test
    void shouldReadEveryKey() {
        final LearnerConfig config = LearnerConfig.builder()
                .set(LABELS_ENABLED, true)
                .set(LABELS_TTL_MS, 60_000L)
                .set(LABELS_MAX_PENDING, 40)
                .set(LABELS_HOLDOUT_EVERY, 5)
                .set(LABELS_WINDOW, 20)
                .set(TOPIC_LABELS, "l")
                .set(TOPIC_OUTCOMES, "o")
                .build();

        assertThat(config.labels()).isEqualTo(new LabelSettings(true, 60_000, 40, 5, 20));
        assertThat(config.topics().inputs(true)).endsWith("l");
        assertThat(config.topics().outputs(true)).contains("o");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "learner.labels.enabled|yes|true or false",
                "learner.labels.ttl-ms|0|an integer in [1, 9223372036854775807]",
                "learner.labels.ttl-ms|1.5|an integer in [1, 9223372036854775807]",
                "learner.labels.max-pending|0|an integer in [1, 2147483647]",
                "learner.labels.holdout-every|-1|an integer in [0, 2147483647]",
                "learner.labels.window|0|an integer in [1, 100000]",
                "learner.labels.window|100001|an integer in [1, 100000]"
            })
    void shouldRefuseABadValueNamingTheKeyTheValueAndWhatIsAllowed(
            final String key, final String value, final String allowed) {
        assertThatThrownBy(() -> LearnerConfig.builder()
                        .set(LearnerSettings.forKey(key), value)
                        .build())
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(key)
                .hasMessageContaining(value)
                .hasMessageContaining(allowed);
    }

    @Test
    void shouldRefuseALabelsTopicNamedLikeAnotherTopic() {
        assertThatThrownBy(() -> LearnerConfig.builder()
                        .set(TOPIC_LABELS, TOPIC_TRAIN.defaultValue())
                        .build())
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(TOPIC_LABELS.key());
    }
}
