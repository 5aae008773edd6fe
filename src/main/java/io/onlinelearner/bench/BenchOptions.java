package io.onlinelearner.bench;

import io.onlinelearner.config.LearnerSettings;
import io.onlinelearner.model.InputFormat;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@link EndToEndBenchmark} runs; the labels, hashed and scaling benchmarks build their runs
 * from it too. Made by {@link #builder()} from the defaults: the embedded broker, 1M JSON training
 * records, d = 10, 100 models, 1 partition, EOS v2 and ALOS, a warm-up of 200,000 records, 10
 * minutes per measurement, 3 repetitions.
 */
public final class BenchOptions {

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

    private BenchOptions(final Builder b) {
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
    public static BenchOptions defaults() {
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

    /** Builds {@link BenchOptions}; each setter names what it sets, and {@link #build()} checks them. */
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

        /** See {@link BenchOptions#bootstrap()}. */
        public Builder bootstrap(final String servers) {
            this.bootstrap = servers;
            return this;
        }

        /** See {@link BenchOptions#records()}. */
        public Builder records(final long n) {
            this.records = n;
            return this;
        }

        /** See {@link BenchOptions#features()}. */
        public Builder features(final int d) {
            this.features = d;
            return this;
        }

        /** See {@link BenchOptions#models()}. */
        public Builder models(final int count) {
            this.models = count;
            return this;
        }

        /** See {@link BenchOptions#partitions()}. */
        public Builder partitions(final int count) {
            this.partitions = count;
            return this;
        }

        /** See {@link BenchOptions#guarantees()}. */
        public Builder guarantees(final List<String> processingGuarantees) {
            this.guarantees = List.copyOf(processingGuarantees);
            return this;
        }

        /** See {@link BenchOptions#warmup()}. */
        public Builder warmup(final long n) {
            this.warmup = n;
            return this;
        }

        /** See {@link BenchOptions#timeout()}. */
        public Builder timeout(final Duration limit) {
            this.timeout = limit;
            return this;
        }

        /** See {@link BenchOptions#streams()}. */
        public Builder streams(final Map<String, String> properties) {
            this.streams = Map.copyOf(properties);
            return this;
        }

        /** See {@link BenchOptions#repetitions()}. */
        public Builder repetitions(final int n) {
            this.repetitions = n;
            return this;
        }

        /** See {@link BenchOptions#format()}. */
        public Builder format(final InputFormat inputFormat) {
            this.format = inputFormat;
            return this;
        }

        /** See {@link BenchOptions#workload()}. */
        public Builder workload(final Workload records) {
            this.workload = records;
            return this;
        }

        /**
         * The options.
         *
         * @throws IllegalArgumentException when the repetitions are below 1
         */
        public BenchOptions build() {
            return new BenchOptions(this);
        }
    }
}
