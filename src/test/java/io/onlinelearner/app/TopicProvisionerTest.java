package io.onlinelearner.app;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.onlinelearner.config.LearnerConfig;
import io.onlinelearner.config.Topics;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The co-partitioning rule over the four input topics, without a broker. */
class TopicProvisionerTest {

    private static final Topics TOPICS = LearnerConfig.defaults().topics();

    private static Map<String, Integer> partitions(
            final int train, final int validation, final int predict, final int commands) {
        final Map<String, Integer> partitions = new HashMap<>(
                Map.of("train", train, "validation", validation, "predict", predict, "commands", commands));
        TOPICS.outputs().forEach(topic -> partitions.put(topic, 7));
        return partitions;
    }

    @Test
    void shouldAcceptFourInputsWithOnePartitionCountWhateverTheOutputsHave() {
        assertThatCode(() -> TopicProvisioner.checkCoPartitioned(TOPICS, partitions(3, 3, 3, 3)))
                .doesNotThrowAnyException();
    }

    @Test
    void shouldRefuseNamingTrainAndTheOneInputThatDiffers() {
        assertThatThrownBy(() -> TopicProvisioner.checkCoPartitioned(TOPICS, partitions(2, 3, 2, 2)))
                .isInstanceOf(CoPartitioningException.class)
                .hasMessage("topics train (2 partitions) and validation (3 partitions) must be co-partitioned: "
                        + "give them the same number of partitions");
    }

    @Test
    void shouldRefuseAPredictOrCommandsTopicThatDiffers() {
        assertThatThrownBy(() -> TopicProvisioner.checkCoPartitioned(TOPICS, partitions(4, 4, 1, 4)))
                .isInstanceOf(CoPartitioningException.class)
                .hasMessage("topics train (4 partitions) and predict (1 partition) must be co-partitioned: "
                        + "give them the same number of partitions");
        assertThatThrownBy(() -> TopicProvisioner.checkCoPartitioned(TOPICS, partitions(4, 4, 4, 2)))
                .hasMessageStartingWith("topics train (4 partitions) and commands (2 partitions) must");
    }

    @Test
    void shouldNameEveryInputThatDiffersFromTrain() {
        assertThatThrownBy(() -> TopicProvisioner.checkCoPartitioned(TOPICS, partitions(1, 2, 3, 1)))
                .hasMessageStartingWith("topics train (1 partition), validation (2 partitions) and predict "
                        + "(3 partitions) must be co-partitioned");
    }

    @Test
    void shouldCheckTheLabelsTopicOnlyWithLabels() {
        final Map<String, Integer> partitions = new java.util.HashMap<>(partitions(3, 3, 3, 3));
        partitions.put(TOPICS.labels(), 2);

        assertThatCode(() -> TopicProvisioner.checkCoPartitioned(TOPICS, partitions, false))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> TopicProvisioner.checkCoPartitioned(TOPICS, partitions, true))
                .isInstanceOf(CoPartitioningException.class)
                .hasMessageContaining(TOPICS.labels());
    }
}
