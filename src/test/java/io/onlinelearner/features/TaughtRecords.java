package io.onlinelearner.features;

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

/**
 * Records of hashed features with their texts, for the property tests of the texts a model keeps:
 * each record maps a few indices to distinct texts (each text starts with its index); or, with
 * interactions, {@code features} objects read by the learner's {@link FeatureReader}.
 */
public final class TaughtRecords {

    private TaughtRecords() {}

    /**
     * Lists of 1 to {@code maxRecords} records; a record holds 1 to {@code maxIndices} indices among
     * 0..{@code maxIndex}, each with 1 to {@code maxTexts} distinct texts made of its index and one
     * of {@code suffixes}.
     */
    public static Arbitrary<List<Map<Integer, List<String>>>> lists(
            final int maxRecords,
            final int maxIndex,
            final int maxIndices,
            final int maxTexts,
            final String... suffixes) {
        final Arbitrary<Map<Integer, List<String>>> record = Arbitraries.integers()
                .between(0, maxIndex)
                .set()
                .ofMinSize(1)
                .ofMaxSize(maxIndices)
                .map(TreeSet::new)
                .flatMap(indices -> {
                    final List<Arbitrary<List<String>>> texts = new ArrayList<>();
                    for (final int index : indices) {
                        texts.add(Arbitraries.of(suffixes)
                                .map(t -> index + t)
                                .set()
                                .ofMinSize(1)
                                .ofMaxSize(maxTexts)
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
        return record.list().ofMinSize(1).ofMaxSize(maxRecords);
    }

    /**
     * Lists of 1 to {@code maxRecords} {@code features} objects over namespaces {@code a} and
     * {@code b} and the top level, each member absent or one of a few strings (one holding the
     * {@code *} that joins interaction texts, one not ASCII), and always {@code "n": 1}: few enough
     * that records repeat texts, for interactions such as {@code a:b,a:a,:b}.
     */
    public static Arbitrary<List<String>> namedLists(final int maxRecords) {
        final Arbitrary<String> value = Arbitraries.of("", "v", "w", "p*q", "ü");
        final Arbitrary<String> record = Combinators.combine(value, value, value, value, value)
                .as((ax, ay, bz, bw, t) -> "{\"n\": 1"
                        + namespace("a", "x", ax, "y", ay)
                        + namespace("b", "z", bz, "w", bw)
                        + (t.isEmpty() ? "" : ", \"t\": \"" + t + "\"")
                        + "}");
        return record.list().ofMinSize(1).ofMaxSize(maxRecords);
    }

    private static String namespace(
            final String name,
            final String first,
            final String firstValue,
            final String second,
            final String secondValue) {
        final List<String> members = new ArrayList<>();
        if (!firstValue.isEmpty()) {
            members.add("\"" + first + "\": \"" + firstValue + "\"");
        }
        if (!secondValue.isEmpty()) {
            members.add("\"" + second + "\": \"" + secondValue + "\"");
        }
        return members.isEmpty() ? "" : ", \"" + name + "\": {" + String.join(", ", members) + "}";
    }

    /** The features of one {@code features} object, read as the learner reads them. */
    public static HashedFeatures read(final HashingConfig config, final String json) {
        return Features.read(config, json);
    }

    /** The hashed features of one record: its indices in order, each of value 1, with its texts. */
    public static HashedFeatures features(final Map<Integer, List<String>> record) {
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
