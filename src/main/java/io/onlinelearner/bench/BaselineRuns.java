package io.onlinelearner.bench;

import io.onlinelearner.config.LearnerConfig;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Function;
import org.apache.kafka.streams.Topology;

/**
 * One run of a framework baseline ({@link CountingBaseline}) with the learner's own Kafka Streams
 * settings (its poll, batch and cache sizes, its RocksDB bounds) wherever the options set none: the
 * yardstick is then Kafka Streams as the learner runs it, so that what the baseline reaches is what
 * the framework allows the learner on the same records.
 */
final class BaselineRuns {

    private BaselineRuns() {}

    /** The counting baseline on {@code inputs} ({@link CountingBaseline#topology}). */
    static Measurement counting(
            final BenchCluster cluster, final List<String> inputs, final String guarantee, final BenchOptions options)
            throws Exception {
        return withLearnerSettings(
                cluster, progress -> CountingBaseline.topology(inputs, progress), guarantee, options);
    }

    /**
     * The echoing baseline on {@code inputs} ({@link CountingBaseline#echoing}), writing to a new
     * topic of the options' partitions.
     */
    static Measurement echoing(
            final BenchCluster cluster, final List<String> inputs, final String guarantee, final BenchOptions options)
            throws Exception {
        final String sink = "bench-echo-" + UUID.randomUUID();
        cluster.createTopics(List.of(sink), options.partitions());
        return withLearnerSettings(
                cluster, progress -> CountingBaseline.echoing(inputs, sink, progress), guarantee, options);
    }

    /** Runs {@code topology} until it has counted {@link BenchOptions#records()} records. */
    static Measurement withLearnerSettings(
            final BenchCluster cluster,
            final Function<Progress, Topology> topology,
            final String guarantee,
            final BenchOptions options)
            throws Exception {
        final Properties chosen = new Properties();
        chosen.putAll(options.streams());
        return run(
                cluster,
                topology,
                guarantee,
                options,
                LearnerConfig.parse(chosen).streams());
    }

    /**
     * The same with Kafka Streams' own defaults wherever the options set none: the end-to-end
     * benchmark's trivial app, as a Kafka Streams user would first write it.
     */
    static Measurement withKafkaDefaults(
            final BenchCluster cluster,
            final Function<Progress, Topology> topology,
            final String guarantee,
            final BenchOptions options)
            throws Exception {
        return run(cluster, topology, guarantee, options, new Properties());
    }

    private static Measurement run(
            final BenchCluster cluster,
            final Function<Progress, Topology> topology,
            final String guarantee,
            final BenchOptions options,
            final Properties defaults)
            throws Exception {
        final Properties properties = LearnerRuns.streamsProperties(cluster, guarantee, "bench-baseline");
        properties.putAll(options.streamsOnly());
        properties.putAll(LearnerRuns.withoutOverrides(defaults, properties));
        return Runs.streams(Runner.BASELINE, topology, properties, guarantee, options.records(), options.timeout());
    }
}
