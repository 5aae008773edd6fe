package io.onlinelearner.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** {@code learner.models.idle-ttl-ms}: unset by default (never evict), else a whole number of ms >= 1. */
class IdleTtlConfigTest {

    @Test
    void shouldNeverEvictByDefault() {
        assertThat(LearnerSettings.MODELS_IDLE_TTL_MS.defaultValue()).isEmpty();
        assertThat(LearnerConfig.defaults().idleTtlMs()).isEmpty();
    }

    @Test
    void shouldReadAWholeNumberOfMilliseconds() {
        assertThat(LearnerConfig.builder()
                        .set(LearnerSettings.MODELS_IDLE_TTL_MS, "86400000")
                        .build()
                        .idleTtlMs())
                .isEqualTo(OptionalLong.of(86_400_000L));
        assertThat(LearnerConfig.builder()
                        .set(LearnerSettings.MODELS_IDLE_TTL_MS, OptionalLong.of(5))
                        .build()
                        .idleTtlMs())
                .isEqualTo(OptionalLong.of(5));
    }

    @Test
    void shouldRefuseAnythingElseNamingTheKeyTheValueAndWhatIsAllowed() {
        final String allowed = "an integer in [1, 9223372036854775807], or empty";
        ConfigAssertions.assertRefused("MODELS_IDLE_TTL_MS", "0", allowed);
        ConfigAssertions.assertRefused("MODELS_IDLE_TTL_MS", "-1", allowed);
        ConfigAssertions.assertRefused("MODELS_IDLE_TTL_MS", "1h", allowed);
        ConfigAssertions.assertRefused("MODELS_IDLE_TTL_MS", "1.5", allowed);
    }
}
