package io.onlinelearner.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.onlinelearner.features.FeatureNames;
import io.onlinelearner.features.TaughtRecords;
import io.onlinelearner.model.HashedFeatures;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * The store of texts' layout: for any sequence of records, {@link NamesFormat#learn} on the bytes
 * keeps exactly what {@link FeatureNames#seen} keeps on objects (decoded, and byte for byte against
 * the encoding of the objects), returns the very same bytes when a record teaches nothing, and
 * every value round-trips through {@link NamesFormat#decode} and {@link NamesFormat#encode}.
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

    /** Records of 1 to 5 indices among 0..9, each with 1 to 3 distinct texts among 5 per index (some not ASCII). */
    @Provide
    Arbitrary<List<Map<Integer, List<String>>>> records() {
        return TaughtRecords.lists(15, 9, 5, 3, "a", "b", "ü^c", "d*e", "");
    }
}
