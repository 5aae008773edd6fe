package io.onlinelearner.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.onlinelearner.features.FeatureNames;
import io.onlinelearner.features.HashingConfig;
import io.onlinelearner.features.Interaction;
import io.onlinelearner.features.TaughtRecords;
import io.onlinelearner.model.HashedFeatures;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * The store of texts' layout: for any sequence of records, {@link NamesFormat#learn} on the bytes
 * keeps exactly what {@link FeatureNames#seen} keeps on objects (decoded, and byte for byte against
 * the encoding of the objects), returns the very same bytes when a record teaches nothing, and
 * every value round-trips through {@link NamesFormat#decode} and {@link NamesFormat#encode}; the
 * same holds for a base and recent texts merged at any points, and for records read with
 * interactions, whose texts are kept as references to their parts.
 */
class NamesFormatProperties {

    @Property(tries = 300)
    void learnsOnTheBytesExactlyWhatFeatureNamesKeepsAndRoundTrips(
            @ForAll("records") final List<Map<Integer, List<String>>> records,
            @ForAll @IntRange(min = 1, max = 3) final int perIndex) {
        FeatureNames names = FeatureNames.NONE;
        byte[] bytes = null;
        for (final Map<Integer, List<String>> record : records) {
            final HashedFeatures x = TaughtRecords.features(record);
            final FeatureNames seen = names.seen(x, perIndex);
            final byte[] learnt = NamesFormat.learn(bytes, x, perIndex);
            if (seen == names) {
                assertThat(learnt).as("nothing taught: the same bytes").isSameAs(bytes);
            } else {
                assertThat(learnt).isNotSameAs(bytes).isEqualTo(NamesFormat.encode(seen));
            }
            names = seen;
            bytes = learnt;
            assertThat(NamesFormat.decode(bytes)).isEqualTo(names);
            for (final int index : record.keySet()) {
                assertThat(NamesFormat.names(bytes, index)).isEqualTo(names.names(index));
            }
        }
        assertThat(NamesFormat.encode(NamesFormat.decode(bytes))).isEqualTo(bytes);
        final byte[] value = bytes;
        if (value != null) {
            assertThatThrownBy(() -> NamesFormat.decode(Arrays.copyOf(value, value.length - 1)))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Property(tries = 300)
    void aBaseWithRecentTextsMergedAtAnyPointKeepsWhatFeatureNamesKeeps(
            @ForAll("records") final List<Map<Integer, List<String>>> records,
            @ForAll final List<Boolean> merges,
            @ForAll @IntRange(min = 1, max = 3) final int perIndex) {
        final byte[] base =
                learnMergingAt(records.stream().map(TaughtRecords::features).toList(), merges, perIndex, true);
        assertThat(NamesFormat.merge(base, null)).isSameAs(base);
    }

    /**
     * Learns {@code xs} one by one, merging the recent texts into the base after the records that
     * {@code merges} marks, and checks after each that base and recent texts keep what {@link
     * FeatureNames#seen} keeps; with {@code literals} (records without interactions), that a merged
     * base is the encoding of those names. Returns the last base.
     */
    private static byte[] learnMergingAt(
            final List<HashedFeatures> xs, final List<Boolean> merges, final int perIndex, final boolean literals) {
        FeatureNames names = FeatureNames.NONE;
        byte[] base = null;
        byte[] recent = null;
        for (int r = 0; r < xs.size(); r++) {
            final HashedFeatures x = xs.get(r);
            final FeatureNames seen = names.seen(x, perIndex);
            final byte[] learnt = NamesFormat.learn(base, recent, x, perIndex);
            if (seen == names) {
                assertThat(learnt).as("nothing taught: the same bytes").isSameAs(recent);
            }
            names = seen;
            recent = learnt;
            final byte[] merged = NamesFormat.merge(base, recent);
            assertThat(NamesFormat.decode(merged)).isEqualTo(names);
            for (int k = 0; k < x.size(); k++) {
                assertThat(NamesFormat.names(merged, x.index(k))).isEqualTo(names.names(x.index(k)));
            }
            if (r < merges.size() && merges.get(r)) {
                base = merged;
                recent = null;
                if (literals) {
                    assertThat(base).isEqualTo(NamesFormat.encode(names));
                }
            }
        }
        return base;
    }

    @Property(tries = 300)
    void textsLearntRecordByRecordKeepWhatFeatureNamesKeepsAndAreNeverLeftDue(
            @ForAll("records") final List<Map<Integer, List<String>>> records,
            @ForAll @IntRange(min = 1, max = 3) final int perIndex) {
        FeatureNames names = FeatureNames.NONE;
        NamesFormat.Texts texts = NamesFormat.Texts.NONE;
        for (final Map<Integer, List<String>> record : records) {
            final HashedFeatures x = TaughtRecords.features(record);
            final FeatureNames seen = names.seen(x, perIndex);
            final NamesFormat.Texts learnt = texts.learn(x, perIndex);
            if (seen == names) {
                assertThat(learnt).as("nothing taught: the same texts").isSameAs(texts);
            }
            assertThat(NamesFormat.decode(learnt.merged())).isEqualTo(seen);
            assertThat(NamesFormat.due(learnt.base(), learnt.recent())).isFalse();
            names = seen;
            texts = learnt;
        }
    }

    @Property(tries = 300)
    void interactionTextsKeptAsReferencesReadBackAsWhatFeatureNamesKeeps(
            @ForAll("named") final List<String> records,
            @ForAll final List<Boolean> merges,
            @ForAll @IntRange(min = 1, max = 3) final int perIndex,
            @ForAll @IntRange(min = 1, max = 4) final int bits) {
        final HashingConfig config =
                new HashingConfig(bits, 0, Interaction.parseAll("a:b,a:a,:b"), true, perIndex, 10_000);
        learnMergingAt(
                records.stream().map(json -> TaughtRecords.read(config, json)).toList(), merges, perIndex, false);
    }

    @Example
    void recentTextsAreDueOnceTheyExceedTheGeometricMeanOfTheBoundAndTheBase() {
        assertThat(NamesFormat.due(null, null)).isFalse();
        assertThat(NamesFormat.due(null, new byte[NamesFormat.FOLD_BYTES])).isFalse();
        assertThat(NamesFormat.due(null, new byte[NamesFormat.FOLD_BYTES + 1])).isTrue();
        final byte[] base = new byte[16 * NamesFormat.FOLD_BYTES];
        assertThat(NamesFormat.due(base, new byte[4 * NamesFormat.FOLD_BYTES])).isFalse();
        assertThat(NamesFormat.due(base, new byte[4 * NamesFormat.FOLD_BYTES + 1]))
                .isTrue();
    }

    /** Up to 15 {@code features} objects over namespaces a and b ({@link TaughtRecords#namedLists}). */
    @Provide
    Arbitrary<List<String>> named() {
        return TaughtRecords.namedLists(15);
    }

    /** Records of 1 to 5 indices among 0..9, each with 1 to 3 distinct texts among 5 per index (some not ASCII). */
    @Provide
    Arbitrary<List<Map<Integer, List<String>>>> records() {
        return TaughtRecords.lists(15, 9, 5, 3, "a", "b", "ü^c", "d*e", "");
    }
}
