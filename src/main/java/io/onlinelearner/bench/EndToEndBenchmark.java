package io.onlinelearner.bench;

import io.onlinelearner.metrics.LearnerObservations;
import io.onlinelearner.topology.Source;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The end-to-end benchmark: produces N records once (training records, prediction requests or a
 * mix, in JSON or Avro: {@link BenchOptions#workload()}, {@link BenchOptions#format()}), then processes them, under each
 * processing guarantee, with a plain KafkaConsumer that parses them (the raw limit), with a
 * trivial stateful Kafka Streams app (the framework baseline) and with the learner; each timed
 * from its start until its last record, in the same JVM, on the same broker, in one run. The
 * learner reports to the application's {@link LearnerObservations}, as it does when it runs for real.
 *
 * <p>Entry point: {@link #run(BenchOptions)}. The embedded broker lives in a temporary folder and is
 * deleted at the end; with {@link BenchOptions#bootstrap()} set it uses that cluster instead.
 */
public final class EndToEndBenchmark {

    private EndToEndBenchmark() {}

    /**
     * Runs the benchmark.
     *
     * @return every measurement, in the order run: for each repetition, for each guarantee, the
     *         runners in {@link Runner#order} of that repetition
     */
    public static Report run(final BenchOptions options) throws Exception {
        try (BenchCluster cluster = BenchCluster.open(options.bootstrap())) {
            final Map<Source, String> topic = inputs(UUID.randomUUID().toString());
            cluster.createTopics(List.copyOf(topic.values()), options.partitions());
            cluster.produce(
                    topic,
                    options.records(),
                    options.features(),
                    options.models(),
                    options.format(),
                    options.workload());
            Warmup.Result warmed = Warmup.Result.NONE;
            if (options.warmup() > 0) {
                final BenchOptions warm = options.toBuilder()
                        .records(Math.min(options.warmup(), options.records()))
                        .build();
                warmed = Warmup.untilQuiet(() -> {
                    for (final Runner runner : Runner.order(0)) {
                        run(runner, cluster, topic, options.guarantees().get(0), warm);
                    }
                });
            }
            final List<Measurement> measurements = new ArrayList<>();
            for (int repetition = 0; repetition < options.repetitions(); repetition++) {
                for (final String guarantee : options.guarantees()) {
                    for (final Runner runner : Runner.order(repetition)) {
                        measurements.add(run(runner, cluster, topic, guarantee, options));
                    }
                }
            }
            return new Report(options, measurements, warmed);
        }
    }

    /** The input topics (one per {@link Source}), named with {@code suffix}. */
    static Map<Source, String> inputs(final String suffix) {
        final Map<Source, String> topics = new EnumMap<>(Source.class);
        for (final Source source : Source.values()) {
            topics.put(source, "bench-" + source.tag() + "-" + suffix);
        }
        return topics;
    }

    /** The input topics {@code workload} writes to. */
    private static Map<Source, String> used(
            final Map<Source, String> topics, final Workload workload, final long records) {
        final Map<Source, String> used = new EnumMap<>(Source.class);
        for (long i = 0; i < Math.min(records, Workload.COMMAND_EVERY); i++) {
            final Source source = workload.source(i);
            used.put(source, topics.get(source));
        }
        return used;
    }

    private static Measurement run(
            final Runner runner,
            final BenchCluster cluster,
            final Map<Source, String> topic,
            final String guarantee,
            final BenchOptions options)
            throws Exception {
        return switch (runner) {
            case RAW ->
                Runs.raw(
                        cluster.bootstrap(),
                        used(topic, options.workload(), options.records()),
                        options.format(),
                        guarantee,
                        options.records(),
                        Math.max(options.features(), 1),
                        options.timeout());
            case BASELINE -> baseline(cluster, topic, guarantee, options);
            case LEARNER ->
                LearnerRuns.learner(cluster, topic, guarantee, options).measurement();
        };
    }

    private static Measurement baseline(
            final BenchCluster cluster,
            final Map<Source, String> topic,
            final String guarantee,
            final BenchOptions options)
            throws Exception {
        final List<String> inputs =
                List.copyOf(used(topic, options.workload(), options.records()).values());
        return BaselineRuns.withKafkaDefaults(
                cluster, progress -> CountingBaseline.topology(inputs, progress), guarantee, options);
    }
}
