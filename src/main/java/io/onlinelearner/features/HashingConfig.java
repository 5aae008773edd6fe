package io.onlinelearner.features;

import java.util.List;

/**
 * The settings of named features ({@code learner.features.*} with {@code mode=hashed}).
 *
 * @param bits          {@code hash-bits}: a model has {@code 2^bits} weights, 1 to 24
 * @param seed          {@code hash-seed}: MurmurHash3's seed
 * @param interactions  {@code interactions}: the namespace pairs crossed, in order
 * @param keepNames     {@code keep-names}: keep the texts seen for each index
 * @param namesPerIndex {@code names-per-index}: how many texts are kept per index
 * @param maxFeatures   {@code learner.model.max-features}: the most features one record may have, interactions included
 */
public record HashingConfig(
        int bits, int seed, List<Interaction> interactions, boolean keepNames, int namesPerIndex, int maxFeatures) {

    /** The largest {@code bits}. */
    public static final int MAX_BITS = 24;

    /** Checks the ranges. */
    public HashingConfig {
        if (bits < 1 || bits > MAX_BITS) {
            throw new IllegalArgumentException("bits = " + bits + ": must be in [1, " + MAX_BITS + "]");
        }
        if (namesPerIndex < 0 || maxFeatures < 1) {
            throw new IllegalArgumentException("namesPerIndex >= 0 and maxFeatures >= 1 required");
        }
        interactions = List.copyOf(interactions);
    }

    /** The number of weights of a model, {@code 2^bits}. */
    public int dimension() {
        return 1 << bits;
    }
}
