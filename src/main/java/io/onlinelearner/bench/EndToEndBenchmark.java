package io.onlinelearner.bench;

import io.onlinelearner.config.LearnerSettings;
import io.onlinelearner.metrics.LearnerObservations;
import io.onlinelearner.model.InputFormat;
import io.onlinelearner.topology.Source;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

/**
 * The end-to-end benchmark: produces N records once (training records, prediction requests or a
 * mix, in JSON or Avro: {@link Options#workload()}, {@link Options#format()}), then processes them, under each
 * processing guarantee, with a plain KafkaConsumer that parses them (the raw limit), with a
 * trivial stateful Kafka Streams app (the framework baseline) and with the learner; each timed
 * from its start until its last record, in the same JVM, on the same broker, in one run. The
 * learner reports to the application's {@link LearnerObservations}, as it does when it runs for real.
 *
 * <p>Entry point: {@link #run(Options)}. The embedded broker lives in a temporary folder and is
 * deleted at the end; with {@link Options#bootstrap()} set it uses that cluster instead.
 */
public final class EndToEndBenchmark {

    private EndToEndBenchmark() {}

    /**
     * What to run, built by {@link #builder()} from the defaults: the embedded broker, 1M JSON training
     * records, d = 10, 100 models, 1 partition, EOS v2 and ALOS, a warm-up of 200,000 records, 10
     * minutes per measurement, 3 repetitions.
     */
    public static final class Options {

        /** Runs per runner and guarantee unless told otherwise. */
        public static final int DEFAULT_REPETITIONS = 3;

        private final String bootstrap;
        private final long records;
        private final int features;
        private final int models;
        private final int partitions;
        private final List<String> guarantees;
        private final long warmup;
        private final Duration timeout;
        private final Map<String, String> streams;
        private final int repetitions;
        private final InputFormat format;
        private final Workload workload;

        private Options(final Builder b) {
            if (b.repetitions < 1) {
                throw new IllegalArgumentException("repetitions must be >= 1, not " + b.repetitions);
            }
            this.bootstrap = b.bootstrap;
            this.records = b.records;
            this.features = b.features;
            this.models = b.models;
            this.partitions = b.partitions;
            this.guarantees = List.copyOf(b.guarantees);
            this.warmup = b.warmup;
            this.timeout = b.timeout;
            this.streams = Map.copyOf(b.streams);
            this.repetitions = b.repetitions;
            this.format = b.format;
            this.workload = b.workload;
        }

        /** A builder holding the defaults. */
        public static Builder builder() {
            return new Builder();
        }

        /** The defaults, unchanged. */
        public static Options defaults() {
            return builder().build();
        }

        /** A builder holding these options, to change a few of them. */
        public Builder toBuilder() {
            return builder()
                    .bootstrap(bootstrap)
                    .records(records)
                    .features(features)
                    .models(models)
                    .partitions(partitions)
                    .guarantees(guarantees)
                    .warmup(warmup)
                    .timeout(timeout)
                    .streams(streams)
                    .repetitions(repetitions)
                    .format(format)
                    .workload(workload);
        }

        /** An existing cluster's bootstrap servers; null or blank for the embedded broker. */
        public String bootstrap() {
            return bootstrap;
        }

        /** N, the records produced once and processed by every runner. */
        public long records() {
            return records;
        }

        /** d, the features per record. */
        public int features() {
            return features;
        }

        /** The distinct model ids (keys), round-robin. */
        public int models() {
            return models;
        }

        /** Partitions of the benchmark's topics. */
        public int partitions() {
            return partitions;
        }

        /** The processing guarantees to measure under. */
        public List<String> guarantees() {
            return guarantees;
        }

        /**
         * Records each runner processes in each warm-up pass, untimed, before the first measurement;
         * passes repeat until the JIT is quiet ({@link Warmup}), so that no measured run shares its
         * cores with the compiler; 0 for none.
         */
        public long warmup() {
            return warmup;
        }

        /** The longest a single measurement may take. */
        public Duration timeout() {
            return timeout;
        }

        /**
         * Extra Kafka Streams properties for both the baseline and the learner; {@code learner.*} keys
         * (e.g. {@code learner.input.repartition=true}) configure the learner alone.
         */
        public Map<String, String> streams() {
            return streams;
        }

