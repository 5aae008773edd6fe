package io.onlinelearner.bench;

import io.onlinelearner.broker.EmbeddedKafkaBroker;
import io.onlinelearner.model.InputFormat;
import io.onlinelearner.topology.Source;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The Kafka cluster a benchmark runs on: the embedded broker in a temporary folder, or an existing
 * cluster by its bootstrap servers; with the topic creation and the one-off production of the
 * benchmark's records. Closing it stops the embedded broker and deletes every temporary folder.
 */
final class BenchCluster implements AutoCloseable {

    private static final int DISTINCT_VALUES = 4096;

    private final EmbeddedKafkaBroker broker;
    private final String bootstrap;
    private final Path workDir;

    private BenchCluster(final EmbeddedKafkaBroker broker, final String bootstrap, final Path workDir) {
        this.broker = broker;
        this.bootstrap = bootstrap;
        this.workDir = workDir;
    }

    /** The cluster at {@code bootstrap}, or an embedded broker when it is null or blank. */
    static BenchCluster open(final String bootstrap) throws IOException {
        final Path workDir = Files.createTempDirectory("online-learner-bench");
        if (bootstrap != null && !bootstrap.isBlank()) {
            return new BenchCluster(null, bootstrap, workDir);
        }
        final EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(workDir.resolve("broker"), 0);
        return new BenchCluster(broker, broker.bootstrapServers(), workDir);
    }

    String bootstrap() {
        return bootstrap;
    }

    /** A new, empty folder under the work folder. */
    Path newDir(final String prefix) throws IOException {
        return Files.createTempDirectory(workDir, prefix);
    }

