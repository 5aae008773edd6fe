package io.onlinelearner.app;

import io.onlinelearner.config.LearnerConfig.TopicProvisioning;
import io.onlinelearner.config.LearnerSettings;
import io.onlinelearner.config.RecordLimits;
import io.onlinelearner.config.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.CreateTopicsResult;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes sure the learner's topics exist before Kafka Streams starts: checks that the four input
 * topics (train, validation, predict, commands) are (or will be) co-partitioned, then creates the
 * missing ones (the models topic compacted, so that it keeps the latest snapshot of every model;
 * every one accepting records up to {@link io.onlinelearner.config.RecordLimits}) unless told not
 * to, and waits until the new partitions have working leaders.
 */
public final class TopicProvisioner {

    private static final Logger LOG = LoggerFactory.getLogger(TopicProvisioner.class);
    private static final Duration RETRY_PAUSE = Duration.ofMillis(100);

    private final Admin admin;
    private final Duration timeout;

    /** A provisioner using {@code admin}, waiting at most {@code timeout} for each step. */
    public TopicProvisioner(final Admin admin, final Duration timeout) {
        this.admin = admin;
        this.timeout = timeout;
    }

    /**
     * Checks co-partitioning and creates missing topics as {@code provisioning} says; refuses before
     * creating anything when the input topics would differ in partition count.
     *
     * @return the partition count of every topic
     * @throws CoPartitioningException     when the input topics differ in partition count
     * @throws StartupRefusedException     when topics are missing and may not be created, or cannot be created
     * @throws ClusterUnavailableException when Kafka does not answer within the timeout
     */
    public Map<String, Integer> provision(final Topics topics, final TopicProvisioning provisioning) {
        return provision(topics, provisioning, false);
    }

    /**
     * {@link #provision(Topics, TopicProvisioning)}, with the {@code labels} input and the
     * {@code outcomes} topic among the learner's topics when {@code labels} (labels that come later).
     */
    public Map<String, Integer> provision(
            final Topics topics, final TopicProvisioning provisioning, final boolean labels) {
        final Set<String> existing = retrying(() -> admin.listTopics().names(), "list topics");
        final List<String> missing =
                topics.all(labels).stream().filter(t -> !existing.contains(t)).toList();
        if (!missing.isEmpty() && !provisioning.create()) {
            throw new StartupRefusedException("missing topics " + missing + " and " + LearnerSettings.TOPIC_CREATE.key()
                    + "=false: create them, or let the learner create them");
        }
        final Map<String, Integer> partitions = new HashMap<>(
                described(topics.all(labels).stream().filter(existing::contains).toList()));
        missing.forEach(topic -> partitions.put(topic, provisioning.partitions()));
        checkCoPartitioned(topics, partitions, labels);
        if (!missing.isEmpty()) {
            partitions.putAll(create(topics, missing, provisioning));
            checkCoPartitioned(topics, partitions, labels);
        }
        return partitions;
    }

    /**
     * Checks that every input topic has the training topic's partition count.
     *
     * @param partitions the partition count of every input topic, existing or about to be created
     * @throws CoPartitioningException naming the training topic and every input topic that differs from it
     */
    static void checkCoPartitioned(final Topics topics, final Map<String, Integer> partitions) {
        checkCoPartitioned(topics, partitions, false);
    }

    /** {@link #checkCoPartitioned(Topics, Map)}, the labels topic among the inputs when {@code labels}. */
    static void checkCoPartitioned(final Topics topics, final Map<String, Integer> partitions, final boolean labels) {
        final int train = partitions.get(topics.train());
        final Map<String, Integer> differing = new LinkedHashMap<>();
        for (final String input : topics.inputs(labels)) {
            if (partitions.get(input) != train) {
                differing.put(input, partitions.get(input));
            }
        }
        if (!differing.isEmpty()) {
            final Map<String, Integer> named = new LinkedHashMap<>();
            named.put(topics.train(), train);
            named.putAll(differing);
            throw new CoPartitioningException(named);
        }
    }

