package io.onlinelearner.labels;

import static org.assertj.core.api.Assertions.assertThat;

import io.onlinelearner.learner.Prediction.Answering;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The in-memory age orders of a task's remembered requests. */
class AgeIndexTest {

    private static Remembered request(final String id, final long timestamp, final long sequence) {
        return new Remembered(id, new double[] {1.0}, 0.0, Answering.LIVE, 0, 0, timestamp, sequence);
    }

    private static AgeIndex.Request named(final String model, final String id) {
        return new AgeIndex.Request(model, id);
    }

    @Test
    void shouldOrderByTimestampThenSequenceComparedUnsigned() {
        final AgeIndex ages = new AgeIndex();
        ages.add("a", request("late", 20, 0));
        ages.add("a", request("huge-sequence", 10, -1));
        ages.add("b", request("early", -5, 7));
        ages.add("a", request("first-of-ten", 10, 3));

        assertThat(ages.oldest("a", 10)).containsExactly("first-of-ten", "huge-sequence", "late");
        assertThat(ages.oldest("a", 1)).containsExactly("first-of-ten");
        assertThat(ages.olderThan(20))
                .containsExactly(named("b", "early"), named("a", "first-of-ten"), named("a", "huge-sequence"));
        assertThat(ages.olderThan(-5)).isEmpty();
        assertThat(ages.size()).isEqualTo(4);
    }

    @Test
    void shouldForgetWhatIsRemovedAndAModelWithNothingLeft() {
        final AgeIndex ages = new AgeIndex();
        final Remembered one = request("1", 5, 1);
        ages.add("a", one);
        ages.add("a", request("2", 6, 2));
        ages.remove("a", one);
        ages.remove("a", request("never", 1, 1));
        ages.remove("nobody", one);

        assertThat(ages.oldest("a", 5)).containsExactly("2");
        assertThat(ages.olderThan(100)).containsExactly(named("a", "2"));
        assertThat(ages.contains("a", "2")).isTrue();
        assertThat(ages.contains("a", "1")).isFalse();
        assertThat(ages.contains("b", "2")).isFalse();
        ages.remove("a", request("2", 7, 2));
        assertThat(ages.contains("a", "2")).as("another age: not this request").isTrue();
        ages.remove("a", request("2", 6, 2));
        assertThat(ages.contains("a", "2")).isFalse();
        assertThat(ages.oldest("a", 5)).isEmpty();
        assertThat(ages.size()).isZero();
    }

    @Test
    void shouldKeepTwoModelsRequestsOfTheSameAgeApart() {
        final AgeIndex ages = new AgeIndex();
        ages.add("b", request("x", 5, 1));
        ages.add("a", request("x", 5, 1));

        assertThat(ages.olderThan(6)).isEqualTo(List.of(named("a", "x"), named("b", "x")));
        ages.clear();
        assertThat(ages.olderThan(6)).isEmpty();
        assertThat(ages.oldest("a", 1)).isEmpty();
    }
}
