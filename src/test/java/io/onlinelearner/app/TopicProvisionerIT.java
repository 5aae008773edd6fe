package io.onlinelearner.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.onlinelearner.broker.EmbeddedKafkaBroker;
import io.onlinelearner.config.LearnerConfig.TopicProvisioning;
import io.onlinelearner.config.LearnerSettings;
import io.onlinelearner.config.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;

/** Topic provisioning against a real broker; each test uses its own topic names. */
class TopicProvisionerIT {

    @TempDir
    static Path dir;

    private static EmbeddedKafkaBroker broker;
    private static Admin admin;

    @BeforeAll
    static void startBroker() throws Exception {
        broker = EmbeddedKafkaBroker.start(dir, 0);
        admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()));
    }

    @AfterAll
    static void stopBroker() {
        admin.close();
        broker.close();
    }

    private static Topics topics(final TestInfo test) {
        final String p = test.getTestMethod().orElseThrow().getName() + "-";
        return new Topics(p + "train", p + "validation", p + "predict", p + "commands", p + "models", p + "control",
                p + "predictions", p + "dead-letters");
    }

    private static TopicProvisioner provisioner() {
        return new TopicProvisioner(admin, Duration.ofSeconds(30));
    }

    @Test
    void shouldCreateMissingTopicsWithTheConfiguredPartitionsAndACompactedModelsTopic(final TestInfo test)
            throws Exception {
        final Topics topics = topics(test);
        final Map<String, Integer> partitions = provisioner().provision(topics, new TopicProvisioning(true, 3, (short) 1));

        assertThat(partitions).isEqualTo(topics.all().stream().collect(Collectors.toMap(t -> t, t -> 3)));
        assertThat(describedPartitions(topics.all())).isEqualTo(partitions);
        assertThat(cleanupPolicy(topics.models())).isEqualTo("compact");
        assertThat(cleanupPolicy(topics.train())).isEqualTo("delete");
        assertThat(cleanupPolicy(topics.control())).isEqualTo("delete");
    }

    @Test
    void shouldLeaveExistingTopicsAsTheyAreAndCreateOnlyTheMissingOnes(final TestInfo test) throws Exception {
        final Topics topics = topics(test);
        for (final String input : topics.inputs()) {
            create(input, 2);
        }

        final Map<String, Integer> partitions = provisioner().provision(topics, new TopicProvisioning(true, 4, (short) 1));

        assertThat(partitions).containsExactlyInAnyOrderEntriesOf(Map.of(topics.train(), 2, topics.validation(), 2,
                topics.predict(), 2, topics.commands(), 2, topics.models(), 4, topics.control(), 4,
                topics.predictions(), 4, topics.deadLetters(), 4));
        assertThat(describedPartitions(topics.all())).isEqualTo(partitions);
    }

    @Test
    void shouldRefuseInputTopicsWithDifferentPartitionCountsNamingThem(final TestInfo test) throws Exception {
        final Topics topics = topics(test);
        create(topics.train(), 3);
        create(topics.validation(), 1);

        assertThatThrownBy(() -> provisioner().provision(topics, new TopicProvisioning(true, 1, (short) 1)))
                .isInstanceOf(CoPartitioningException.class)
                .hasMessage("topics " + topics.train() + " (3 partitions), " + topics.validation() + " (1 partition), "
                        + topics.predict() + " (1 partition) and " + topics.commands() + " (1 partition) must be "
                        + "co-partitioned: give them the same number of partitions");
        assertThat(admin.listTopics().names().get()).doesNotContain(topics.models(), topics.control());
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
        assertThat(admin.listTopics().names().get()).doesNotContain(topics.validation(), topics.models());
    }

    @Test
    void shouldRefuseMissingTopicsWhenCreationIsOffAndCreateNothing(final TestInfo test) throws Exception {
        final Topics topics = topics(test);
        create(topics.train(), 1);

        assertThatThrownBy(() -> provisioner().provision(topics, new TopicProvisioning(false, 1, (short) 1)))
                .isExactlyInstanceOf(StartupRefusedException.class)
                .hasMessage("missing topics " + topics.all().subList(1, 8)
                        + " and " + LearnerSettings.TOPIC_CREATE.key() + "=false: create them, or let the learner create them");
        assertThat(admin.listTopics().names().get()).doesNotContain(topics.validation(), topics.models());
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
        admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get();
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30))
                .until(() -> admin.listTopics().names().get().contains(topic));
    }

    private static Map<String, Integer> describedPartitions(final List<String> topics) throws Exception {
        return admin.describeTopics(topics).allTopicNames().get().entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().partitions().size()));
    }

    private static String cleanupPolicy(final String topic) throws Exception {
        final ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        final Config config = admin.describeConfigs(List.of(resource)).all().get().get(resource);
        return config.get("cleanup.policy").value();
    }
}
