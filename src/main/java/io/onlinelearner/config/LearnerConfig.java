package io.onlinelearner.config;

import io.onlinelearner.drift.DriftConfig;
import io.onlinelearner.features.HashingConfig;
import io.onlinelearner.labels.LabelSettings;
import io.onlinelearner.learner.LearnerSpec;
import io.onlinelearner.learner.PredictParameters;
import io.onlinelearner.model.InputFormat;
import io.onlinelearner.model.ModelSpec;
import io.onlinelearner.optim.AdamHyperparameters;
import io.onlinelearner.schedule.PlateauConfig;
import io.onlinelearner.stopping.StoppingConfig;
import io.onlinelearner.store.BoundedMemoryRocksDBConfig;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Properties;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.streams.StreamsConfig;

/**
 * The learner's configuration, parsed and validated once at start-up: the typed settings of the
 * core, the topics, the HTTP endpoint, and the properties handed to Kafka Streams unchanged
 * (every key without the {@code learner.} prefix), with the learner's own defaults for them
 * ({@code max.task.idle.ms} from {@link LearnerSettings#ORDERING}, and a record cache of
 * {@link #STORE_CACHE_BYTES}, producer batches of {@link #PRODUCER_BATCH_BYTES}, transactions of up
 * to {@link #TRANSACTION_TIMEOUT_MS}, polls of {@link #MAX_POLL_RECORDS} and records up to
 * {@link RecordLimits}, unless set explicitly, and the
 * RocksDB stores' memory bounded by {@link LearnerSettings#STORE_MEMORY_MB}).
 * Every {@code learner.*} key is declared once, in {@link LearnerSettings}; {@link #defaults()} is
 * the configuration of an empty file, and {@link #builder()} builds one with a few keys changed.
 *
 * @param adam             Adam's hyperparameters
 * @param model            what a new model looks like
 * @param stopping         early stopping's settings
 * @param plateau          the learning rate on plateau schedule; empty when off (the default)
 * @param drift            drift detection; empty when off (the default)
 * @param hashing          named features ({@code learner.features.mode=hashed}); empty in dense mode (the default)
 * @param predictParameters which parameters of a training model answer a prediction
 * @param inputFormat      how train, validation and predict values are encoded
 * @param inputRepartition whether every input is re-keyed through one repartition topic first
 * @param inputMaxBytes    the largest input value accepted, in bytes; larger values are dead letters
 * @param labels           labels that come later: whether they are on, and their ttl, bound, holdout and window
 * @param idleTtlMs        how long a model may go without a valid record before it is evicted; empty: never
 * @param topics           the topic names
 * @param provisioning     whether and how to create missing topics
 * @param httpHost         the HTTP API's bind address
 * @param httpPort         the HTTP API's port (0: any free port)
 * @param metricsMaxModels how many models get their own metric series
 * @param streams          the Kafka Streams properties, defaults applied
 */
