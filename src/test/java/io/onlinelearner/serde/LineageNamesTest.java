package io.onlinelearner.serde;

import static org.assertj.core.api.Assertions.assertThat;

import io.onlinelearner.config.LearnerConfig;
import io.onlinelearner.model.TrainingTopic;
import org.junit.jupiter.api.Test;

class LineageNamesTest {

    @Test
    void shouldNameEachTrainingInputByItsTopic() {
        final LineageNames names = new LineageNames("t", "l");
        assertThat(names.of(TrainingTopic.TRAIN)).isEqualTo("t");
        assertThat(names.of(TrainingTopic.LABELS)).isEqualTo("l");
    }

    @Test
    void shouldNameTheDefaultTopicsTrainAndLabels() {
        final LineageNames defaults = LearnerConfig.defaults().topics().lineage();
        assertThat(defaults.of(TrainingTopic.TRAIN)).isEqualTo("train");
        assertThat(defaults.of(TrainingTopic.LABELS)).isEqualTo("labels");
    }
}
