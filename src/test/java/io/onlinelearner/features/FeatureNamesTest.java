package io.onlinelearner.features;

import static org.assertj.core.api.Assertions.assertThat;

import io.onlinelearner.model.HashedFeatures;
import java.util.List;
import org.junit.jupiter.api.Test;

class FeatureNamesTest {

    private static final HashingConfig ONE_BIT = Features.config(1, "");

    @Test
    void shouldKeepTheFirstTextsSeenUpToTheBound() {
        final FeatureNames first =
                FeatureNames.NONE.seen(Features.read(ONE_BIT, "{\"a\": 1, \"b\": 1, \"c\": 1, \"d\": 1, \"e\": 1}"), 2);
        final FeatureNames names = first.seen(Features.read(ONE_BIT, "{\"f\": 1, \"g\": 1, \"h\": 1}"), 2);
        final java.util.Map<Integer, List<String>> expected = new java.util.TreeMap<>();
        for (final String text : List.of("a", "b", "c", "d", "e", "f", "g", "h")) {
            final List<String> kept =
                    expected.computeIfAbsent(Features.index(text, 1), i -> new java.util.ArrayList<>());
            if (kept.size() < 2) {
                kept.add(text);
            }
        }
        assertThat(names.size()).isEqualTo(expected.size());
        expected.forEach((index, texts) -> assertThat(names.names(index)).isEqualTo(texts));
    }

    @Test
    void shouldReturnItselfWhenNothingIsNew() {
        final HashingConfig wide = Features.config(18, "");
        final FeatureNames names = FeatureNames.NONE.seen(Features.read(wide, "{\"a\": 1, \"b\": \"x\"}"), 2);
        assertThat(names.seen(Features.read(wide, "{\"a\": 5, \"b\": \"x\"}"), 2))
                .isSameAs(names);
        assertThat(names.names(Features.index("b=x", 18))).containsExactly("b=x");
        final FeatureNames more = names.seen(Features.read(wide, "{\"c\": 1}"), 2);
        assertThat(more).isNotSameAs(names);
        assertThat(more.size()).isEqualTo(3);
        assertThat(names.size()).isEqualTo(2);
    }

    @Test
    void shouldKeepNothingWithoutNamesOrWithABoundOfZero() {
        final HashedFeatures x = Features.read(Features.config(18, ""), "{\"a\": 1}");
        assertThat(FeatureNames.NONE.seen(x, 0)).isSameAs(FeatureNames.NONE);
        final HashedFeatures unnamed = Features.read(new HashingConfig(18, 0, List.of(), false, 2, 10), "{\"a\": 1}");
        assertThat(FeatureNames.NONE.seen(unnamed, 2)).isSameAs(FeatureNames.NONE);
    }
}
