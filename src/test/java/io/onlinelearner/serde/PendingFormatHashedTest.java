package io.onlinelearner.serde;

import static org.assertj.core.api.Assertions.assertThat;

import io.onlinelearner.labels.Remembered;
import io.onlinelearner.learner.Prediction;
import io.onlinelearner.model.FeatureVector;
import io.onlinelearner.model.HashedFeatures;
import org.junit.jupiter.api.Test;

/**
 * A remembered request keeps its features as served: a dense request's {@code x} in format 1, a
 * hashed request's indices, values and feature texts in format 2, so that the example its label
 * makes teaches the model the same texts as a training record would.
 */
class PendingFormatHashedTest {

    private static Remembered remembered(final FeatureVector features) {
        return new Remembered("\"p1\"", features, 0.25, Prediction.Answering.LIVE, 7, 1, 1000, 3);
    }

    @Test
    void shouldRoundTripAHashedRequestWithAndWithoutItsTexts() {
        final HashedFeatures named = HashedFeatures.of(
                new int[] {2, 9, 40},
                new double[] {1.0, 2.5, -3.0},
                new String[] {"a", "b=x", "ns^c", "a*ns^c"},
                new int[] {0, 2, 3, 4});
        final HashedFeatures plain = HashedFeatures.of(new int[] {5}, new double[] {1.0});
        for (final HashedFeatures x : new HashedFeatures[] {named, plain}) {
            final byte[] bytes = PendingFormat.request(remembered(x));
            assertThat(bytes[0]).isEqualTo((byte) 2);
            final Remembered back = PendingFormat.request(bytes);
            assertThat(back).isEqualTo(remembered(x));
            assertThat(((HashedFeatures) back.features()).names(0)).isEqualTo(x.names(0));
        }
        assertThat(((HashedFeatures) PendingFormat.request(PendingFormat.request(remembered(named)))
                                .features())
                        .names(0))
                .containsExactly("a", "b=x");
    }

    @Test
    void shouldKeepWritingDenseRequestsInFormat1() {
        final Remembered dense = remembered(new FeatureVector.Dense(new double[] {1.0, 2.0}));
        final byte[] bytes = PendingFormat.request(dense);
        assertThat(bytes[0]).isEqualTo((byte) 1);
        assertThat(PendingFormat.request(bytes)).isEqualTo(dense);
    }
}
