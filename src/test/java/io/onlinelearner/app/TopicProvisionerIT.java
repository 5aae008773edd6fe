package io.onlinelearner.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.onlinelearner.broker.KafkaBrokerExtension;
import io.onlinelearner.config.LearnerConfig.TopicProvisioning;
import io.onlinelearner.config.LearnerSettings;
import io.onlinelearner.config.TestTopics;
import io.onlinelearner.config.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Topic provisioning against a real broker; each test uses its own topic names. */
class TopicProvisionerIT {

    @RegisterExtension
    static final KafkaBrokerExtension KAFKA = KafkaBrokerExtension.shared();

    private static Topics topics(final TestInfo test) {
        final String p =
                KafkaBrokerExtension.unique(test.getTestMethod().orElseThrow().getName()) + "-";
        return TestTopics.prefixed(p.substring(0, p.length() - 1));
    }

    private static TopicProvisioner provisioner() {
        return new TopicProvisioner(KAFKA.admin(), Duration.ofSeconds(30));
    }

    @Test
    void shouldCreateMissingTopicsWithTheConfiguredPartitionsAndACompactedModelsTopic(final TestInfo test)
            throws Exception {
        final Topics topics = topics(test);
        final Map<String, Integer> partitions =
                provisioner().provision(topics, new TopicProvisioning(true, 3, (short) 1));

        assertThat(partitions).isEqualTo(topics.all().stream().collect(Collectors.toMap(t -> t, t -> 3)));
        assertThat(describedPartitions(topics.all())).isEqualTo(partitions);
        assertThat(cleanupPolicy(topics.models())).isEqualTo("compact");
        assertThat(cleanupPolicy(topics.train())).isEqualTo("delete");
        assertThat(cleanupPolicy(topics.control())).isEqualTo("delete");
        for (final String topic : topics.outputs()) {
            assertThat(topicConfig(topic, "max.message.bytes")).as(topic).isEqualTo(String.valueOf(64 << 20));
        }
        for (final String topic : topics.inputs()) {
            assertThat(topicConfig(topic, "max.message.bytes"))
                    .as("%s: room for a dead letter's headers", topic)
                    .isEqualTo(String.valueOf((64 << 20) - (64 << 10)));
        }
    }

    @Test
    void shouldLeaveExistingTopicsAsTheyAreAndCreateOnlyTheMissingOnes(final TestInfo test) throws Exception {
        final Topics topics = topics(test);
        for (final String input : topics.inputs()) {
            create(input, 2);
        }

        final Map<String, Integer> partitions =
                provisioner().provision(topics, new TopicProvisioning(true, 4, (short) 1));

        assertThat(partitions)
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        topics.train(),
                        2,
                        topics.validation(),
                        2,
                        topics.predict(),
                        2,
                        topics.commands(),
                        2,
                        topics.models(),
                        4,
                        topics.control(),
                        4,
                        topics.predictions(),
                        4,
                        topics.deadLetters(),
                        4));
        assertThat(describedPartitions(topics.all())).isEqualTo(partitions);
    }

    @Test
    void shouldRefuseTrainAndValidationWithDifferentPartitionCountsNamingBoth(final TestInfo test) throws Exception {
        final Topics topics = topics(test);
        create(topics.train(), 3);
        create(topics.validation(), 1);

        assertThatThrownBy(() -> provisioner().provision(topics, new TopicProvisioning(true, 1, (short) 1)))
                .isInstanceOf(CoPartitioningException.class)
                .hasMessage("topics " + topics.train() + " (3 partitions), " + topics.validation() + " (1 partition), "
                        + topics.predict() + " (1 partition) and " + topics.commands() + " (1 partition) must be "
                        + "co-partitioned: give them the same number of partitions");
        assertThat(KAFKA.admin().listTopics().names().get()).doesNotContain(topics.models(), topics.control());
    }

    @Test
    void shouldRefuseBeforeCreatingAValidationTopicThatWouldNotMatchTheTrainingTopic(final TestInfo test)
            throws Exception {
        final Topics topics = topics(test);
        create(topics.train(), 2);

        assertThatThrownBy(() -> provisioner().provision(topics, new TopicProvisioning(true, 4, (short) 1)))
                .isInstanceOf(CoPartitioningException.class)
                .hasMessageStartingWith("topics " + topics.train() + " (2 partitions), " + topics.validation()
                        + " (4 partitions), " + topics.predict() + " (4 partitions) and " + topics.commands()
                        + " (4 partitions) must be co-partitioned");
        assertThat(KAFKA.admin().listTopics().names().get()).doesNotContain(topics.validation(), topics.models());
    }

    @Test
    void shouldRefuseMissingTopicsWhenCreationIsOffAndCreateNothing(final TestInfo test) throws Exception {
        final Topics topics = topics(test);
        create(topics.train(), 1);

        assertThatThrownBy(() -> provisioner().provision(topics, new TopicProvisioning(false, 1, (short) 1)))
                .isExactlyInstanceOf(StartupRefusedException.class)
                .hasMessage("missing topics " + topics.all().subList(1, 8) + " and "
                        + LearnerSettings.TOPIC_CREATE.key() + "=false: create them, or let the learner create them");
        assertThat(KAFKA.admin().listTopics().names().get()).doesNotContain(topics.validation(), topics.models());
    }

    @Test
    void shouldPassWithoutCreatingWhenAllTopicsExistAndCreationIsOff(final TestInfo test) throws Exception {
        final Topics topics = topics(test);
        for (final String topic : topics.all()) {
            create(topic, 2);
        }
        assertThat(provisioner().provision(topics, new TopicProvisioning(false, 1, (short) 1)))
                .isEqualTo(topics.all().stream().collect(Collectors.toMap(t -> t, t -> 2)));
    }

    @Test
    void shouldRefuseAReplicationFactorTheClusterCannotMeetNamingTheSettings(final TestInfo test) {
        final Topics topics = topics(test);
        assertThatThrownBy(() -> provisioner().provision(topics, new TopicProvisioning(true, 1, (short) 3)))
                .isExactlyInstanceOf(StartupRefusedException.class)
                .hasMessageStartingWith("cannot create topic " + topics.train() + ": ")
                .hasMessageEndingWith("(learner.topic.partitions=1, learner.topic.replication-factor=3)");
    }

    private static void create(final String topic, final int partitions) throws Exception {
        KAFKA.admin()
                .createTopics(List.of(new NewTopic(topic, partitions, (short) 1)))
                .all()
                .get();
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(30))
                .until(() -> KAFKA.admin().listTopics().names().get().contains(topic));
    }

    private static Map<String, Integer> describedPartitions(final List<String> topics) throws Exception {
        return KAFKA.admin().describeTopics(topics).allTopicNames().get().entrySet().stream()
                .collect(Collectors.toMap(
                        Map.Entry::getKey, e -> e.getValue().partitions().size()));
    }

    private static String cleanupPolicy(final String topic) throws Exception {
        return topicConfig(topic, "cleanup.policy");
    }

    private static String topicConfig(final String topic, final String key) throws Exception {
        final ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        final Config config =
                KAFKA.admin().describeConfigs(List.of(resource)).all().get().get(resource);
        return config.get(key).value();
    }
}
