package io.onlinelearner.app;

import io.onlinelearner.config.LearnerConfig;
import io.onlinelearner.config.LearnerSettings;
import io.onlinelearner.features.HashingConfig;
import io.onlinelearner.http.LearnerHttpServer;
import io.onlinelearner.http.RestoringPartitions;
import io.onlinelearner.http.StreamsModelDirectory;
import io.onlinelearner.labels.LabelSettings;
import io.onlinelearner.learner.Learner;
import io.onlinelearner.metrics.HttpRequestMeters;
import io.onlinelearner.metrics.LearnerObservations;
import io.onlinelearner.metrics.MetricsRegistry;
import io.onlinelearner.metrics.StatusLine;
import io.onlinelearner.serde.LineageNames;
import io.onlinelearner.topology.LearnerListener;
import io.onlinelearner.topology.LearnerTopology;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import java.util.Properties;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What operators see of a running learner, plugged in as a {@link LearnerExtension}: the
 * observations (the topology's listener), the Prometheus registry exposing them with Kafka Streams' own meters bound, the HTTP API and live
 * page, and optionally the terminal status line. The HTTP port is bound before Kafka Streams is
 * created, so that {@code application.server} can name it and other instances can forward
 * {@code /models/{id}} requests here.
 */
public final class OperationsExtension implements LearnerExtension {

    private static final Logger LOG = LoggerFactory.getLogger(OperationsExtension.class);

    /** How often the status line is printed. */
    public static final Duration STATUS_EVERY = Duration.ofSeconds(5);

    /** The addresses that bind every interface, IPv4's and IPv6's: no other instance can reach them by name. */
    private static final List<String> WILDCARDS = List.of("0.0.0.0", "[::]");

    private final LearnerObservations observations;
    private final MetricsRegistry registry;
    private final LearnerHttpServer http;
    private final Learner learner;
    private final LabelSettings labels;
    private final LineageNames lineage;
    private final PrintStream statusOut;
    private final RestoringPartitions restoring = new RestoringPartitions();
    private String applicationServer;
    private AutoCloseable status = () -> {};

    private OperationsExtension(
            final LearnerObservations observations,
            final LearnerHttpServer http,
            final Learner learner,
            final LabelSettings labels,
            final LineageNames lineage,
            final PrintStream statusOut) {
        this.observations = observations;
        this.registry = MetricsRegistry.create(observations, labels.enabled());
        this.http = http;
        this.learner = learner;
        this.labels = labels;
        this.lineage = lineage;
        this.statusOut = statusOut;
    }

    /**
     * Binds the HTTP port of {@code config} and prepares the meters.
     *
     * @param statusOut where to print the status line, or null for none
     * @throws UncheckedIOException when the HTTP port cannot be bound
     */
    public static OperationsExtension create(final LearnerConfig config, final PrintStream statusOut) {
        final LearnerObservations observations = new LearnerObservations(config.metricsMaxModels());
        final Learner learner = learner(config);
        final LearnerHttpServer http;
        try {
            http = LearnerHttpServer.bind(config.httpHost(), config.httpPort());
        } catch (IOException e) {
            throw new StartupRefusedException("cannot serve HTTP on " + config.httpHost() + ":" + config.httpPort()
                    + " (" + e.getMessage() + "): set " + LearnerSettings.HTTP_HOST.key()
                    + " to an address of this machine and " + LearnerSettings.HTTP_PORT.key()
                    + " to a free port, or 0 for any");
        }
        try {
            return new OperationsExtension(
                    observations,
                    http,
                    learner,
                    config.labels(),
                    config.topics().lineage(),
                    statusOut);
        } catch (RuntimeException e) {
            http.close();
            throw e;
        }
    }

    /** The address of the HTTP API and live page, e.g. {@code http://127.0.0.1:8080/}. */
    public String url() {
        return "http://" + http.hostPort() + "/";
    }

    /** What the learner did, recorded as the topology's listener. */
    public LearnerObservations observations() {
        return observations;
    }

    @Override
    public LearnerListener listener() {
        return observations;
    }

    @Override
    public void configure(final Properties streamsProperties) {
        if (streamsProperties.getProperty(StreamsConfig.APPLICATION_SERVER_CONFIG) == null) {
            streamsProperties.setProperty(StreamsConfig.APPLICATION_SERVER_CONFIG, reachableHostPort());
        }
        applicationServer = streamsProperties.getProperty(StreamsConfig.APPLICATION_SERVER_CONFIG);
    }

    /** Has {@code streams} tell which partitions of the model store it is restoring ({@link RestoringPartitions}). */
    @Override
    public void created(final KafkaStreams streams) {
        streams.setGlobalStateRestoreListener(restoring);
    }

    @Override
    public void started(final KafkaStreams streams, final Topology topology) {
        registry.bindKafkaStreams(streams);
        http.start(
                new LearnerHttpServer.Api(
                        new StreamsModelDirectory(
                                streams,
                                HostInfo.buildFromEndpoint(applicationServer),
                                labels,
                                learner.settings()
                                        .hashing()
                                        .filter(HashingConfig::keepNames)
                                        .isPresent(),
                                OptionalInt.of(LearnerTopology.storeSubtopology(topology)),
                                restoring),
                        learner,
                        observations::histories,
                        registry::scrape,
                        streams::state,
                        lineage),
                new HttpRequestMeters(registry.registry())::onRequest);
        if (statusOut != null) {
            status = StatusLine.print(observations, statusOut, STATUS_EVERY);
        }
    }

    @Override
    public void stateChanged(final KafkaStreams.State state) {
        if (state == KafkaStreams.State.RUNNING) {
            restoring.clear();
        }
        http.observe(state);
    }

    @Override
    public void close() {
        try {
            status.close();
        } catch (Exception e) {
            LOG.debug("Stopping the status line failed", e);
        }
        http.close();
        registry.close();
    }

    /** The learner that answers predictions over HTTP: the same settings as the stream processor's. */
    public static Learner learner(final LearnerConfig config) {
        return new Learner(config.learnerSpec());
    }

    private String reachableHostPort() {
        if (WILDCARDS.stream().noneMatch(wildcard -> http.hostPort().startsWith(wildcard + ":"))) {
            return http.hostPort();
        }
        try {
            return InetAddress.getLocalHost().getHostName() + ":" + http.port();
        } catch (IOException e) {
            return "localhost:" + http.port();
        }
    }
}
