package io.onlinelearner.app;

import io.onlinelearner.config.LearnerConfig.TopicProvisioning;
import io.onlinelearner.config.Setting;
import io.onlinelearner.topology.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.CreateTopicsResult;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes sure the learner's five topics exist before Kafka Streams starts: creates the missing ones
 * (the models topic compacted, so that it keeps the latest snapshot of every model) unless told not
 * to, and checks that the training and validation topics are co-partitioned.
 */
public final class TopicProvisioner {

    private static final Logger LOG = LoggerFactory.getLogger(TopicProvisioner.class);

    private final Admin admin;
    private final Duration timeout;

    /** A provisioner using {@code admin}, waiting at most {@code timeout} for each request. */
    public TopicProvisioner(final Admin admin, final Duration timeout) {
        this.admin = admin;
        this.timeout = timeout;
    }

    /**
     * Creates missing topics as {@code provisioning} says and checks co-partitioning.
     *
     * @return the partition count of every one of the five topics
     * @throws CoPartitioningException  when train and validation differ in partition count
     * @throws StartupRefusedException  when topics are missing and may not be created, or cannot be created
     * @throws ClusterUnavailableException when Kafka does not answer within the timeout
     */
    public Map<String, Integer> provision(final Topics topics, final TopicProvisioning provisioning) {
        final Set<String> existing = await(admin.listTopics().names(), "list topics");
        final List<String> missing = topics.all().stream().filter(t -> !existing.contains(t)).toList();
        if (!missing.isEmpty() && !provisioning.create()) {
            throw new StartupRefusedException("missing topics " + missing + " and " + Setting.TOPIC_CREATE.key()
                    + "=false: create them, or let the learner create them");
        }
        final Map<String, Integer> partitions = new HashMap<>(created(topics, missing, provisioning));
        final List<String> present = topics.all().stream().filter(t -> !partitions.containsKey(t)).toList();
        if (!present.isEmpty()) {
            final Map<String, TopicDescription> described =
                    await(admin.describeTopics(present).allTopicNames(), "describe topics " + present);
            described.forEach((name, description) -> partitions.put(name, description.partitions().size()));
        }
        final int train = partitions.get(topics.train());
        final int validation = partitions.get(topics.validation());
        if (train != validation) {
            throw new CoPartitioningException(topics.train(), train, topics.validation(), validation);
        }
        return partitions;
    }

    private Map<String, Integer> created(final Topics topics, final List<String> missing,
            final TopicProvisioning provisioning) {
        if (missing.isEmpty()) {
            return Map.of();
        }
        final List<NewTopic> requests = new ArrayList<>();
        for (final String name : missing) {
            final NewTopic topic = new NewTopic(name, provisioning.partitions(), provisioning.replicationFactor());
            if (name.equals(topics.models())) {
                topic.configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
            }
            requests.add(topic);
        }
        final CreateTopicsResult result = admin.createTopics(requests);
        final Map<String, Integer> partitions = new HashMap<>();
        for (final String name : missing) {
            partitions.put(name, createdPartitions(result, name, provisioning));
        }
        LOG.info("Created topics {} with {} partitions and replication factor {}", missing,
                provisioning.partitions(), provisioning.replicationFactor());
        return partitions;
    }

    private int createdPartitions(final CreateTopicsResult result, final String name,
            final TopicProvisioning provisioning) {
        try {
            return await(result.numPartitions(name), "create topic " + name);
        } catch (StartupRefusedException e) {
            if (e.getCause() instanceof TopicExistsException) {
                return await(admin.describeTopics(List.of(name)).allTopicNames(), "describe topic " + name)
                        .get(name).partitions().size();
            }
            throw new StartupRefusedException(e.getMessage() + " (" + Setting.TOPIC_PARTITIONS.key() + "=" + provisioning.partitions() + ", "
                    + Setting.TOPIC_REPLICATION_FACTOR.key() + "=" + provisioning.replicationFactor() + ")", e.getCause());
        }
    }

    private <T> T await(final KafkaFuture<T> future, final String what) {
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new StartupRefusedException("cannot " + what + ": " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new ClusterUnavailableException("cannot " + what + ": no answer from Kafka within "
                    + timeout.toSeconds() + " s (is bootstrap.servers right, and the cluster up?)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StartupRefusedException("interrupted while trying to " + what, e);
        }
    }
}
