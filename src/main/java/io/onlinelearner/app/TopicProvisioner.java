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
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes sure the learner's five topics exist before Kafka Streams starts: creates the missing ones
 * (the models topic compacted, so that it keeps the latest snapshot of every model) unless told not
 * to, and checks that the training and validation topics are co-partitioned.
 */
public final class TopicProvisioner {

    private static final Logger LOG = LoggerFactory.getLogger(TopicProvisioner.class);
    private static final Duration METADATA_RETRY = Duration.ofMillis(100);

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
            describe(present).forEach((name, description) -> partitions.put(name, description.partitions().size()));
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
        awaitLeaders(partitions);
        LOG.info("Created topics {} with {} partition(s) and replication factor {}", missing,
                provisioning.partitions(), provisioning.replicationFactor());
        return partitions;
    }

    private int createdPartitions(final CreateTopicsResult result, final String name,
            final TopicProvisioning provisioning) {
        try {
            return await(result.numPartitions(name), "create topic " + name);
        } catch (StartupRefusedException e) {
            if (e.getCause() instanceof TopicExistsException) {
                return describe(List.of(name)).get(name).partitions().size();
            }
            throw new StartupRefusedException(e.getMessage() + " (" + Setting.TOPIC_PARTITIONS.key() + "=" + provisioning.partitions() + ", "
                    + Setting.TOPIC_REPLICATION_FACTOR.key() + "=" + provisioning.replicationFactor() + ")", e.getCause());
        }
    }

    /**
     * Waits until the leader of every partition of the new topics serves requests. A broker
     * announces a new partition in its metadata slightly before it leads it, and an idempotent
     * producer writing in that moment can lose a batch (KAFKA-15591, KAFKA-14312): the topics are
     * handed over only once they answer a list-offsets request, which the admin client retries
     * until the leader is ready.
     */
    private void awaitLeaders(final Map<String, Integer> partitions) {
        final Map<TopicPartition, OffsetSpec> all = new HashMap<>();
        partitions.forEach((topic, count) -> {
            for (int p = 0; p < count; p++) {
                all.put(new TopicPartition(topic, p), OffsetSpec.latest());
            }
        });
        await(admin.listOffsets(all).all(), "wait for the leaders of topics " + partitions.keySet());
    }

    /** Describes topics, waiting while a topic just created elsewhere is not yet known to the broker asked. */
    private Map<String, TopicDescription> describe(final List<String> names) {
        final long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                return await(admin.describeTopics(names).allTopicNames(), "describe topics " + names);
            } catch (StartupRefusedException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException) || System.nanoTime() > deadline) {
                    throw e;
                }
                pause();
            }
        }
    }

    private static void pause() {
        try {
            Thread.sleep(METADATA_RETRY.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StartupRefusedException("interrupted while waiting for topic metadata", e);
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
