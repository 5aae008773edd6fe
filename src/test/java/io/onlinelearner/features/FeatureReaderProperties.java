package io.onlinelearner.features;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.onlinelearner.model.HashedFeatures;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.apache.commons.codec.digest.MurmurHash3;

/** Invariants of the features reader and of the hash, over generated records and texts. */
class FeatureReaderProperties {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Property(tries = 300)
    void indicesAreIncreasingInRangeAndValuesAreTheSumsPerIndex(
            @ForAll("records") final Map<String, Object> record, @ForAll @IntRange(min = 1, max = 24) final int bits)
            throws Exception {
        final HashedFeatures x = Features.read(
                new HashingConfig(bits, 0, java.util.List.of(), true, 100, 10_000), MAPPER.writeValueAsString(record));
        final TreeMap<Integer, Double> expected = new TreeMap<>();
        final TreeMap<Integer, java.util.List<String>> texts = new TreeMap<>();
        record.forEach((name, value) -> {
            final String text = value instanceof String s ? name + "=" + s : name;
            final double v = value instanceof String ? 1.0 : (Double) value;
            final int index = FeatureHash.index(FeatureHash.hash(text, 0), bits);
            expected.merge(index, v, Double::sum);
            texts.computeIfAbsent(index, i -> new java.util.ArrayList<>()).add(text);
        });
        assertThat(x.size()).isEqualTo(expected.size());
        int k = 0;
        for (final Map.Entry<Integer, Double> e : expected.entrySet()) {
            assertThat(x.index(k)).isEqualTo(e.getKey()).isBetween(0, (1 << bits) - 1);
            assertThat(x.value(k)).isEqualTo(e.getValue());
            assertThat(x.names(k)).containsExactlyElementsOf(texts.get(e.getKey()));
            k++;
        }
    }

    @Property(tries = 200)
    void aNamespacedFeatureIsTheTopLevelFeatureNamedWithItsPrefix(
            @ForAll("names") final String namespace,
            @ForAll("names") final String name,
            @ForAll("values") final double value)
            throws Exception {
        final HashingConfig config = Features.config(18, "");
        final Map<String, Object> inner = Map.of(name, value);
        final HashedFeatures nested = Features.read(config, MAPPER.writeValueAsString(Map.of(namespace, inner)));
        final HashedFeatures flat =
                Features.read(config, MAPPER.writeValueAsString(Map.of(namespace + "^" + name, value)));
        assertThat(nested).isEqualTo(flat);
    }

    @Property(tries = 500)
    void theHashIsMurmur3X86OfTheUtf8Bytes(@ForAll final String text, @ForAll final int seed) {
        final byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        assertThat(FeatureHash.hash(text, seed)).isEqualTo(MurmurHash3.hash32x86(bytes, 0, bytes.length, seed));
        assertThat(FeatureHash.unsigned(FeatureHash.hash(text, seed))).isBetween(0L, (1L << 32) - 1);
    }

    @Property(tries = 500)
    void theCombinationIsTheContractsArithmeticModulo2To32(@ForAll final int first, @ForAll final int second) {
        final long expected =
                ((Integer.toUnsignedLong(first) * 16_777_619L) & 0xFFFF_FFFFL) ^ Integer.toUnsignedLong(second);
        assertThat(FeatureHash.unsigned(FeatureHash.combine(first, second))).isEqualTo(expected);
    }

    @Property(tries = 500)
    void anIndexIsTheUnsignedHashModulo2ToBits(
            @ForAll final int hash, @ForAll @IntRange(min = 1, max = 24) final int bits) {
        assertThat((long) FeatureHash.index(hash, bits)).isEqualTo(Integer.toUnsignedLong(hash) % (1L << bits));
    }

    @Provide
    Arbitrary<Map<String, Object>> records() {
        final Arbitrary<Object> value = Arbitraries.oneOf(
                values().map(v -> (Object) v),
                Arbitraries.strings().ofMaxLength(6).map(s -> (Object) s));
        return Arbitraries.maps(names(), value).ofMinSize(1).ofMaxSize(30).map(LinkedHashMap::new);
    }

    @Provide
    Arbitrary<String> names() {
        return Arbitraries.strings().ofMinLength(1).ofMaxLength(8).filter(s -> !s.contains("^") && !s.contains("="));
    }

    @Provide
    Arbitrary<Double> values() {
        return Arbitraries.doubles().between(-1e6, 1e6).filter(v -> v != 0.0);
    }
}
