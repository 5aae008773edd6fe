package io.onlinelearner.features;

import java.nio.charset.StandardCharsets;
import org.apache.commons.codec.digest.MurmurHash3;

/**
 * The hashes of named features: MurmurHash3 x86 32-bit of a feature text's UTF-8 bytes (Apache
 * Commons Codec's {@code MurmurHash3.hash32x86}, not its deprecated {@code hash32} family, which
 * mishandles trailing bytes), the combination of two hashes for an interaction, and the index of a
 * hash among {@code 2^bits} buckets. A hash is held in an {@code int} and read as an unsigned
 * 32-bit number.
 */
public final class FeatureHash {

    /** The FNV prime that multiplies the first hash of an interaction (as Vowpal Wabbit's quadratic features). */
    public static final int INTERACTION_MULTIPLIER = 16_777_619;

    private FeatureHash() {}

    /** MurmurHash3 x86 32-bit of {@code text}'s UTF-8 bytes with {@code seed}. */
    public static int hash(final String text, final int seed) {
        final byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return MurmurHash3.hash32x86(bytes, 0, bytes.length, seed);
    }

    /** The hash of the interaction of features hashed {@code first} and {@code second}: {@code (first · 16777619) XOR second mod 2^32}. */
    public static int combine(final int first, final int second) {
        return (first * INTERACTION_MULTIPLIER) ^ second;
    }

    /** The index of {@code hash} (unsigned) among {@code 2^bits} buckets, {@code 1 <= bits <= 24}. */
    public static int index(final int hash, final int bits) {
        return hash & ((1 << bits) - 1);
    }

    /** {@code hash} as the unsigned number it stands for. */
    public static long unsigned(final int hash) {
        return Integer.toUnsignedLong(hash);
    }
}
