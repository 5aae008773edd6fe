package io.onlinelearner.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.onlinelearner.labels.ModelLabels;
import org.junit.jupiter.api.Test;

/** The labels store's bounded cache of the models' bookkeeping. */
class RecentLabelsTest {

    /** Two losses in a window's smallest buffer (16 slots), plus the entry's own weight. */
    private static final long ONE = 16 + RecentLabels.ENTRY_WEIGHT;

    private static ModelLabels twoOutcomes() {
        return ModelLabels.none(5)
                .remembered()
                .remembered()
                .remembered()
                .joined(0.5)
                .joined(0.25);
    }

    @Test
    void shouldReturnTheVeryValueLastPut() {
        final RecentLabels recent = new RecentLabels();
        final ModelLabels first = ModelLabels.none(5);
        final ModelLabels second = first.remembered();
        recent.put("m", first);
        recent.put("m", second);
        assertThat(recent.get("m")).isSameAs(second);
        assertThat(recent.get("other")).isNull();
        assertThat(recent.size()).isEqualTo(1);
    }

    @Test
    void shouldEvictTheLeastRecentlyUsedModelOnceOverBudget() {
        final RecentLabels recent = new RecentLabels(2 * ONE);
        recent.put("a", twoOutcomes());
        recent.put("b", twoOutcomes());
        recent.get("a");
        recent.put("c", twoOutcomes());
        assertThat(recent.get("b")).isNull();
        assertThat(recent.get("a")).isNotNull();
        assertThat(recent.get("c")).isNotNull();
        assertThat(recent.size()).isEqualTo(2);
    }

    @Test
    void shouldCountAWindowThatGrewAtItsNewWeight() {
        final RecentLabels recent = new RecentLabels(2 * ONE);
        recent.put("a", ModelLabels.none(5));
        recent.put("b", ModelLabels.none(5));
        recent.put("a", twoOutcomes());
        ModelLabels grown = ModelLabels.none(100);
        for (int i = 0; i < 17; i++) {
            grown = grown.remembered().joined(i);
        }
        assertThat(grown.served().footprint()).as("a second, larger buffer").isEqualTo(34);
        recent.put("b", grown);
        assertThat(recent.get("a")).isNull();
        assertThat(recent.get("b")).isNotNull();
    }

    @Test
    void shouldForgetOneModelOrEverything() {
        final RecentLabels recent = new RecentLabels(2 * ONE);
        recent.put("a", twoOutcomes());
        recent.put("b", twoOutcomes());
        recent.forget("a");
        assertThat(recent.get("a")).isNull();
        recent.put("c", twoOutcomes());
        assertThat(recent.get("b")).isNotNull();
        recent.clear();
        assertThat(recent.size()).isZero();
        assertThat(recent.get("b")).isNull();
    }
}
