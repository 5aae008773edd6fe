package io.onlinelearner.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class TopFeaturesTest {

    private final SparseWeights weights =
            SparseWeights.of(new int[] {3, 7, 9, 12}, new double[] {0.5, -2.0, 0.5, 1.0}, 4.0);
    private final FeatureNames names =
            FeatureNames.of(new int[] {7, 9}, List.of(List.of("user^id=u1", "hour"), List.of("a*b")));

    @Test
    void shouldListTheLargestMagnitudesFirstWithTheirNames() {
        assertThat(TopFeatures.of(weights, names, 3))
                .containsExactly(
                        new TopFeatures.Entry(7, -2.0, List.of("user^id=u1", "hour")),
                        new TopFeatures.Entry(12, 1.0, List.of()),
                        new TopFeatures.Entry(3, 0.5, List.of()));
    }

    @Test
    void shouldListEveryTouchedIndexWhenAskedForMore() {
        assertThat(TopFeatures.of(weights, names, 10))
                .extracting(TopFeatures.Entry::index)
                .containsExactly(7, 12, 3, 9);
        assertThat(TopFeatures.of(weights, names, 0)).isEmpty();
        assertThatThrownBy(() -> TopFeatures.of(weights, names, -1)).isInstanceOf(IllegalArgumentException.class);
    }
}
