package io.onlinelearner.broker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The one way an integration test gets a real Kafka broker (an {@link EmbeddedKafkaBroker}, KRaft,
 * in this JVM). Register it as a static field:
 *
 * <pre>{@code
 * @RegisterExtension
 * static final KafkaBrokerExtension KAFKA = KafkaBrokerExtension.shared();
 * }</pre>
 *
 * <p>{@link #shared()} gives every test class of the run the same broker: it is started by the
 * first class that needs it, kept in the root {@link ExtensionContext.Store}, and stopped (its
 * data folder deleted) when the whole test run ends. Tests sharing it must not collide: each uses
 * its own topics, {@code application.id}s and group ids, e.g. from {@link #unique(String)}.
 *
 * <p>{@link #dedicated()} gives one test class a broker of its own, stopped after the class, for
 * a test that stops and restarts it ({@link #stopBroker()}, {@link #startBrokerAgain()}), which
 * would disturb every other test on a shared one.
 */
public final class KafkaBrokerExtension implements BeforeAllCallback {

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(KafkaBrokerExtension.class);
    private static final AtomicInteger NAMES = new AtomicInteger();

    private final boolean dedicated;
    private volatile RunningBroker running;

    private KafkaBrokerExtension(final boolean dedicated) {
        this.dedicated = dedicated;
    }

    /** The broker shared by every test class of the run. */
    public static KafkaBrokerExtension shared() {
        return new KafkaBrokerExtension(false);
    }

    /** A broker for this test class alone, which it may stop and start again. */
    public static KafkaBrokerExtension dedicated() {
        return new KafkaBrokerExtension(true);
    }

    @Override
    public void beforeAll(final ExtensionContext context) {
        if (dedicated) {
            // Stored in the class's own store: closed when the class is done.
            running = context.getStore(NAMESPACE)
                    .getOrComputeIfAbsent(
                            "dedicated-broker", key -> RunningBroker.start("kafka-dedicated-"), RunningBroker.class);
        } else {
            running = context.getRoot()
                    .getStore(NAMESPACE)
                    .getOrComputeIfAbsent(
                            "shared-broker", key -> RunningBroker.start("kafka-shared-"), RunningBroker.class);
        }
    }

    /** {@code bootstrap.servers} for clients. */
    public String bootstrapServers() {
        return broker().broker.bootstrapServers();
    }

    /** An admin client on the broker, closed with it; do not close it. */
    public Admin admin() {
        return broker().admin;
    }

    /**
     * A name no other test of this run gets from here: {@code prefix-N}. For topics, application
     * ids and group ids on the shared broker.
     */
    public static String unique(final String prefix) {
        return prefix + "-" + NAMES.incrementAndGet();
    }

    /** Creates topics with {@code partitions} partitions each, replication factor 1. */
    public void createTopics(final int partitions, final List<String> topics) {
        try {
            admin().createTopics(topics.stream()
                            .map(t -> new NewTopic(t, partitions, (short) 1))
                            .toList())
                    .all()
                    .get();
            awaitLeaders(partitions, topics);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot create topics " + topics + ": " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Waits until every partition of {@code topics} has a leader that answers: a producer that
     * writes right after a topic is created can otherwise lose a batch (KAFKA-15591), which the
     * learner's own {@code TopicProvisioner} guards against in the same way.
     */
    public void awaitLeaders(final int partitions, final List<String> topics) {
        final Map<TopicPartition, OffsetSpec> all = new HashMap<>();
        for (final String topic : topics) {
            for (int p = 0; p < partitions; p++) {
                all.put(new TopicPartition(topic, p), OffsetSpec.latest());
            }
        }
        Awaitility.await("leaders of " + topics)
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(100))
                .ignoreExceptions()
                .until(() -> admin().listOffsets(all).all().get().size() == all.size());
    }

    /** Stops a {@link #dedicated()} broker; {@link #startBrokerAgain()} brings it back on the same port and data. */
    public void stopBroker() {
        requireDedicated();
        broker().stop();
    }

    /** Starts a stopped {@link #dedicated()} broker again on the same data folder and port. */
    public void startBrokerAgain() {
        requireDedicated();
        broker().startAgain();
    }

    private void requireDedicated() {
        if (!dedicated) {
            throw new IllegalStateException(
                    "only a dedicated broker may be stopped: the shared one serves other tests");
        }
    }

    private RunningBroker broker() {
        final RunningBroker r = running;
        if (r == null) {
            throw new IllegalStateException("the broker is not started: register KafkaBrokerExtension as a static "
                    + "@RegisterExtension field");
        }
        return r;
    }

    /** A started broker, its admin client and its temporary data folder; closing stops it and deletes the folder. */
    private static final class RunningBroker implements AutoCloseable {

        private final Path dataDir;
        private volatile EmbeddedKafkaBroker broker;
        private volatile Admin admin;
        private volatile boolean up = true;

        private RunningBroker(final Path dataDir, final EmbeddedKafkaBroker broker) {
            this.dataDir = dataDir;
            this.broker = broker;
            this.admin = newAdmin(broker);
        }

        static RunningBroker start(final String prefix) {
            try {
                final Path dir = Files.createTempDirectory(prefix);
                return new RunningBroker(dir, EmbeddedKafkaBroker.start(dir, 0));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start the test broker", e);
            }
        }

        synchronized void stop() {
            if (up) {
                up = false;
                admin.close(Duration.ofSeconds(5));
                broker.close();
            }
        }

        synchronized void startAgain() {
            try {
                broker = EmbeddedKafkaBroker.start(dataDir, broker.port());
                admin = newAdmin(broker);
                up = true;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start the test broker again", e);
            }
        }

        private static Admin newAdmin(final EmbeddedKafkaBroker broker) {
            return Admin.create(Map.of(
                    AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                    broker.bootstrapServers(),
                    AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                    "20000",
                    AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG,
                    "5000"));
        }

        @Override
        public void close() {
            stop();
            try (Stream<Path> files = Files.walk(dataDir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                // a leftover temporary folder is not worth failing the run for
            }
        }
    }
}
