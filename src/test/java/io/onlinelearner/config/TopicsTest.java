package io.onlinelearner.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TopicsTest {

    private static final Topics TOPICS = new Topics("t", "v", "p", "c", "m", "ctl", "out", "dl");

    @Test
    void shouldListTheInputsFirstThenTheOutputs() {
        assertThat(TOPICS.all()).containsExactly("t", "v", "p", "c", "m", "ctl", "out", "dl");
        assertThat(TOPICS.inputs()).containsExactly("t", "v", "p", "c");
        assertThat(TOPICS.outputs()).containsExactly("m", "ctl", "out", "dl");
    }

    @Test
    void shouldRefuseTwoTopicsWithOneName() {
        assertThatThrownBy(() -> new Topics("t", "v", "p", "c", "m", "ctl", "t", "dl"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("different names");
        assertThatThrownBy(() -> new Topics("t", "v", "p", "p", "m", "ctl", "out", "dl"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldRefuseAnIllegalName() {
        assertThatThrownBy(() -> new Topics("t", "v", "p", "c", "m", "ctl", "out", "a b"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("'a b' is not a legal topic name");
    }

    @Test
    void shouldMakeEveryDefaultTopicNameDistinct() {
        assertThat(LearnerConfig.defaults().topics().all())
                .doesNotHaveDuplicates()
                .hasSize(8);
    }
}
