package io.onlinelearner.eos;

import io.onlinelearner.broker.EmbeddedKafkaBroker;
import io.onlinelearner.config.LearnerConfig;
import io.onlinelearner.config.Topics;
import io.onlinelearner.topology.Names;
import io.onlinelearner.topology.Source;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.function.LongSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * One embedded broker per test class, and what the exactly-once tests ask of it: the learner's
 * topics, the learner group's committed input offsets (committed in the same transactions as
 * its outputs and state, so they measure committed progress), and the committed contents of an
 * output topic as a {@code read_committed} consumer sees them.
 */
final class KafkaHarness implements AutoCloseable {

    private static final Duration READ_TIMEOUT = Duration.ofSeconds(60);

    private final Path dataDir;
    private volatile EmbeddedKafkaBroker broker;
    private volatile Admin admin;

    private KafkaHarness(final Path dataDir, final EmbeddedKafkaBroker broker) {
        this.dataDir = dataDir;
        this.broker = broker;
        this.admin = newAdmin();
    }

    /** Starts a broker with its data under {@code dataDir}. */
    static KafkaHarness start(final Path dataDir) throws IOException {
        return new KafkaHarness(dataDir, EmbeddedKafkaBroker.start(dataDir, 0));
    }

    /** {@code bootstrap.servers} for clients. */
    String bootstrap() {
        return broker.bootstrapServers();
    }

    /** The admin client. */
    Admin admin() {
        return admin;
    }

    /** Stops the broker; {@link #startBrokerAgain()} brings it back. */
    void stopBroker() {
        admin.close(Duration.ofSeconds(5));
        broker.close();
    }

    /** Starts the broker again on the same data folder and port. */
    void startBrokerAgain() throws IOException {
        broker = EmbeddedKafkaBroker.start(dataDir, broker.port());
        admin = newAdmin();
    }

    /**
     * Creates the learner's topics: the inputs co-partitioned, models compacted.
     */
    void createTopics(final int partitions) throws ExecutionException, InterruptedException {
        final Topics t = LearnerConfig.defaults().topics();
        final List<NewTopic> topics = new ArrayList<>();
        for (final String name : t.all()) {
            if (!name.equals(t.models())) {
                topics.add(new NewTopic(name, partitions, (short) 1));
            }
        }
        topics.add(new NewTopic(t.models(), partitions, (short) 1).configs(Map.of("cleanup.policy", "compact")));
        admin.createTopics(topics).all().get();
    }

    /** The input offsets the group has committed, by train/validation partition. */
    Map<TopicPartition, Long> committed(final String groupId) throws ExecutionException, InterruptedException {
        final Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(groupId)
                .partitionsToOffsetAndMetadata().get();
        final Map<TopicPartition, Long> result = new HashMap<>();
        offsets.forEach((tp, om) -> {
            if (om != null) {
                result.put(tp, om.offset());
            }
        });
        return result;
    }

    /** The number of input records the group has committed as processed. */
    long committedTotal(final String groupId) throws ExecutionException, InterruptedException {
        return committed(groupId).values().stream().mapToLong(Long::longValue).sum();
    }

    /** {@link #committedTotal} as a supplier, for the {@link PacedProducer}; throws while the broker is away. */
    LongSupplier progress(final String groupId) {
        return () -> {
            try {
                return committedTotal(groupId);
            } catch (ExecutionException e) {
                throw new IllegalStateException(e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        };
    }

    /**
     * True when the group has committed every record of the workload: all of train, and all of
     * validation but the final end-of-stream record, which waits for a train record that never
     * comes (see {@link Workload}).
     */
    boolean drained(final String groupId, final Workload workload) throws ExecutionException, InterruptedException {
        final Map<TopicPartition, Long> committed = committed(groupId);
        for (int p = 0; p < workload.partitions(); p++) {
            final Topics topics = LearnerConfig.defaults().topics();
            final long train = committed.getOrDefault(new TopicPartition(topics.train(), p), 0L);
            final long validation = committed.getOrDefault(new TopicPartition(topics.validation(), p), 0L);
            if (train < countOn(workload, Source.TRAIN, p)
                    || validation < countOn(workload, Source.VALIDATION, p) - 1) {
                return false;
            }
        }
        return true;
    }

    /**
     * True while a transaction of the learner is open with records on one of these topics: on
     * some partition the high watermark is past the last stable offset.
     */
    boolean openTransaction(final int partitions, final String... topics)
            throws ExecutionException, InterruptedException {
        final Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        for (final String topic : topics) {
            for (int p = 0; p < partitions; p++) {
                latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
            }
        }
        final Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> uncommitted = admin.listOffsets(latest,
                new ListOffsetsOptions(IsolationLevel.READ_UNCOMMITTED)).all().get();
        final Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> committed = admin.listOffsets(latest,
                new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all().get();
        return uncommitted.entrySet().stream()
                .anyMatch(e -> e.getValue().offset() > committed.get(e.getKey()).offset());
    }

    /** The changelog topic of the learner's store. */
    static String changelog(final String appId) {
        return appId + "-" + Names.STORE + "-changelog";
    }

    /** The group's description. */
    ConsumerGroupDescription describeGroup(final String groupId) throws ExecutionException, InterruptedException {
        return admin.describeConsumerGroups(List.of(groupId)).all().get().get(groupId);
    }

    /**
     * Every committed record of a topic, as a {@code read_committed} consumer sees it: values by
     * key, in offset order (one key lives in one partition).
     */
    Map<String, List<String>> readCommitted(final String topic) {
        return read(topic, IsolationLevel.READ_COMMITTED);
    }

    /** Every record of a topic that a consumer with this isolation level sees, values by key. */
    Map<String, List<String>> read(final String topic, final IsolationLevel isolation) {
        final Map<String, List<String>> byKey = new LinkedHashMap<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation.toString().toLowerCase(Locale.ROOT),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false"),
                new StringDeserializer(), new StringDeserializer())) {
            final List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            final Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            final long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
            while (!reachedEnd(consumer, end)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read " + topic + " to its end " + end);
                }
                for (final ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    byKey.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(r.value());
                }
            }
        }
        return byKey;
    }

    private static boolean reachedEnd(final KafkaConsumer<String, String> consumer,
            final Map<TopicPartition, Long> end) {
        return end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
    }

    private static long countOn(final Workload workload, final Source source, final int partition) {
        return workload.records().stream().filter(r -> r.source() == source && r.partition() == partition).count();
    }

    private Admin newAdmin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "20000",
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000"));
    }

    /** Closes the admin client and the broker. */
    @Override
    public void close() {
        admin.close(Duration.ofSeconds(5));
        broker.close();
    }
}