    /** Creates the topics, each with {@code partitions} partitions. */
    void createTopics(final List<String> topics, final int partitions) throws InterruptedException {
        final List<NewTopic> newTopics = new ArrayList<>();
        for (final String topic : topics) {
            newTopics.add(new NewTopic(topic, partitions, (short) 1));
        }
        try (Admin admin =
                Admin.create(Map.<String, Object>of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(newTopics).all().get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot create topics " + topics + ": " + e.getCause(), e.getCause());
        }
    }

    /** Deletes the topics, to free the broker's disk between runs. */
    void deleteTopics(final List<String> topics) throws InterruptedException {
        try (Admin admin =
                Admin.create(Map.<String, Object>of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.deleteTopics(topics).all().get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot delete topics " + topics + ": " + e.getCause(), e.getCause());
        }
    }

    /**
     * Writes {@code records} training records of {@code features} features, keyed round-robin over
     * {@code models} model ids, and waits until all are acknowledged.
     */
    void produce(final String topic, final long records, final int features, final int models) {
        produce(Map.of(Source.TRAIN, topic), records, features, models, InputFormat.JSON, Workload.TRAIN);
    }

    /**
     * Writes {@code records} training values that {@code values} makes (a pool of distinct values,
     * cycled) to {@code topic}, keyed round-robin over {@code models} model ids, and waits until all
     * are acknowledged.
     */
    void produce(final String topic, final long records, final int models, final Function<Random, byte[]> values) {
        final Random random = new Random(42);
        final byte[][] pool = new byte[(int) Math.min(DISTINCT_VALUES, records)][];
        for (int i = 0; i < pool.length; i++) {
            pool[i] = values.apply(random);
        }
        send(Map.of(Source.TRAIN, topic), records, models, Map.of(Source.TRAIN, pool), Workload.TRAIN);
    }

    /**
     * Writes {@code records} records of {@code features} features in {@code format}, keyed
     * round-robin over {@code models} model ids, record {@code i} to the topic of
     * {@code workload.source(i)} in {@code topics}, and waits until all are acknowledged.
     */
    void produce(
            final Map<Source, String> topics,
            final long records,
            final int features,
            final int models,
            final InputFormat format,
            final Workload workload) {
        final Random random = new Random(42);
        final int distinct = (int) Math.min(DISTINCT_VALUES, records);
        final Map<Source, byte[][]> values = new EnumMap<>(Source.class);
        for (final Source source : topics.keySet()) {
            final byte[][] pool = new byte[distinct][];
            for (int i = 0; i < distinct; i++) {
                pool[i] = SyntheticRecords.value(random, features, format, source);
            }
            values.put(source, pool);
        }
        send(topics, records, models, values, workload);
    }

    private void send(
            final Map<Source, String> topics,
            final long records,
            final int models,
            final Map<Source, byte[][]> values,
            final Workload workload) {
        final byte[][] keys = keys(models);
        try (KafkaProducer<byte[], byte[]> producer = producer()) {
            for (long i = 0; i < records; i++) {
                final Source source = workload.source(i);
                final byte[][] pool = values.get(source);
                producer.send(new ProducerRecord<>(
                        topics.get(source), keys[(int) (i % models)], pool[(int) (i % pool.length)]));
            }
            producer.flush();
        }
    }

    /**
     * Writes the {@link Workload#LABELS} workload's {@code records} records: record {@code i} is a
     * request with id {@code e<k>} or the label of request {@code e<k>} ({@code k} =
     * {@link Workload#example}), keyed by example round-robin over {@code models} model ids, with
     * timestamps one millisecond apart and ending now, so that every task handles a request before
     * its label; without {@code labelled}, every record is a request {@code e<i>}, never labelled.
     * Waits until all are acknowledged.
     */
    void produceLabelled(
            final Map<Source, String> topics,
            final long records,
            final int features,
            final int models,
            final InputFormat format,
            final boolean labelled) {
        final Random random = new Random(42);
        final double[][] pool = SyntheticRecords.examples(random, (int) Math.min(DISTINCT_VALUES, records), features);
        final byte[][] keys = keys(models);
        final long base = System.currentTimeMillis() - records;
        try (KafkaProducer<byte[], byte[]> producer = producer()) {
            for (long i = 0; i < records; i++) {
                final Source source = labelled ? Workload.LABELS.source(i) : Source.PREDICT;
                final long k = labelled ? Workload.LABELS.example(i) : i;
                final double[] example = pool[(int) (k % pool.length)];
                final String id = "e" + k;
                producer.send(new ProducerRecord<>(
                        topics.get(source),
                        null,
                        base + i,
                        keys[(int) (k % models)],
                        source == Source.PREDICT
                                ? SyntheticRecords.request(example, id, format)
                                : SyntheticRecords.label(example, id, format)));
            }
            producer.flush();
        }
    }

    /** The model ids' keys, {@code models} of them, as the synthetic records name them. */
    private static byte[][] keys(final int models) {
        final byte[][] keys = new byte[models][];
        for (int i = 0; i < models; i++) {
            keys[i] = SyntheticRecords.modelKey(i, models).getBytes(StandardCharsets.UTF_8);
        }
        return keys;
    }

    /** A producer of the benchmark's input: large batches, records up to 16 MiB. */
    private KafkaProducer<byte[], byte[]> producer() {
        return new KafkaProducer<>(
                Map.<String, Object>of(
                        CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrap,
                        "linger.ms",
                        20,
                        "batch.size",
                        1 << 20,
                        "max.request.size",
                        16 << 20,
                        "buffer.memory",
                        256L << 20),
                new ByteArraySerializer(),
                new ByteArraySerializer());
    }

    /**
     * The bytes of {@code topic}'s replicas in the brokers' log folders: all it was written unless the
     * log cleaner compacted a closed segment (1 GiB by default) before this reads it.
     */
    long topicBytes(final String topic) throws InterruptedException {
        return replicaBytes(topic, topic::equals);
    }

    /**
     * The bytes of the changelog topics of the Kafka Streams application {@code applicationId} in
     * the brokers' log folders: what its stores wrote, transaction markers included, unless the log
     * cleaner compacted a closed segment (1 GiB by default) before this reads it.
     */
    long changelogBytes(final String applicationId) throws InterruptedException {
        return replicaBytes(
                applicationId + "'s changelogs",
                topic -> topic.startsWith(applicationId + "-") && topic.endsWith("-changelog"));
    }

    private long replicaBytes(final String what, final Predicate<String> topics) throws InterruptedException {
        try (Admin admin =
                Admin.create(Map.<String, Object>of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            final List<Integer> brokers =
                    admin.describeCluster().nodes().get().stream().map(Node::id).toList();
            return admin.describeLogDirs(brokers).allDescriptions().get().values().stream()
                    .flatMap(dirs -> dirs.values().stream())
                    .flatMap(dir -> dir.replicaInfos().entrySet().stream())
                    .filter(replica -> topics.test(replica.getKey().topic()))
                    .mapToLong(replica -> replica.getValue().size())
                    .sum();
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot read the size of " + what + ": " + e.getCause(), e.getCause());
        }
    }

    /** The bytes of all files under {@code dir}. */
    static long sizeOnDisk(final Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile)
                    .mapToLong(BenchCluster::size)
                    .sum();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long size(final Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0L;
        }
    }

    @Override
    public void close() throws IOException {
        if (broker != null) {
            broker.close();
        }
        try (Stream<Path> files = Files.walk(workDir)) {
            files.sorted(Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        }
    }
}
