package io.onlinelearner.config;

import static io.onlinelearner.config.ConfigAssertions.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.onlinelearner.features.FeatureMode;
import io.onlinelearner.features.HashingConfig;
import io.onlinelearner.features.Interaction;
import io.onlinelearner.optim.EpsilonPlacement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The {@code learner.features.*} keys and the refusals of hashed mode. */
class LearnerConfigFeaturesTest {

    private static LearnerConfigBuilder hashed() {
        return LearnerConfig.builder().set(LearnerSettings.FEATURES_MODE, FeatureMode.HASHED);
    }

    @Test
    void shouldDefaultToDenseFeaturesAndTheContractsHashingSettings() {
        assertThat(LearnerConfig.defaults().hashing()).isEmpty();
        final HashingConfig config = hashed().build().hashing().orElseThrow();
        assertThat(config).isEqualTo(new HashingConfig(18, 0, List.of(), true, 2, 10_000));
        assertThat(config.dimension()).isEqualTo(1 << 18);
    }

    @Test
    void shouldReadEveryKey() {
        final HashingConfig config = hashed().set(LearnerSettings.FEATURES_HASH_BITS, 10)
                .set(LearnerSettings.FEATURES_HASH_SEED, "4294967295")
                .set(LearnerSettings.FEATURES_INTERACTIONS, "user:item, :user,u:u")
                .set(LearnerSettings.FEATURES_KEEP_NAMES, false)
                .set(LearnerSettings.FEATURES_NAMES_PER_INDEX, 5)
                .set(LearnerSettings.MODEL_MAX_FEATURES, 64)
                .build()
                .hashing()
                .orElseThrow();
        assertThat(config)
                .isEqualTo(new HashingConfig(
                        10,
                        -1,
                        List.of(
                                new Interaction("user", "item"),
                                new Interaction("", "user"),
                                new Interaction("u", "u")),
                        false,
                        5,
                        64));
    }

    @Test
    void shouldPlaceEpsilonAtTheHatInHashedModeUnlessSet() {
        assertThat(hashed().build().adam().epsilonPlacement()).isEqualTo(EpsilonPlacement.HAT);
        assertThat(hashed().set(LearnerSettings.ADAM_EPSILON_PLACEMENT, "hat")
                        .build()
                        .adam()
                        .epsilonPlacement())
                .isEqualTo(EpsilonPlacement.HAT);
        assertThat(LearnerConfig.defaults().adam().epsilonPlacement()).isEqualTo(EpsilonPlacement.OUTSIDE);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = ';',
            value = {
                "FEATURES_MODE; sparse; one of dense, hashed",
                "FEATURES_HASH_BITS; 0; an integer in [1, 24]",
                "FEATURES_HASH_BITS; 25; an integer in [1, 24]",
                "FEATURES_HASH_SEED; -1; an integer in [0, 4294967295]",
                "FEATURES_HASH_SEED; 4294967296; an integer in [0, 4294967295]",
                "FEATURES_HASH_SEED; ４２; an integer in [0, 4294967295]",
                "FEATURES_INTERACTIONS; user; comma-separated pairs of namespace names a:b (an empty name is the top level), each pair once (a:b and b:a are one pair), or empty",
                "FEATURES_INTERACTIONS; a:b:c; comma-separated pairs of namespace names a:b (an empty name is the top level), each pair once (a:b and b:a are one pair), or empty",
                "FEATURES_INTERACTIONS; user:item,user:item; comma-separated pairs of namespace names a:b (an empty name is the top level), each pair once (a:b and b:a are one pair), or empty",
                "FEATURES_INTERACTIONS; user:item, item : user; comma-separated pairs of namespace names a:b (an empty name is the top level), each pair once (a:b and b:a are one pair), or empty",
                "FEATURES_INTERACTIONS; u:u,u:u; comma-separated pairs of namespace names a:b (an empty name is the top level), each pair once (a:b and b:a are one pair), or empty",
                "FEATURES_KEEP_NAMES; yes; true or false",
                "FEATURES_NAMES_PER_INDEX; 0; an integer in [1, 100]"
            })
    void shouldRefuseABadValueNamingTheKey(final String constant, final String value, final String allowed) {
        assertRefused(constant, value, allowed);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = ';',
            value = {
                "ADAM_AMSGRAD; true; false",
                "ADAM_WEIGHT_DECAY; 0.01; 0",
                "ADAM_MAX_GRAD_NORM; 1.0; empty (no clipping)",
                "MODEL_INITIAL_WEIGHTS; 0.5,0.5; empty (zeros)",
                "MODEL_FEATURES; 3; empty (the dimension is 2^learner.features.hash-bits)",
                "ADAM_EPSILON_PLACEMENT; outside; hat, or no line for the key (lazy Adam places epsilon at the hat)",
                "ADAM_EPSILON_PLACEMENT; inside; hat, or no line for the key (lazy Adam places epsilon at the hat)",
                "INPUT_FORMAT; avro; json (named features are JSON objects)"
            })
    void shouldRefuseWhatLazyAdamCannotHonourInHashedModeNamingTheKey(
            final String constant, final String value, final String allowed) {
        final Setting<?> setting = ConfigAssertions.setting(constant);
        assertThatThrownBy(() -> hashed().set(setting, value).build())
                .isInstanceOf(ConfigException.class)
                .hasMessage("invalid configuration: " + setting.key() + " = '" + value + "': must be " + allowed
                        + " with learner.features.mode=hashed");
        assertThat(LearnerConfig.builder().set(setting, value).build().hashing())
                .isEmpty();
    }
}