public record LearnerConfig(
        AdamHyperparameters adam,
        ModelSpec model,
        StoppingConfig stopping,
        Optional<PlateauConfig> plateau,
        Optional<DriftConfig> drift,
        Optional<HashingConfig> hashing,
        PredictParameters predictParameters,
        InputFormat inputFormat,
        boolean inputRepartition,
        int inputMaxBytes,
        LabelSettings labels,
        OptionalLong idleTtlMs,
        Topics topics,
        TopicProvisioning provisioning,
        String httpHost,
        int httpPort,
        int metricsMaxModels,
        Properties streams) {

    /**
     * Kafka Streams' record cache unless {@code statestore.cache.max.bytes} is set: 128 MiB instead of
     * Kafka's 10 MiB, for the stores that use it (remembered requests, feature texts, last-seen
     * times; the model states are held above their store by {@code ModelStateStore} instead), so
     * that a busy key's writes fold into one per commit. It costs at most that much heap, shared by
     * the instance's stream threads, and only as far as those stores are written.
     */
    public static final long STORE_CACHE_BYTES = 128L << 20;

    /**
     * The producer's {@code batch.size} unless set ({@code batch.size} or
     * {@code producer.batch.size}): 128 KiB instead of Kafka's 16 KiB. The changelog record of a
     * model is its whole state (24 KB at d = 1000, more for a hashed model that has touched many
     * indices), and the producer allocates a new, unpooled buffer for every record larger than a
     * batch; with 128 KiB batches those records go into pooled buffers (the figures are in
     * docs/performance.md). It bounds nothing new: the producer's {@code buffer.memory} (32 MiB) still bounds all its batches.
     */
    public static final int PRODUCER_BATCH_BYTES = 128 << 10;

    /**
     * The consumers' {@code max.poll.records} unless set ({@code max.poll.records} or
     * {@code consumer.max.poll.records}): 10,000 instead of Kafka Streams' 1,000. A poll hands over
     * only what the consumer has already fetched, which {@code max.partition.fetch.bytes} (1 MiB)
     * and {@code fetch.max.bytes} bound in bytes, so this bounds nothing new in memory; but with
     * small records 1,000 is a fraction of one fetch, and the stream thread then waited between
     * polls for the next fetch more often than it had to (the figures are in docs/performance.md).
     */
    public static final int MAX_POLL_RECORDS = 10_000;

    /**
     * The producer's {@code transaction.timeout.ms} unless set ({@code transaction.timeout.ms} or
     * {@code producer.transaction.timeout.ms}): 60 s instead of Kafka Streams' 10 s under
     * exactly-once, above the consumers' {@code session.timeout.ms} (45 s). While a rebalance waits
     * for a member that died without leaving (a restarted instance joins at once, the dead one is
     * waited for until its session expires), Kafka Streams goes on processing but does not commit;
     * with 10 s the broker aborted the open transactions of the instances that stayed up, fencing
     * them, and they closed and restored every task (the figures are in docs/exactly-once.md). The
     * price: a dead instance's unfinished transaction, unless its restart reuses the state folder,
     * holds {@code read_committed} readers back for up to 60 s instead of 10.
     */
    public static final int TRANSACTION_TIMEOUT_MS = 60_000;

    /**
     * The main consumer's property deciding whether a member leaves its group when it closes, which
     * Kafka Streams sets to false. The learner sets it to true unless it is set (plain, or with the
     * {@code consumer.} or {@code main.consumer.} prefix): an instance stopped cleanly (SIGTERM, Ctrl-C)
     * then leaves its group as it closes, after its last commit, and the other instances take its
     * partitions over at once instead of after its session times out ({@code session.timeout.ms},
     * 45 s by default), during which its models were neither trained nor served. A static member
     * ({@code group.instance.id}) never leaves on close, whatever this says: it keeps its place for
     * its own restart. A killed instance cannot leave; its partitions still wait for the session.
     */
    public static final String LEAVE_GROUP_ON_CLOSE = "internal.leave.group.on.close";

    /** Kafka Streams' property naming the class that configures every RocksDB store. */
    public static final String ROCKSDB_CONFIG_SETTER = StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG;

    /** The application id used when none is configured. */
    public static final String DEFAULT_APPLICATION_ID = "online-learner";

    /**
     * Parses and validates the given properties.
     *
     * @throws ConfigException naming the key, the value and what is allowed, for the first bad value
     */
    public static LearnerConfig parse(final Properties properties) {
        final SettingsReader reader = new SettingsReader(properties);
        final Topics topics = reader.topics();
        final Optional<HashingConfig> hashing = reader.hashing();
        return new LearnerConfig(
                reader.adam(),
                reader.model(),
                reader.stopping(),
                reader.plateau(),
                reader.drift(),
                hashing,
                reader.get(LearnerSettings.PREDICT_PARAMETERS),
                reader.get(LearnerSettings.INPUT_FORMAT),
                reader.get(LearnerSettings.INPUT_REPARTITION),
                reader.get(LearnerSettings.INPUT_MAX_BYTES),
                reader.labels(),
                reader.get(LearnerSettings.MODELS_IDLE_TTL_MS),
                topics,
                reader.provisioning(),
                reader.get(LearnerSettings.HTTP_HOST),
                reader.get(LearnerSettings.HTTP_PORT),
                reader.get(LearnerSettings.METRICS_MAX_MODELS),
                streamsProperties(
                        properties,
                        reader.get(LearnerSettings.ORDERING),
                        RecordLimits.bytes(reader.get(LearnerSettings.INPUT_MAX_BYTES))));
    }

    /**
     * Sets {@code prefix + key} to the learner's {@code value} unless the user set the key, plain or
     * with that prefix: Kafka Streams gives a prefixed key precedence over a plain one, so a default
     * set under the prefix would otherwise override the user's plain key.
     */
    private static void clientDefault(
            final Properties streams, final String prefix, final String key, final int value) {
        if (!streams.containsKey(key) && !streams.containsKey(prefix + key)) {
            streams.setProperty(prefix + key, String.valueOf(value));
        }
    }

    /**
     * Sets {@code main.consumer.} + {@code key} to {@code value} unless the user set the key plain or
     * with the {@code consumer.} or {@code main.consumer.} prefix, each of which Kafka Streams would
     * otherwise see overridden by the more specific default.
     */
    private static void mainConsumerDefault(final Properties streams, final String key, final String value) {
        final String main = StreamsConfig.mainConsumerPrefix(key);
        if (!streams.containsKey(key)
                && !streams.containsKey(StreamsConfig.consumerPrefix(key))
                && !streams.containsKey(main)) {
            streams.setProperty(main, value);
        }
    }

    /**
     * Bounds the RocksDB stores' memory by {@link LearnerSettings#STORE_MEMORY_MB} through
     * {@link BoundedMemoryRocksDBConfig}, unless {@code rocksdb.config.setter} names a setter of
     * the user's own: that one is kept, and setting both is refused rather than one silently
     * ignoring the other.
     */
    private static void boundStoreMemory(final Properties properties, final Properties streams) {
        final Setting<Integer> setting = LearnerSettings.STORE_MEMORY_MB;
        final long bytes = (long) setting.read(properties) << 20;
        final String own = streams.getProperty(ROCKSDB_CONFIG_SETTER);
        if (own != null && !own.isBlank()) {
            if (properties.containsKey(setting.key())) {
                throw new ConfigException(
                        setting.key(),
                        properties.getProperty(setting.key()).trim(),
                        "unset when " + ROCKSDB_CONFIG_SETTER + " names a setter of your own ('" + own
                                + "'): the learner's bound would replace it");
            }
            return;
        }
        streams.setProperty(ROCKSDB_CONFIG_SETTER, BoundedMemoryRocksDBConfig.class.getName());
        streams.setProperty(BoundedMemoryRocksDBConfig.TOTAL_BYTES_CONFIG, String.valueOf(bytes));
    }

    /**
     * The defaults alone: the configuration of an empty file. The core's records take their
     * defaults from here, e.g. {@code LearnerConfig.defaults().stopping()}.
     */
    public static LearnerConfig defaults() {
        return parse(new Properties());
    }

    /** A builder starting from the defaults, e.g. {@code builder().set(LearnerSettings.ADAM_LR, 0.1).build()}. */
    public static LearnerConfigBuilder builder() {
        return new LearnerConfigBuilder();
    }

    /** The learner's settings: what the stream processor and the HTTP API's predictions both run with. */
    public LearnerSpec learnerSpec() {
        return new LearnerSpec(model, adam, stopping, plateau, drift, predictParameters, hashing);
    }

    /** True when {@code bootstrap.servers} is set, i.e. the learner runs against an existing cluster. */
    public boolean hasBootstrapServers() {
        final String servers = streams.getProperty(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG);
        return servers != null && !servers.isBlank();
    }

    /** A copy of the Kafka Streams properties with {@code bootstrap.servers} set. */
    public Properties streamsWithBootstrap(final String bootstrapServers) {
        final Properties copy = new Properties();
        copy.putAll(streams);
        copy.setProperty(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        return copy;
    }

    /**
     * The Kafka Streams properties: the learner's defaults, then every key of {@code properties}
     * without the {@code learner.} prefix. No processing exception handler is set: the learner
     * dead-letters the records it fails on itself, and anything else fails the stream thread, which
     * resumes from the last commit, rather than being dropped.
     */
    private static Properties streamsProperties(
            final Properties properties, final Ordering ordering, final int recordLimit) {
        final Properties streams = new Properties();
        streams.setProperty(Ordering.STREAMS_PROPERTY, String.valueOf(ordering.maxTaskIdleMs()));
        streams.setProperty(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, String.valueOf(STORE_CACHE_BYTES));
        streams.setProperty(StreamsConfig.APPLICATION_ID_CONFIG, DEFAULT_APPLICATION_ID);
        streams.setProperty(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        for (final Map.Entry<Object, Object> entry : properties.entrySet()) {
            final String key = String.valueOf(entry.getKey());
            if (!key.startsWith(LearnerSettings.PREFIX)) {
                streams.setProperty(key, String.valueOf(entry.getValue()).trim());
            }
        }
        clientDefault(streams, "producer.", "batch.size", PRODUCER_BATCH_BYTES);
        clientDefault(streams, "consumer.", "max.poll.records", MAX_POLL_RECORDS);
        clientDefault(streams, "producer.", "transaction.timeout.ms", TRANSACTION_TIMEOUT_MS);
        clientDefault(streams, "producer.", "max.request.size", recordLimit);
        clientDefault(streams, "producer.", "buffer.memory", recordLimit);
        mainConsumerDefault(streams, LEAVE_GROUP_ON_CLOSE, "true");
        streams.putIfAbsent(RecordLimits.CHANGELOG_MAX_MESSAGE_BYTES, String.valueOf(recordLimit));
        boundStoreMemory(properties, streams);
        requireStreamThread(streams);
        return streams;
    }

    /**
     * Refuses {@code num.stream.threads} below 1, which Kafka Streams accepts: with no stream thread
     * the learner would start, never process a record and stay rebalancing.
     */
    private static void requireStreamThread(final Properties streams) {
        final String value = streams.getProperty(StreamsConfig.NUM_STREAM_THREADS_CONFIG);
        if (value == null) {
            return;
        }
        final boolean atLeastOne;
        try {
            atLeastOne = Integer.parseInt(value.trim()) >= 1;
        } catch (NumberFormatException e) {
            return;
        }
        if (!atLeastOne) {
            throw new ConfigException(
                    StreamsConfig.NUM_STREAM_THREADS_CONFIG, value, "at least 1: the learner needs a stream thread");
        }
    }

    /**
     * How the learner creates missing topics at start-up.
     *
     * @param create            whether to create missing topics at all
     * @param partitions        partitions of created topics
     * @param replicationFactor replication factor of created topics
     * @param maxMessageBytes   {@code max.message.bytes} of created topics ({@link RecordLimits})
     */
    public record TopicProvisioning(boolean create, int partitions, short replicationFactor, int maxMessageBytes) {

        /** Provisioning that creates topics accepting records up to {@link RecordLimits#DEFAULT_BYTES}. */
        public TopicProvisioning(final boolean create, final int partitions, final short replicationFactor) {
            this(create, partitions, replicationFactor, RecordLimits.DEFAULT_BYTES);
        }
    }
}
