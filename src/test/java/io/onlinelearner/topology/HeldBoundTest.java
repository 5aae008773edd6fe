package io.onlinelearner.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The bound on the states an instance holds: an eighth of the heap, at least 32 MiB. */
class HeldBoundTest {

    @Test
    void shouldTakeAnEighthOfTheHeapAndAtLeast32MiB() {
        assertThat(HeldBound.ofHeap(4L << 30).limit() * Long.BYTES).isEqualTo(512L << 20);
        assertThat(HeldBound.ofHeap(64L << 20).limit() * Long.BYTES).isEqualTo(32L << 20);
        assertThat(HeldBound.ofHeap(Long.MAX_VALUE).limit()).isPositive();
    }

    @Test
    void shouldCountWhatIsAddedAndRemovedAgainstItsLimit() {
        final HeldBound bound = new HeldBound(10);
        bound.add(7);
        assertThat(bound.over()).isFalse();
        assertThat(bound.wouldExceed(3)).isFalse();
        assertThat(bound.wouldExceed(4)).isTrue();
        bound.add(4);
        assertThat(bound.over()).isTrue();
        bound.add(-4);
        assertThat(bound.weight()).isEqualTo(7);
        assertThatThrownBy(() -> new HeldBound(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldShareItsLimitAmongItsHoldersAndAskTheOthersToLetGoWhileOver() {
        final HeldBound bound = new HeldBound(12);
        final List<String> asked = new ArrayList<>();
        final HeldBound.Holder first = share -> {
            asked.add("first " + share);
            bound.add(-5);
        };
        final HeldBound.Holder second = share -> asked.add("second " + share);
        assertThat(bound.share()).isEqualTo(12);
        bound.register(first);
        bound.register(second);
        assertThat(bound.share()).isEqualTo(6);
        bound.add(10);
        bound.makeRoom(second);
        assertThat(asked).as("not over: nobody asked").isEmpty();
        bound.add(5);
        bound.makeRoom(second);
        assertThat(asked).as("over: every other holder, while over").containsExactly("first 6");
        bound.deregister(first);
        assertThat(bound.share()).isEqualTo(12);
    }
}
