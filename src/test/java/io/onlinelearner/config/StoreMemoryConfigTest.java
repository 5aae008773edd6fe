package io.onlinelearner.config;

import static io.onlinelearner.config.LearnerSettings.STORE_MEMORY_MB;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.onlinelearner.store.BoundedMemoryRocksDBConfig;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link LearnerSettings#STORE_MEMORY_MB} installs the bounded-memory setter, and a user's own setter is never silently replaced. */
class StoreMemoryConfigTest {

    @Test
    void shouldBoundTheStoresTo256MiBByDefault() {
        final Properties streams = LearnerConfig.defaults().streams();
        assertThat(STORE_MEMORY_MB.defaultTyped()).isEqualTo(256);
        assertThat(streams.getProperty(LearnerConfig.ROCKSDB_CONFIG_SETTER))
                .isEqualTo(BoundedMemoryRocksDBConfig.class.getName());
        assertThat(streams.getProperty(BoundedMemoryRocksDBConfig.TOTAL_BYTES_CONFIG))
                .isEqualTo(String.valueOf(256L << 20));
    }

    @Test
    void shouldPassTheConfiguredBoundInBytes() {
        final LearnerConfig config =
                LearnerConfig.builder().set(STORE_MEMORY_MB, 1024).build();
        assertThat(config.streams().getProperty(BoundedMemoryRocksDBConfig.TOTAL_BYTES_CONFIG))
                .isEqualTo(String.valueOf(1L << 30));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "15", "-1", "1.5", "lots", "1048577"})
    void shouldStopStartUpOnABadBoundNamingTheKey(final String value) {
        ConfigAssertions.assertRefused("STORE_MEMORY_MB", value, "an integer in [16, 1048576]");
    }

    @Test
    void shouldKeepTheUsersOwnSetterWhenNoBoundIsSet() {
        final LearnerConfig config = LearnerConfig.builder()
                .streams(LearnerConfig.ROCKSDB_CONFIG_SETTER, "com.example.MySetter")
                .build();
        assertThat(config.streams().getProperty(LearnerConfig.ROCKSDB_CONFIG_SETTER))
                .isEqualTo("com.example.MySetter");
        assertThat(config.streams().getProperty(BoundedMemoryRocksDBConfig.TOTAL_BYTES_CONFIG))
                .isNull();
    }

    @Test
    void shouldRefuseABoundNextToTheUsersOwnSetterNamingBoth() {
        assertThatThrownBy(() -> LearnerConfig.builder()
                        .streams(LearnerConfig.ROCKSDB_CONFIG_SETTER, "com.example.MySetter")
                        .set(STORE_MEMORY_MB, 512)
                        .build())
                .isInstanceOf(ConfigException.class)
                .hasMessage("invalid configuration: " + STORE_MEMORY_MB.key() + " = '512': must be unset when "
                        + LearnerConfig.ROCKSDB_CONFIG_SETTER
                        + " names a setter of your own ('com.example.MySetter'): the learner's bound would replace it");
    }
}
