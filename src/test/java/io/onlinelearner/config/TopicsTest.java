package io.onlinelearner.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TopicsTest {

    private static final Topics TOPICS = new Topics("t", "v", "p", "c", "l", "m", "ctl", "out", "oc", "dl");

    @Test
    void shouldListTheInputsFirstThenTheOutputs() {
        assertThat(TOPICS.all()).containsExactly("t", "v", "p", "c", "m", "ctl", "out", "dl");
        assertThat(TOPICS.inputs()).containsExactly("t", "v", "p", "c");
        assertThat(TOPICS.outputs()).containsExactly("m", "ctl", "out", "dl");
    }

    @Test
    void shouldListTheLabelsAndOutcomesTopicsOnlyWithLabels() {
        assertThat(TOPICS.all(true)).containsExactly("t", "v", "p", "c", "l", "m", "ctl", "out", "oc", "dl");
        assertThat(TOPICS.inputs(true)).containsExactly("t", "v", "p", "c", "l");
        assertThat(TOPICS.outputs(true)).containsExactly("m", "ctl", "out", "oc", "dl");
        assertThat(TOPICS.all(false)).isEqualTo(TOPICS.all());
    }

    @Test
    void shouldRefuseTwoTopicsWithOneName() {
        assertThatThrownBy(() -> new Topics("t", "v", "p", "c", "l", "m", "ctl", "t", "oc", "dl"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("different names");
        assertThatThrownBy(() -> new Topics("t", "v", "p", "p", "l", "m", "ctl", "out", "oc", "dl"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Topics("t", "v", "p", "c", "l", "m", "ctl", "out", "l", "dl"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldRefuseAnIllegalName() {
        assertThatThrownBy(() -> new Topics("t", "v", "p", "c", "l", "m", "ctl", "out", "oc", "a b"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("'a b' is not a legal topic name");
    }

    @Test
    void shouldMakeEveryDefaultTopicNameDistinct() {
        assertThat(LearnerConfig.defaults().topics().all(true))
                .doesNotHaveDuplicates()
                .hasSize(10);
    }
}
