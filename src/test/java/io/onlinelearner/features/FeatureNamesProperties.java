package io.onlinelearner.features;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * The texts kept per index are, for any sequence of records, exactly the first
 * {@code names-per-index} distinct texts seen at that index, in the order seen; a record that
 * teaches nothing returns the very same instance.
 */
class FeatureNamesProperties {

    @Property(tries = 300)
    void keepsTheFirstDistinctTextsSeenPerIndexInOrder(
            @ForAll("records") final List<Map<Integer, List<String>>> records,
            @ForAll @IntRange(min = 1, max = 3) final int perIndex) {
        FeatureNames names = FeatureNames.NONE;
        final Map<Integer, List<String>> expected = new TreeMap<>();
        for (final Map<Integer, List<String>> record : records) {
            final FeatureNames before = names;
            names = names.seen(TaughtRecords.features(record), perIndex);
            boolean learnt = false;
            for (final Map.Entry<Integer, List<String>> e : record.entrySet()) {
                final List<String> kept = expected.computeIfAbsent(e.getKey(), k -> new ArrayList<>());
                for (final String text : e.getValue()) {
                    if (kept.size() < perIndex && !kept.contains(text)) {
                        kept.add(text);
                        learnt = true;
                    }
                }
            }
            if (!learnt) {
                assertThat(names).isSameAs(before);
            }
        }
        expected.values().removeIf(List::isEmpty);
        assertThat(names.size()).isEqualTo(expected.size());
        for (final Map.Entry<Integer, List<String>> e : expected.entrySet()) {
            assertThat(names.names(e.getKey())).isEqualTo(e.getValue());
        }
    }

    /** Records of 1 to 4 indices among 0..7, each with 1 to 2 distinct texts among 4 per index. */
    @Provide
    Arbitrary<List<Map<Integer, List<String>>>> records() {
        return TaughtRecords.lists(12, 7, 4, 2, "a", "b", "c", "d");
    }
}
