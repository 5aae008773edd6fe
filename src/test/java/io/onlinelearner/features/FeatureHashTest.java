package io.onlinelearner.features;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FeatureHashTest {

    @Test
    void shouldGiveTheValuesOfAnIndependentImplementation() {
        assertThat(FeatureHash.unsigned(FeatureHash.hash("hello", 0))).isEqualTo(613153351L);
        assertThat(FeatureHash.unsigned(FeatureHash.hash("", 0))).isEqualTo(0L);
        assertThat(FeatureHash.unsigned(FeatureHash.hash("user^age", 0))).isEqualTo(2061272374L);
    }

    @Test
    void shouldHashUtf8Bytes() {
        assertThat(FeatureHash.hash("café", 0))
                .isEqualTo(org.apache.commons.codec.digest.MurmurHash3.hash32x86(
                        "café".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    @Test
    void shouldCombineAsTheContractSays() {
        final long a = 2_061_272_374L;
        final long b = 613_153_351L;
        final long expected = ((a * 16_777_619L) % (1L << 32)) ^ b;
        assertThat(FeatureHash.unsigned(FeatureHash.combine((int) a, (int) b))).isEqualTo(expected);
    }

    @Test
    void shouldTakeTheLowBitsOfTheUnsignedHashAsIndex() {
        assertThat(FeatureHash.index((int) 2_061_272_374L, 10)).isEqualTo((int) (2_061_272_374L % 1024));
        assertThat(FeatureHash.index(0xFFFF_FFFF, 24)).isEqualTo((1 << 24) - 1);
        assertThat(FeatureHash.index(0xFFFF_FFFF, 1)).isEqualTo(1);
    }
}