    private Map<String, Integer> create(
            final Topics topics, final List<String> missing, final TopicProvisioning provisioning) {
        final List<NewTopic> requests = new ArrayList<>();
        for (final String name : missing) {
            final NewTopic topic = new NewTopic(name, provisioning.partitions(), provisioning.replicationFactor());
            final Map<String, String> configs = new HashMap<>();
            final int maxMessageBytes = topics.inputs(true).contains(name)
                    ? RecordLimits.inputTopicBytes(provisioning.maxMessageBytes())
                    : provisioning.maxMessageBytes();
            configs.put(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, String.valueOf(maxMessageBytes));
            if (name.equals(topics.models())) {
                configs.put(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT);
            }
            topic.configs(configs);
            requests.add(topic);
        }
        final CreateTopicsResult result = admin.createTopics(requests);
        final Map<String, Integer> partitions = new HashMap<>();
        for (final String name : missing) {
            partitions.put(name, createdPartitions(result, name, provisioning));
        }
        awaitLeaders(partitions);
        LOG.info(
                "Created topics {} with {} partition(s) and replication factor {}",
                missing,
                provisioning.partitions(),
                provisioning.replicationFactor());
        return partitions;
    }

    private int createdPartitions(
            final CreateTopicsResult result, final String name, final TopicProvisioning provisioning) {
        try {
            return await(result.numPartitions(name), "create topic " + name);
        } catch (StartupRefusedException e) {
            if (e.getCause() instanceof TopicExistsException) {
                return described(List.of(name)).get(name);
            }
            throw new StartupRefusedException(
                    e.getMessage() + " (" + LearnerSettings.TOPIC_PARTITIONS.key() + "="
                            + provisioning.partitions() + ", " + LearnerSettings.TOPIC_REPLICATION_FACTOR.key() + "="
                            + provisioning.replicationFactor() + ")",
                    e.getCause());
        }
    }

    /**
     * Waits until the leader of every partition of the new topics serves requests. A broker
     * announces a new partition in its metadata slightly before it leads it, and an idempotent
     * producer writing in that moment can silently lose a batch (KAFKA-15591, KAFKA-14312): the
     * topics are handed over only once every partition answers a list-offsets request.
     */
    private void awaitLeaders(final Map<String, Integer> partitions) {
        final Map<TopicPartition, OffsetSpec> all = new HashMap<>();
        partitions.forEach((topic, count) -> {
            for (int p = 0; p < count; p++) {
                all.put(new TopicPartition(topic, p), OffsetSpec.latest());
            }
        });
        retrying(() -> admin.listOffsets(all).all(), "wait for the leaders of topics " + partitions.keySet());
    }

    private Map<String, Integer> described(final List<String> names) {
        if (names.isEmpty()) {
            return Map.of();
        }
        final Map<String, Integer> partitions = new HashMap<>();
        retrying(() -> admin.describeTopics(names).allTopicNames(), "describe topics " + names)
                .forEach((name, description) ->
                        partitions.put(name, description.partitions().size()));
        return partitions;
    }

    /** The request's result, repeating the request while it fails with a retriable error, up to the timeout. */
    private <T> T retrying(final Supplier<KafkaFuture<T>> request, final String what) {
        final long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                return await(request.get(), what);
            } catch (StartupRefusedException e) {
                if (!(e.getCause() instanceof RetriableException) || System.nanoTime() > deadline) {
                    throw e;
                }
                pause(what);
            }
        }
    }

    private <T> T await(final KafkaFuture<T> future, final String what) {
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new StartupRefusedException(
                    "cannot " + what + ": " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new ClusterUnavailableException(
                    "cannot " + what + ": no answer from Kafka within " + timeout.toSeconds()
                            + " s (is bootstrap.servers right, and the cluster up?)",
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClusterUnavailableException("interrupted while trying to " + what, e);
        }
    }

    private static void pause(final String what) {
        try {
            Thread.sleep(RETRY_PAUSE.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClusterUnavailableException("interrupted while trying to " + what, e);
        }
    }
}