        /**
         * How many times every runner runs under every guarantee, in {@linkplain Runner#order rotated
         * order}; the report gives every run and the medians.
         */
        public int repetitions() {
            return repetitions;
        }

        /** The encoding of the train, validation and predict values ({@code learner.input.format}). */
        public InputFormat format() {
            return format;
        }

        /** Which inputs the records go to. */
        public Workload workload() {
            return workload;
        }

        /** The Kafka Streams properties: {@link #streams()} without the {@code learner.*} keys. */
        Map<String, String> streamsOnly() {
            final Map<String, String> only = new HashMap<>(streams);
            only.keySet().removeIf(key -> key.startsWith(LearnerSettings.PREFIX));
            return only;
        }

        /** Builds {@link Options}; each setter names what it sets, and {@link #build()} checks them. */
        public static final class Builder {
            private String bootstrap;
            private long records = 1_000_000;
            private int features = 10;
            private int models = 100;
            private int partitions = 1;
            private List<String> guarantees = List.of("exactly_once_v2", "at_least_once");
            private long warmup = 200_000;
            private Duration timeout = Duration.ofMinutes(10);
            private Map<String, String> streams = Map.of();
            private int repetitions = DEFAULT_REPETITIONS;
            private InputFormat format = InputFormat.JSON;
            private Workload workload = Workload.TRAIN;

            private Builder() {}

            /** See {@link Options#bootstrap()}. */
            public Builder bootstrap(final String servers) {
                this.bootstrap = servers;
                return this;
            }

            /** See {@link Options#records()}. */
            public Builder records(final long n) {
                this.records = n;
                return this;
            }

            /** See {@link Options#features()}. */
            public Builder features(final int d) {
                this.features = d;
                return this;
            }

            /** See {@link Options#models()}. */
            public Builder models(final int count) {
                this.models = count;
                return this;
            }

            /** See {@link Options#partitions()}. */
            public Builder partitions(final int count) {
                this.partitions = count;
                return this;
            }

            /** See {@link Options#guarantees()}. */
            public Builder guarantees(final List<String> processingGuarantees) {
                this.guarantees = List.copyOf(processingGuarantees);
                return this;
            }

            /** See {@link Options#warmup()}. */
            public Builder warmup(final long n) {
                this.warmup = n;
                return this;
            }

            /** See {@link Options#timeout()}. */
            public Builder timeout(final Duration limit) {
                this.timeout = limit;
                return this;
            }

            /** See {@link Options#streams()}. */
            public Builder streams(final Map<String, String> properties) {
                this.streams = Map.copyOf(properties);
                return this;
            }

            /** See {@link Options#repetitions()}. */
            public Builder repetitions(final int n) {
                this.repetitions = n;
                return this;
            }

            /** See {@link Options#format()}. */
            public Builder format(final InputFormat inputFormat) {
                this.format = inputFormat;
                return this;
            }

            /** See {@link Options#workload()}. */
            public Builder workload(final Workload records) {
                this.workload = records;
                return this;
            }

            /**
             * The options.
             *
             * @throws IllegalArgumentException when the repetitions are below 1
             */
            public Options build() {
                return new Options(this);
            }
        }
    }

    /**
     * Runs the benchmark.
     *
     * @return every measurement, in the order run: for each repetition, for each guarantee, the
     *         runners in {@link Runner#order} of that repetition
     */
    public static Report run(final Options options) throws Exception {
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
                final Options warm = options.toBuilder()
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
            final Options options)
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

    static Measurement baseline(
            final BenchCluster cluster, final Map<Source, String> topic, final String guarantee, final Options options)
            throws Exception {
        final Properties properties = LearnerRuns.streamsProperties(cluster, guarantee, "bench-baseline");
        properties.putAll(options.streamsOnly());
        final List<String> inputs =
                List.copyOf(used(topic, options.workload(), options.records()).values());
        return Runs.streams(
                Runner.BASELINE,
                progress -> CountingBaseline.topology(inputs, progress),
                properties,
                guarantee,
                options.records(),
                options.timeout());
    }
}
