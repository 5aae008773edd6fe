package io.onlinelearner.learner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.onlinelearner.config.LearnerConfig;
import org.junit.jupiter.api.Test;

/** The idle rule at its edges, without overflow, and what an eviction publishes. */
class EvictionTest {

    @Test
    void shouldCallAModelIdleOnlyOnceMoreThanTheTtlHasPassed() {
        assertThat(Eviction.idle(1_000, 2_000, 1_000)).isFalse();
        assertThat(Eviction.idle(1_000, 2_001, 1_000)).isTrue();
        assertThat(Eviction.idle(1_000, 999, 1))
                .as("stream time before the last record")
                .isFalse();
        assertThat(Eviction.idle(-5, 0, 4)).isTrue();
        assertThat(Eviction.idle(Long.MIN_VALUE, Long.MAX_VALUE, Long.MAX_VALUE))
                .as("a gap wider than a long")
                .isTrue();
        assertThat(Eviction.idle(0, Long.MAX_VALUE, Long.MAX_VALUE)).isFalse();
    }

    @Test
    void shouldBoundTheIdleLastSeenTimesAsTheRuleDoes() {
        assertThat(Eviction.idleBefore(2_001, 1_000)).isEqualTo(1_001);
        assertThat(Eviction.idle(1_000, 2_001, 1_000)).isTrue();
        assertThat(Eviction.idle(1_001, 2_001, 1_000)).isFalse();
        assertThat(Eviction.idleBefore(-10, Long.MAX_VALUE)).isEqualTo(Long.MIN_VALUE);
        assertThat(Eviction.idleBefore(Long.MIN_VALUE, 1)).isEqualTo(Long.MIN_VALUE);
    }

    @Test
    void shouldPublishTheStateAsItIsAndAnEvictedEventOfANewModel() {
        final ModelState state = new Learner(LearnerConfig.defaults().learnerSpec()).initialState(2);
        final Eviction eviction = Eviction.of(state, 1_234);
        assertThat(eviction.last()).isSameAs(state);
        assertThat(eviction.event()).isEqualTo(new ControlEvent.Evicted(Cause.IDLE, 0, PublishedStatus.NEW, 1_234));
        assertThat(eviction.event().event()).isEqualTo("EVICTED");
        assertThat(eviction.event().cause().wireName()).isEqualTo("idle");
        assertThatThrownBy(() -> Eviction.of(null, 1)).isInstanceOf(IllegalArgumentException.class);
    }
}
