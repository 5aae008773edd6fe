package io.onlinelearner.eos;

import io.onlinelearner.broker.KafkaBrokerExtension;
import io.onlinelearner.topology.DeadLetters;
import io.onlinelearner.topology.Names;
import io.onlinelearner.topology.Source;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.function.LongSupplier;
import org.apache.kafka.clients.admin.Admin;
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
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.awaitility.Awaitility;

/**
 * What the exactly-once tests ask of the broker about one learner application: its topics, its
 * group's committed input offsets (committed in the same transactions as its outputs and state,
 * so they measure committed progress), whether outputs are pending, and the contents of an
 * output topic as a consumer with a given isolation level sees them.
 */
final class KafkaHarness {

    private static final Duration READ_TIMEOUT = Duration.ofSeconds(60);

    private final KafkaBrokerExtension broker;
    private final TopicNames topics;
    private final String appId;

    KafkaHarness(final KafkaBrokerExtension broker, final TopicNames topics, final String appId) {
        this.broker = broker;
        this.topics = topics;
        this.appId = appId;
    }

    /** {@code bootstrap.servers} for clients. */
    String bootstrap() {
        return broker.bootstrapServers();
    }

    /** The topic names. */
    TopicNames topics() {
        return topics;
    }

    /** The application id, also the group id. */
    String appId() {
        return appId;
    }

    private Admin admin() {
        return broker.admin();
    }

    /**
     * Creates the learner's topics: the inputs co-partitioned, models compacted
     * (what {@code run} would create, made before it starts so that the producer never waits).
     */
    void createTopics(final int partitions) throws ExecutionException, InterruptedException {
        final List<NewTopic> created = new ArrayList<>();
        for (final String name : topics.all()) {
            if (!name.equals(topics.models())) {
                created.add(new NewTopic(name, partitions, (short) 1));
            }
        }
        created.add(new NewTopic(topics.models(), partitions, (short) 1).configs(Map.of("cleanup.policy", "compact")));
        admin().createTopics(created).all().get();
        broker.awaitLeaders(partitions, topics.all());
    }

    /** The input offsets the group has committed, by train/validation partition. */
    Map<TopicPartition, Long> committed() throws ExecutionException, InterruptedException {
        final Map<TopicPartition, OffsetAndMetadata> offsets = admin().listConsumerGroupOffsets(appId)
                .partitionsToOffsetAndMetadata()
                .get();
        final Map<TopicPartition, Long> result = new HashMap<>();
        offsets.forEach((tp, om) -> {
            if (om != null) {
                result.put(tp, om.offset());
            }
        });
        return result;
    }

    /** The number of input records the group has committed as processed. */
    long committedTotal() throws ExecutionException, InterruptedException {
        return committed().values().stream().mapToLong(Long::longValue).sum();
    }

