package io.onlinelearner.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.onlinelearner.config.LearnerConfig;
import io.onlinelearner.learner.Learner;
import io.onlinelearner.learner.ModelState;
import org.junit.jupiter.api.Test;

/** The processor's bounded cache of the states it last wrote. */
class RecentStatesTest {

    private static final LearnerConfig DEFAULTS = LearnerConfig.defaults();
    private static final Learner LEARNER = new Learner(DEFAULTS.model(), DEFAULTS.adam(), DEFAULTS.stopping());

    /** The weight of one {@link #state()}: θ, m and v of 3 parameters, plus the entry's own. */
    private static final long ONE = 9 + RecentStates.ENTRY_WEIGHT;

    /** A state of d = 2 with the intercept: 3 parameters. */
    private static ModelState state() {
        return LEARNER.initialState(2);
    }

    @Test
    void shouldReturnTheVeryObjectLastPut() {
        final RecentStates recent = new RecentStates();
        final ModelState first = state();
        final ModelState second = state();
        recent.put("m", first);
        recent.put("m", second);
        assertThat(recent.get("m")).isSameAs(second);
        assertThat(recent.get("other")).isNull();
        assertThat(recent.size()).isEqualTo(1);
    }

    @Test
    void shouldEvictTheLeastRecentlyUsedModelOnceOverBudget() {
        final RecentStates recent = new RecentStates(2 * ONE);
        recent.put("a", state());
        recent.put("b", state());
        recent.get("a");
        recent.put("c", state());
        assertThat(recent.get("b")).isNull();
        assertThat(recent.get("a")).isNotNull();
        assertThat(recent.get("c")).isNotNull();
        assertThat(recent.size()).isEqualTo(2);
    }

    @Test
    void shouldHoldNothingWhenOneStateExceedsTheBudget() {
        final RecentStates recent = new RecentStates(ONE - 1);
        recent.put("a", state());
        assertThat(recent.get("a")).isNull();
        assertThat(recent.size()).isZero();
    }

    @Test
    void shouldForgetEverythingOnClear() {
        final RecentStates recent = new RecentStates(2 * ONE);
        recent.put("a", state());
        recent.put("b", state());
        recent.clear();
        assertThat(recent.size()).isZero();
        recent.put("c", state());
        recent.put("d", state());
        assertThat(recent.size()).isEqualTo(2);
    }
}
