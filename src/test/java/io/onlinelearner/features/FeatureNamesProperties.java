package io.onlinelearner.features;

import static org.assertj.core.api.Assertions.assertThat;

import io.onlinelearner.model.HashedFeatures;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
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
            names = names.seen(features(record), perIndex);
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
        final Arbitrary<Map<Integer, List<String>>> record = Arbitraries.integers()
                .between(0, 7)
                .set()
                .ofMinSize(1)
                .ofMaxSize(4)
                .map(TreeSet::new)
                .flatMap(indices -> {
                    final List<Arbitrary<List<String>>> texts = new ArrayList<>();
                    for (final int index : indices) {
                        texts.add(Arbitraries.of("a", "b", "c", "d")
                                .map(t -> index + t)
                                .set()
                                .ofMinSize(1)
                                .ofMaxSize(2)
                                .map(ArrayList::new));
                    }
                    return Combinators.combine(texts).as(lists -> {
                        final Map<Integer, List<String>> out = new LinkedHashMap<>();
                        int k = 0;
                        for (final int index : indices) {
                            out.put(index, lists.get(k++));
                        }
                        return out;
                    });
                });
        return record.list().ofMinSize(1).ofMaxSize(12);
    }

    private static HashedFeatures features(final Map<Integer, List<String>> record) {
        final Map<Integer, List<String>> sorted = new TreeMap<>(record);
        final int[] indices = new int[sorted.size()];
        final double[] values = new double[sorted.size()];
        final int[] starts = new int[sorted.size() + 1];
        final List<String> texts = new ArrayList<>();
        int k = 0;
        for (final Map.Entry<Integer, List<String>> e : sorted.entrySet()) {
            indices[k] = e.getKey();
            values[k] = 1.0;
            starts[k] = texts.size();
            texts.addAll(e.getValue());
            k++;
        }
        starts[k] = texts.size();
        return HashedFeatures.of(indices, values, texts.toArray(new String[0]), starts);
    }
}
