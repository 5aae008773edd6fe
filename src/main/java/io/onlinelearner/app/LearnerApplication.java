package io.onlinelearner.app;

import io.onlinelearner.broker.EmbeddedKafkaBroker;
import io.onlinelearner.config.LearnerConfig;
import io.onlinelearner.topology.LearnerListener;
import io.onlinelearner.topology.LearnerTopology;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running learner: an embedded broker when no {@code bootstrap.servers} is configured, the
 * topics provisioned, and Kafka Streams running the learner's topology under exactly-once. Closing
 * it closes Kafka Streams (bounded by {@link #CLOSE_TIMEOUT}), then the extension, then the broker:
 * while Kafka Streams commits and leaves, the extension still hears of it (the HTTP API answers
 * {@code /health} with 503 from the moment the client is shutting down).
 */
public final class LearnerApplication implements AutoCloseable {

    /** What Kafka Streams says when another instance holds the lock of its state folder. */
    private static final String STATE_DIR_LOCKED = "running in the same state directory";

    /** How long closing waits for Kafka Streams to commit and leave. */
    public static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

    private static final Logger LOG = LoggerFactory.getLogger(LearnerApplication.class);
    /**
     * The longest wait for each provisioning step. The provisioner's admin client is then closed
     * without waiting: nothing is in flight after a step that succeeded, and after one that timed
     * out, its pending request would otherwise hold start-up for the client's own timeout again.
     */
    private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(30);

    private final EmbeddedKafkaBroker broker;
    private final String bootstrapServers;
    private final LearnerExtension extension;
    private final CountDownLatch terminated = new CountDownLatch(1);
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile KafkaStreams streams;
    private volatile boolean failed;

    private LearnerApplication(
            final EmbeddedKafkaBroker broker, final String bootstrapServers, final LearnerExtension extension) {
        this.broker = broker;
        this.bootstrapServers = bootstrapServers;
        this.extension = extension;
    }

    /**
     * Starts the learner: broker if needed, topics, Kafka Streams, then the extension's hook.
     *
     * @throws StartupRefusedException     when the topics are not usable (e.g. not co-partitioned)
     * @throws ClusterUnavailableException when Kafka does not answer
     * @throws UncheckedIOException        when the embedded broker cannot prepare its data folder
     */
    public static LearnerApplication start(final LearnerConfig config, final Launch launch) {
        final EmbeddedKafkaBroker broker;
        try {
            broker = config.hasBootstrapServers() ? null : BrokerLauncher.start(launch.dataDir(), launch.brokerPort());
        } catch (RuntimeException e) {
            launch.extension().close();
            throw e;
        }
        final String bootstrap = broker == null
                ? config.streams().getProperty(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG)
                : broker.bootstrapServers();
        final LearnerApplication app = new LearnerApplication(broker, bootstrap, launch.extension());
        try {
            app.startStreams(config, streamsProperties(config, bootstrap, broker != null, launch.dataDir()));
            return app;
        } catch (RuntimeException e) {
            app.close();
            throw e;
        }
    }

    /** The {@code bootstrap.servers} the learner uses. */
    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** The Kafka Streams client, e.g. for interactive queries. */
    public KafkaStreams streams() {
        return streams;
    }

    /** Blocks until Kafka Streams stops, by {@link #close()} or after an unrecoverable error. */
    public void awaitTermination() throws InterruptedException {
        terminated.await();
    }

    /** True when Kafka Streams went into its ERROR state. */
    public boolean failed() {
        return failed;
    }

    /** Closes Kafka Streams, the extension, then the embedded broker; safe to call more than once. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        if (streams != null) {
            if (streams.close(CLOSE_TIMEOUT)) {
                LOG.info("Kafka Streams closed");
            } else {
                LOG.warn("Kafka Streams did not close within {}", CLOSE_TIMEOUT);
            }
        }
        try {
            extension.close();
        } catch (RuntimeException e) {
            LOG.warn("Closing the extension failed", e);
        }
        if (broker != null) {
            broker.close();
        }
        terminated.countDown();
    }

    private void startStreams(final LearnerConfig config, final Properties props) {
        requireStateDir(props);
        final LearnerListener listener = extension.listener();
        extension.configure(props);
        LOG.info("Kafka Streams configuration: {}", Secrets.masked(props));
        final Map<String, Integer> partitions;
        final Admin admin = Admin.create(new StreamsConfig(props).getAdminConfigs("online-learner-provisioner"));
        try {
            partitions = new TopicProvisioner(admin, ADMIN_TIMEOUT)
                    .provision(
                            config.topics(),
                            config.provisioning(),
                            config.labels().enabled());
        } finally {
            admin.close(Duration.ZERO);
        }
        final Topology topology = LearnerTopology.build(config, listener, partitions);
        final KafkaStreams client = create(topology, props);
        client.setUncaughtExceptionHandler(ThreadReplacementPolicy.defaults());
        final SlowRebalanceNotice slowRebalance = new SlowRebalanceNotice(
                (task, delay) -> CompletableFuture.delayedExecutor(delay.toMillis(), TimeUnit.MILLISECONDS)
                        .execute(task),
                client::state,
                sessionTimeoutMs(props),
                hasGroupInstanceId(props));
        client.setStateListener((newState, oldState) -> {
            slowRebalance.stateChanged(newState);
            onStateChange(newState, oldState);
        });
        extension.created(client);
        streams = client;
        client.start();
        extension.started(client, topology);
    }

    /**
     * Kafka Streams for {@code topology}, refusing start-up with a message naming {@code state.dir}
     * when another running instance of the same {@code application.id} holds its lock there (Kafka
     * Streams says so with a plain {@link StreamsException}, recognised by its words).
     */
    private static KafkaStreams create(final Topology topology, final Properties props) {
        try {
            return new KafkaStreams(topology, props);
        } catch (StreamsException e) {
            if (String.valueOf(e.getMessage()).contains(STATE_DIR_LOCKED)) {
                throw new StartupRefusedException(
                        "invalid configuration: " + StreamsConfig.STATE_DIR_CONFIG + " = '" + stateDir(props)
                                + "': another running instance of " + StreamsConfig.APPLICATION_ID_CONFIG + " '"
                                + props.getProperty(StreamsConfig.APPLICATION_ID_CONFIG)
                                + "' uses this folder; give each instance a " + StreamsConfig.STATE_DIR_CONFIG
                                + " of its own",
                        e);
            }
            throw e;
        }
    }

    /**
     * Refuses a {@code state.dir} the learner cannot create or write before anything is created,
     * naming the key; Kafka Streams would refuse it only once the topics exist, without the key.
     */
    private static void requireStateDir(final Properties props) {
        final Path dir = stateDir(props);
        try {
            Files.createDirectories(dir);
        } catch (IOException | RuntimeException e) {
            throw new StartupRefusedException(
                    "invalid configuration: " + StreamsConfig.STATE_DIR_CONFIG + " = '" + dir
                            + "': must be a folder the learner can create and write (" + e + ")",
                    e);
        }
        if (!Files.isWritable(dir)) {
            throw new StartupRefusedException("invalid configuration: " + StreamsConfig.STATE_DIR_CONFIG + " = '" + dir
                    + "': must be a folder the learner can create and write (it is not writable)");
        }
    }

    /** The {@code state.dir} Kafka Streams uses: the configured one, or its default under the temporary folder. */
    private static Path stateDir(final Properties props) {
        final String configured = props.getProperty(StreamsConfig.STATE_DIR_CONFIG);
        return configured != null
                ? Path.of(configured)
                : Path.of(System.getProperty("java.io.tmpdir"), "kafka-streams");
    }

    private void onStateChange(final KafkaStreams.State newState, final KafkaStreams.State oldState) {
        LOG.info("Kafka Streams: {} -> {}", oldState, newState);
        extension.stateChanged(newState);
        if (newState == KafkaStreams.State.ERROR) {
            failed = true;
            terminated.countDown();
        } else if (newState == KafkaStreams.State.NOT_RUNNING) {
            terminated.countDown();
        }
    }

    /**
     * Kafka Streams' properties. With the embedded broker the learner is its group's one instance, so
     * unless set otherwise it keeps its state under the data folder and is a static member of its
     * group ({@code group.instance.id}, the application id): a dynamic member restarted after it
     * was killed would wait for the old one's session to time out (45 s by default) before it could
     * take its partitions back; a static member with the same id takes its place at once.
     */
    static Properties streamsProperties(
            final LearnerConfig config, final String bootstrap, final boolean embedded, final Path dataDir) {
        final Properties props = config.streamsWithBootstrap(bootstrap);
        if (!embedded) {
            return props;
        }
        if (!props.containsKey(StreamsConfig.STATE_DIR_CONFIG)) {
            props.setProperty(
                    StreamsConfig.STATE_DIR_CONFIG,
                    dataDir.resolve("streams").toAbsolutePath().toString());
        }
        if (!hasGroupInstanceId(props)) {
            props.setProperty(
                    ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, props.getProperty(StreamsConfig.APPLICATION_ID_CONFIG));
        }
        return props;
    }

    /** The main consumers' {@code session.timeout.ms} as configured (most specific prefix first), or Kafka's default. */
    static String sessionTimeoutMs(final Properties props) {
        for (final String key : List.of(
                StreamsConfig.mainConsumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG),
                StreamsConfig.consumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG),
                ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG)) {
            if (props.containsKey(key)) {
                return String.valueOf(props.get(key));
            }
        }
        return String.valueOf(ConsumerConfig.configDef().defaultValues().get(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG));
    }

    private static boolean hasGroupInstanceId(final Properties props) {
        return props.containsKey(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG)
                || props.containsKey(StreamsConfig.consumerPrefix(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG))
                || props.containsKey(StreamsConfig.mainConsumerPrefix(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG));
    }
}
