package io.onlinelearner.broker;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Kafka broker (KRaft, combined broker and controller) running in this JVM:
 * Kafka's own server, not a mock. It formats its storage on first start and keeps its data in
 * the given folder, so a restart on the same folder finds its topics and offsets again.
 *
 * <p>A single node can only replicate to itself: every internal topic (offsets, transaction
 * state, share-coordinator state) gets one partition, replication factor 1 and min ISR 1, and the
 * log cleaner's dedupe buffer is kept small so that it does not dominate the heap. It deletes no
 * record by age ({@code log.retention.ms=-1}): Kafka's default, seven days by record timestamp, would
 * delete records with older timestamps (a replayed history, a test's fixed clock) within minutes of
 * their writing, before the learner had read them.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

    /** The port {@code run} and {@code broker} use when none is given. */
    public static final int DEFAULT_PORT = 9092;

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);
    private static final int NODE_ID = 1;
    private static final String CONTROLLER = "CONTROLLER";
    /** The broker setting for how long records are kept by timestamp. */
    static final String RETENTION_MS = "log.retention.ms";

    private final KafkaRaftServer server;
    private final int port;
    private final Path dataDir;
    private final DataDirLock lock;

    private EmbeddedKafkaBroker(
            final KafkaRaftServer server, final int port, final Path dataDir, final DataDirLock lock) {
        this.server = server;
        this.port = port;
        this.dataDir = dataDir;
        this.lock = lock;
    }

    /**
     * Starts a broker on {@code localhost:port} keeping its data under {@code dataDir}.
     *
     * @param dataDir the folder for logs and metadata; created if missing, formatted if new
     * @param port    the client port; 0 picks a free one
     * @throws DataDirLock.DataDirInUseException when another embedded broker holds the folder
     * @throws IOException when the folder cannot be prepared or formatted
     */
    public static EmbeddedKafkaBroker start(final Path dataDir, final int port) throws IOException {
        final DataDirLock lock = DataDirLock.take(dataDir);
        try {
            final int[] ports = ports(port);
            final Path logDir =
                    Files.createDirectories(dataDir.resolve("kafka-logs")).toAbsolutePath();
            final Properties props = brokerProperties(logDir, ports[0], ports[1]);
            if (!Files.exists(logDir.resolve("meta.properties"))) {
                format(logDir);
            }
            final KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
            server.startup();
            LOG.info("Embedded Kafka broker started on localhost:{} with data in {}", ports[0], logDir);
            return new EmbeddedKafkaBroker(server, ports[0], dataDir, lock);
        } catch (IOException | RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    /** {@code localhost:port}, for {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return "localhost:" + port;
    }

    /** The client port. */
    public int port() {
        return port;
    }

    /** The folder holding the broker's data. */
    public Path dataDir() {
        return dataDir;
    }

    /** Stops the broker and waits until it has stopped. */
    @Override
    public void close() {
        try {
            server.shutdown();
            server.awaitShutdown();
        } finally {
            try {
                lock.close();
            } catch (IOException e) {
                LOG.warn("Could not release the lock on {}: {}", dataDir, e.toString());
            }
        }
        LOG.info("Embedded Kafka broker on localhost:{} stopped", port);
    }

    static Properties brokerProperties(final Path logDir, final int clientPort, final int controllerPort) {
        final Properties p = new Properties();
        p.setProperty("process.roles", "broker,controller");
        p.setProperty("node.id", String.valueOf(NODE_ID));
        p.setProperty("controller.quorum.voters", NODE_ID + "@localhost:" + controllerPort);
        p.setProperty(
                "listeners",
                "PLAINTEXT://localhost:" + clientPort + "," + CONTROLLER + "://localhost:" + controllerPort);
        p.setProperty("advertised.listeners", "PLAINTEXT://localhost:" + clientPort);
        p.setProperty("controller.listener.names", CONTROLLER);
        p.setProperty("inter.broker.listener.name", "PLAINTEXT");
        p.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT," + CONTROLLER + ":PLAINTEXT");
        p.setProperty("log.dirs", logDir.toString());
        p.setProperty("num.partitions", "1");
        p.setProperty("auto.create.topics.enable", "false");
        p.setProperty("offsets.topic.replication.factor", "1");
        p.setProperty("offsets.topic.num.partitions", "1");
        p.setProperty("transaction.state.log.replication.factor", "1");
        p.setProperty("transaction.state.log.min.isr", "1");
        p.setProperty("transaction.state.log.num.partitions", "1");
        p.setProperty("share.coordinator.state.topic.replication.factor", "1");
        p.setProperty("share.coordinator.state.topic.min.isr", "1");
        p.setProperty("share.coordinator.state.topic.num.partitions", "1");
        p.setProperty("group.initial.rebalance.delay.ms", "0");
        p.setProperty("log.cleaner.dedupe.buffer.size", String.valueOf(2 * 1024 * 1024));
        p.setProperty("log.flush.interval.messages", "9223372036854775807");
        p.setProperty(RETENTION_MS, "-1");
        return p;
    }

    private static void format(final Path logDir) throws IOException {
        try {
            new Formatter()
                    .setPrintStream(new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8))
                    .setNodeId(NODE_ID)
                    .setClusterId(Uuid.randomUuid().toString())
                    .setDirectories(List.of(logDir.toString()))
                    .setMetadataLogDirectory(logDir.toString())
                    .setReleaseVersion(MetadataVersion.latestProduction())
                    .setControllerListenerName(CONTROLLER)
                    .run();
        } catch (IOException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException("cannot format Kafka storage in " + logDir + ": " + e.getMessage(), e);
        }
    }

    /**
     * The client port ({@code clientPort}, or a free one when 0) and a free controller port other
     * than it. Both free ports are taken while two sockets hold them, so the two can never be the
     * same (one at a time, the system could hand out a port just released: the broker then refused
     * to start, its two listeners on one port).
     */
    static int[] ports(final int clientPort) throws IOException {
        try (ServerSocket first = new ServerSocket(0);
                ServerSocket second = new ServerSocket(0)) {
            final int controller = first.getLocalPort() != clientPort ? first.getLocalPort() : second.getLocalPort();
            final int client = clientPort != 0 ? clientPort : second.getLocalPort();
            return new int[] {client, controller};
        }
    }
}
