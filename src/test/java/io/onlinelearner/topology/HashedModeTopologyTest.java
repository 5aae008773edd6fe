package io.onlinelearner.topology;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.onlinelearner.config.ConfigException;
import io.onlinelearner.config.LearnerConfig;
import io.onlinelearner.config.LearnerSettings;
import org.junit.jupiter.api.Test;

/** Hashed mode is configured and its core tested, but the processor does not read named features yet. */
class HashedModeTopologyTest {

    @Test
    void shouldRefuseToBuildAHashedTopologyNamingTheKey() {
        final LearnerConfig config = LearnerConfig.builder()
                .set(LearnerSettings.FEATURES_MODE, "hashed")
                .build();
        assertThatThrownBy(() -> LearnerTopology.build(config))
                .isInstanceOf(ConfigException.class)
                .hasMessage("invalid configuration: learner.features.mode = 'hashed': must be dense in this version"
                        + " (the stream processor does not read named features yet)");
    }
}