    /** {@link #committedTotal} as a supplier, for the {@link PacedProducer}; throws while the broker is away. */
    LongSupplier progress() {
        return () -> {
            try {
                return committedTotal();
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
     * validation, predict, commands and labels but their end-of-stream records, which wait for a train
     * record that never comes (see {@link Workload}).
     */
    boolean drained(final Workload workload) throws ExecutionException, InterruptedException {
        final Map<TopicPartition, Long> committed = committed();
        for (int p = 0; p < workload.partitions(); p++) {
            for (final Source source : Source.read(true)) {
                final long done = committed.getOrDefault(new TopicPartition(topics.input(source), p), 0L);
                if (done < workload.countOn(source, p) - (source == Source.TRAIN ? 0 : 1)) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * True while a transaction of the learner is open with records on one of these topics: on
     * some partition the high watermark is past the last stable offset.
     */
    boolean openTransaction(final int partitions, final String... names)
            throws ExecutionException, InterruptedException {
        final Map<TopicPartition, Long> uncommitted = endOffsets(partitions, IsolationLevel.READ_UNCOMMITTED, names);
        final Map<TopicPartition, Long> committed = endOffsets(partitions, IsolationLevel.READ_COMMITTED, names);
        return uncommitted.entrySet().stream().anyMatch(e -> e.getValue() > committed.get(e.getKey()));
    }

    /**
     * A condition that holds once snapshots have been written since the group last committed its
     * input offsets: records whose processing is not committed yet have had an effect on
     * {@code models}. Under exactly-once those snapshots are in the open transaction; under
     * at-least-once they are already visible, and after a crash the records are processed again.
     * Stateful: it remembers the end of {@code models} at the latest commit it saw.
     */
    Callable<Boolean> snapshotsSinceLastCommit(final int partitions) {
        final long[] lastCommit = {-1, -1};
        return () -> {
            final long committed = committedTotal();
            final long end = endOffsets(partitions, IsolationLevel.READ_UNCOMMITTED, topics.models()).values().stream()
                    .mapToLong(Long::longValue)
                    .sum();
            if (committed != lastCommit[0]) {
                lastCommit[0] = committed;
                lastCommit[1] = end;
                return false;
            }
            return end > lastCommit[1];
        };
    }

    private Map<TopicPartition, Long> endOffsets(
            final int partitions, final IsolationLevel isolation, final String... names)
            throws ExecutionException, InterruptedException {
        final Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        for (final String topic : names) {
            for (int p = 0; p < partitions; p++) {
                latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
            }
        }
        final Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> result = admin().listOffsets(
                        latest, new ListOffsetsOptions(isolation))
                .all()
                .get();
        final Map<TopicPartition, Long> offsets = new HashMap<>();
        result.forEach((tp, info) -> offsets.put(tp, info.offset()));
        return offsets;
    }

    /** The changelog topic of the learner's store. */
    String changelog() {
        return changelog(Names.STORE);
    }

    /** The changelog topic of one of the learner's stores. */
    String changelog(final String store) {
        return appId + "-" + store + "-changelog";
    }

    /**
     * What a store's committed changelog says the store holds: every key's last value, both in hex,
     * deleted keys left out. It first waits until no transaction is open on the changelog.
     */
    Map<String, String> committedStore(final String store) {
        final String topic = changelog(store);
        awaitNoOpenTransaction(topic);
        final Map<String, String> contents = new TreeMap<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap(),
                        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false"),
                new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            final List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            final Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            final long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
            while (!end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue())) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read " + topic + " to its end " + end);
                }
                for (final ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    if (r.value() == null) {
                        contents.remove(Replay.hex(r.key()));
                    } else {
                        contents.put(Replay.hex(r.key()), Replay.hex(r.value()));
                    }
                }
            }
        }
        return contents;
    }

    /** The group's description. */
    ConsumerGroupDescription describeGroup() throws ExecutionException, InterruptedException {
        return admin().describeConsumerGroups(List.of(appId)).all().get().get(appId);
    }

    /**
     * Every committed record of a topic, as a {@code read_committed} consumer sees it: values by
     * key, in offset order (one key lives in one partition). It first waits until no transaction is
     * open on the topic: a killed instance's unfinished transaction holds the last stable offset
     * back until the broker aborts it ({@code transaction.timeout.ms} plus its periodic check), and
     * a {@code read_committed} consumer reads only up to that offset.
     */
    Map<String, List<String>> readCommitted(final String topic) {
        awaitNoOpenTransaction(topic);
        return read(topic, IsolationLevel.READ_COMMITTED);
    }

    private void awaitNoOpenTransaction(final String topic) {
        final int partitions;
        try {
            partitions = admin().describeTopics(List.of(topic))
                    .allTopicNames()
                    .get()
                    .get(topic)
                    .partitions()
                    .size();
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot describe " + topic, e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        Awaitility.await("no open transaction on " + topic)
                .atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> !openTransaction(partitions, topic));
    }

    /** Every record of a topic that a consumer with this isolation level sees, values by key. */
    Map<String, List<String>> read(final String topic, final IsolationLevel isolation) {
        final Map<String, List<String>> byKey = new LinkedHashMap<>();
        readAll(topic, isolation)
                .forEach(r ->
                        byKey.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(r.value()));
        return byKey;
    }

    /**
     * The input record of every committed dead letter and its reason, as
     * {@code topic/partition/offset reason} from the headers the learner puts on it, in the order
     * they were published.
     */
    List<String> deadLetteredInputs() {
        return readAll(topics.deadLetters(), IsolationLevel.READ_COMMITTED).stream()
                .map(r -> header(r, DeadLetters.TOPIC) + "/" + header(r, DeadLetters.PARTITION) + "/"
                        + header(r, DeadLetters.OFFSET) + " " + header(r, DeadLetters.REASON))
                .toList();
    }

    private static String header(final ConsumerRecord<String, String> record, final String name) {
        final Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private List<ConsumerRecord<String, String>> readAll(final String topic, final IsolationLevel isolation) {
        final List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap(),
                        ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                                isolation.toString().toLowerCase(Locale.ROOT),
                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false"),
                new StringDeserializer(),
                new StringDeserializer())) {
            final List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            final Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            final long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
            while (!reachedEnd(consumer, end)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read " + topic + " to its end " + end);
                }
                for (final ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    records.add(r);
                }
            }
        }
        return records;
    }

    private static boolean reachedEnd(
            final KafkaConsumer<String, String> consumer, final Map<TopicPartition, Long> end) {
        return end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
    }
}
