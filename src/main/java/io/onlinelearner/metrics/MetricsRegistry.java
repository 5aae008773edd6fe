package io.onlinelearner.metrics;

import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmInfoMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.apache.kafka.streams.KafkaStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where the learner's meter registry is assembled: a Prometheus registry with the
 * learner's own meters, JVM and process meters, and, once the streams client exists, Kafka
 * Streams' own metrics, Kafka's undescribed ones described ({@link MissingDescriptions}). {@code GET
 * /metrics} serves {@link #scrape()}.
 */
public final class MetricsRegistry implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MetricsRegistry.class);

    /**
     * How often Kafka Streams' meters are looked for anew: Micrometer's default, a minute, left the
     * meters of tasks and stores out of every scrape for up to a minute after each start and rebalance.
     */
    public static final Duration KAFKA_METRICS_REFRESH = Duration.ofSeconds(5);

    private final PrometheusMeterRegistry registry;
    private final List<AutoCloseable> closeables = new CopyOnWriteArrayList<>();

    private MetricsRegistry(final PrometheusMeterRegistry registry) {
        this.registry = registry;
    }

    /**
     * A Prometheus registry with the learner's meters (a {@link LearnerMeterBinder} of
     * {@code learner}, with the per-model label meters when {@code labels} are enabled) and the
     * JVM's and the process's bound.
     */
    public static MetricsRegistry create(final LearnerObservations learner, final boolean labels) {
        final MetricsRegistry metrics = new MetricsRegistry(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
        metrics.registry.config().meterFilter(new MissingDescriptions());
        final JvmGcMetrics gc = new JvmGcMetrics();
        metrics.closeables.add(gc);
        for (final MeterBinder binder : List.of(
                new LearnerMeterBinder(learner, labels),
                new ClassLoaderMetrics(),
                new JvmMemoryMetrics(),
                gc,
                new JvmThreadMetrics(),
                new JvmInfoMetrics(),
                new ProcessorMetrics(),
                new UptimeMetrics(),
                new FileDescriptorMetrics())) {
            binder.bindTo(metrics.registry);
        }
        return metrics;
    }

    /**
     * Adds Kafka Streams' own metrics (threads, tasks, stores, and its clients') of {@code streams},
     * looked for anew every {@link #KAFKA_METRICS_REFRESH}: tasks' and stores' meters appear when a
     * task is assigned, after start-up and after every rebalance.
     */
    public void bindKafkaStreams(final KafkaStreams streams) {
        final ScheduledExecutorService refresh = Executors.newSingleThreadScheduledExecutor(runnable -> {
            final Thread thread = new Thread(runnable, "learner-kafka-metrics");
            thread.setDaemon(true);
            return thread;
        });
        closeables.add(refresh::shutdownNow);
        final KafkaStreamsMetrics binder =
                new KafkaStreamsMetrics(streams, Tags.empty(), refresh, KAFKA_METRICS_REFRESH);
        closeables.add(binder);
        binder.bindTo(registry);
    }

    /** The registry, to add meters to. */
    public PrometheusMeterRegistry registry() {
        return registry;
    }

    /** Every meter in the Prometheus text format. */
    public String scrape() {
        return registry.scrape();
    }

    @Override
    public void close() {
        for (final AutoCloseable closeable : closeables) {
            try {
                closeable.close();
            } catch (Exception e) {
                LOG.warn("Closing {} failed; the learner shuts down all the same", closeable, e);
            }
        }
        registry.close();
    }
}
