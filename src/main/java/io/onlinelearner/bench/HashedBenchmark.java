package io.onlinelearner.bench;

import io.onlinelearner.config.LearnerConfig;
import io.onlinelearner.config.LearnerSettings;
import io.onlinelearner.features.HashedInputParser;
import io.onlinelearner.learner.Learner;
import io.onlinelearner.learner.ModelState;
import io.onlinelearner.model.Example;
import io.onlinelearner.model.HashedFeatures;
import io.onlinelearner.model.InputParser;
import io.onlinelearner.model.Position;
import io.onlinelearner.serde.ModelStateSerde;
import io.onlinelearner.serde.NamesFormat;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.UUID;
import org.apache.kafka.streams.StreamsConfig;

/**
 * Named features against dense vectors of the same width, in one run on one broker: the learner
 * on {@code records} JSON training records of 30 named features ({@link HashedRecords}, hashed into
 * {@code 2^bits} buckets, {@code user:item} crossed) spread over {@code models} models, and on as
 * many dense records of d = 30, alternating which goes first; and the serialized state of one
 * hashed model as it grows, computed with the store's own serializer on the same kind of records.
 */
public final class HashedBenchmark {

    private HashedBenchmark() {}

    /**
     * What to run.
     *
     * @param bootstrap   an existing cluster, or null for the embedded broker
     * @param records     training records per run
     * @param models      model ids the records spread over
     * @param bits        {@code learner.features.hash-bits}
     * @param repetitions runs of each (dense and hashed alternate)
     * @param warmup      records each learner runs on in each warm-up pass before the measured runs,
     *                    uncounted (at most {@code records}; 0 for none); passes repeat until the JIT
     *                    is quiet, as in {@link BenchOptions#warmup()}
     * @param guarantee   the processing guarantee
     * @param timeout     the longest one run may take
     * @param streams     more Kafka Streams properties and learner settings for both learners, those
     *                    of {@code learner.features.*} (e.g. {@code keep-names=false}) for the hashed
     *                    one only; the hashed settings of the workload win
     */
    public record Options(
            String bootstrap,
            long records,
            int models,
            int bits,
            int repetitions,
            long warmup,
            String guarantee,
            Duration timeout,
            Map<String, String> streams) {

        /** Copies the map. */
        public Options {
            streams = Map.copyOf(streams);
        }

        /**
         * The workload: 10,000 models, 2^18 buckets, 200,000 records, exactly once, 2
         * repetitions after a warm-up of 100,000 records each.
         */
        public static Options defaults() {
            return new Options(
                    null,
                    200_000,
                    10_000,
                    18,
                    2,
                    100_000,
                    StreamsConfig.EXACTLY_ONCE_V2,
                    Duration.ofMinutes(10),
                    Map.of());
        }
    }

    /**
     * What was measured.
     *
     * @param options what ran
     * @param dense   the dense runs (d = 30), in order
     * @param hashed  the hashed runs, in order
     * @param growth  one hashed model as it grows: {records, touched indices, serialized state bytes,
     *                bytes of all its texts, mean bytes of texts written per record so far, and the
     *                same had every teaching record written all the texts as one value}
     * @param warmup  what the warm-up before the measured runs did
     */
    public record Result(
            Options options, List<Run> dense, List<Run> hashed, List<long[]> growth, Warmup.Result warmup) {}

    /**
     * One learner run and what its stores wrote to their changelogs: the bytes that its commits
     * carry to the broker, which bound the rate once a record writes a large state.
     *
     * @param measurement    the run
     * @param changelogBytes the bytes of the application's changelog topics on the broker after the run
     */
    public record Run(Measurement measurement, long changelogBytes) {

        /** Changelog bytes per record processed. */
        public double changelogBytesPerRecord() {
            return (double) changelogBytes / measurement.records();
        }

        /** Changelog megabytes (10^6 bytes) per second of the run, start-up included. */
        public double changelogMegabytesPerSecond() {
            return changelogBytes / measurement.seconds() / 1e6;
        }
    }

    /** The learner settings of the hashed runs. */
    static Map<String, String> hashedSettings(final int bits) {
        return Map.of(
                LearnerSettings.FEATURES_MODE.key(),
                "hashed",
                LearnerSettings.FEATURES_HASH_BITS.key(),
                String.valueOf(bits),
                LearnerSettings.FEATURES_INTERACTIONS.key(),
                HashedRecords.INTERACTIONS);
    }

    private static Map<String, String> withoutFeatureSettings(final Map<String, String> streams) {
        final Map<String, String> dense = new HashMap<>(streams);
        dense.keySet().removeIf(key -> key.startsWith("learner.features."));
        return dense;
    }

    /** Runs it. */
    public static Result run(final Options options) throws Exception {
        final List<Run> dense = new ArrayList<>();
        final List<Run> hashed = new ArrayList<>();
        Warmup.Result warmed = Warmup.Result.NONE;
        try (BenchCluster cluster = BenchCluster.open(options.bootstrap())) {
            final String denseTopic = "bench-dense-" + UUID.randomUUID();
            final String hashedTopic = "bench-hashed-" + UUID.randomUUID();
            cluster.createTopics(List.of(denseTopic, hashedTopic), 1);
            cluster.produce(denseTopic, options.records(), HashedRecords.FEATURES, options.models());
            cluster.produce(hashedTopic, options.records(), options.models(), HashedRecords::trainingValue);
            final BenchOptions base = BenchOptions.builder()
                    .records(options.records())
                    .features(HashedRecords.FEATURES)
                    .models(options.models())
                    .timeout(options.timeout())
                    .streams(withoutFeatureSettings(options.streams()))
                    .build();
            final Map<String, String> hashedRun = new HashMap<>(options.streams());
            hashedRun.putAll(hashedSettings(options.bits()));
            final BenchOptions withNames = base.toBuilder().streams(hashedRun).build();
            if (options.warmup() > 0) {
                final long warm = Math.min(options.warmup(), options.records());
                warmed = Warmup.untilQuiet(() -> {
                    LearnerRuns.learner(
                            cluster,
                            denseTopic,
                            options.guarantee(),
                            base.toBuilder().records(warm).build());
                    LearnerRuns.learner(
                            cluster,
                            hashedTopic,
                            options.guarantee(),
                            withNames.toBuilder().records(warm).build());
                });
            }
            for (int r = 0; r < options.repetitions(); r++) {
                final boolean denseFirst = r % 2 == 0;
                for (final boolean isDense : new boolean[] {denseFirst, !denseFirst}) {
                    final LearnerRuns.LearnerRun run = LearnerRuns.learner(
                            cluster,
                            isDense ? denseTopic : hashedTopic,
                            options.guarantee(),
                            isDense ? base : withNames);
                    final long changelog =
                            cluster.changelogBytes(run.properties().getProperty(StreamsConfig.APPLICATION_ID_CONFIG));
                    (isDense ? dense : hashed).add(new Run(run.measurement(), changelog));
                }
            }
        }
        return new Result(options, dense, hashed, growth(options.bits(), 10_000), warmed);
    }

    /**
     * One hashed model fed {@code records} benchmark records through the core: its touched indices,
     * serialized state bytes, the bytes of its texts (2 per index, as the stores of texts keep them)
     * the mean bytes of texts written per record so far (recent texts, or the base at a merge, as
     * {@code NamesStep} writes them) and the same had every record that teaches a text written all
     * the texts as one value (the layout before recent texts), after 1, 10, 100, … records.
     */
    static List<long[]> growth(final int bits, final int records) {
        final LearnerConfig config = coreConfig(bits);
        final Learner learner = new Learner(config.learnerSpec());
        final InputParser parser = HashedInputParser.of(config.hashing().orElseThrow(), config.inputMaxBytes());
        final ModelStateSerde serde = new ModelStateSerde(
                config.adam().learningRate(),
                config.adam().beta1(),
                config.adam().beta2());
        final Random random = new Random(7);
        final List<long[]> points = new ArrayList<>();
        final int perIndex = config.hashing().orElseThrow().namesPerIndex();
        ModelState state = null;
        NamesFormat.Texts texts = NamesFormat.Texts.NONE;
        long written = 0;
        long wholeWritten = 0;
        long next = 1;
        for (int i = 1; i <= records; i++) {
            final Example example = parser.parseExample(HashedRecords.trainingValue(random));
            state = learner.train(state, example, Position.train(0, i)).state();
            final NamesFormat.Texts after = texts.learn((HashedFeatures) example.features(), perIndex);
            if (after != texts) {
                written += after.recent() != null ? after.recent().length : after.base().length;
                wholeWritten += after.merged().length;
            }
            texts = after;
            if (i == next) {
                points.add(new long[] {
                    i,
                    state.live().weights().size(),
                    serde.serialize("", state).length,
                    texts.merged().length,
                    written / i,
                    wholeWritten / i
                });
                next *= 10;
            }
        }
        return points;
    }

    /** The configuration of a hashed model of the benchmark's records through the core alone. */
    static LearnerConfig coreConfig(final int bits) {
        final Properties properties = new Properties();
        hashedSettings(bits).forEach(properties::setProperty);
        properties.setProperty(LearnerSettings.MODEL_MAX_FEATURES.key(), String.valueOf(HashedRecords.FEATURES));
        return LearnerConfig.parse(properties);
    }

    /** The result as Markdown tables. */
    public static String toMarkdown(final Result result) {
        final StringBuilder out = new StringBuilder();
        final Options o = result.options();
        out.append(String.format(
                Locale.ROOT,
                "Named features (30 per record, 2^%d buckets, %s) against dense d = 30: %,d training records over"
                        + " %,d models (each %,d records old at the end of a run: a record costs the order of its"
                        + " model's state), %s, %d run(s) each after uncounted warm-up passes of %,d records each;"
                        + " %s%n%n",
                o.bits(),
                HashedRecords.INTERACTIONS,
                o.records(),
                o.models(),
                o.records() / o.models(),
                o.guarantee(),
                o.repetitions(),
                Math.min(o.warmup(), o.records()),
                result.warmup().describe()));
        out.append("| run | dense rec/s (steady) | hashed rec/s (steady) | hashed / dense"
                + " | CPU µs/record: dense | hashed | hashed / dense per CPU-second"
                + " | stream-thread CPU µs/record: dense | hashed | JIT share: dense | hashed"
                + " | changelog bytes/record: dense | hashed | changelog MB/s: dense | hashed |\n"
                + "|---|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (int i = 0; i < result.dense().size(); i++) {
            final Run dr = result.dense().get(i);
            final Run hr = result.hashed().get(i);
            final Measurement d = dr.measurement();
            final Measurement h = hr.measurement();
            out.append(String.format(
                    Locale.ROOT,
                    "| %d | %,.0f (%,.0f) | %,.0f (%,.0f) | %.2f (%.2f) | %.1f | %.1f | %.2f | %.1f | %.1f | %.0f%% | %.0f%%"
                            + " | %,.0f | %,.0f | %.1f | %.1f |%n",
                    i + 1,
                    d.recordsPerSecond(),
                    d.steadyRecordsPerSecond(),
                    h.recordsPerSecond(),
                    h.steadyRecordsPerSecond(),
                    h.recordsPerSecond() / d.recordsPerSecond(),
                    h.steadyRecordsPerSecond() / d.steadyRecordsPerSecond(),
                    d.cpuMicrosPerRecord(),
                    h.cpuMicrosPerRecord(),
                    d.cpuMicrosPerRecord() / h.cpuMicrosPerRecord(),
                    d.threadCpuMicrosPerRecord(),
                    h.threadCpuMicrosPerRecord(),
                    100 * d.jitShare(),
                    100 * h.jitShare(),
                    dr.changelogBytesPerRecord(),
                    hr.changelogBytesPerRecord(),
                    dr.changelogMegabytesPerSecond(),
                    hr.changelogMegabytesPerSecond()));
        }
        appendCpuByThread(out, result);
        out.append("\nOne hashed model as it grows (state format 8; its texts in their own stores):\n\n");
        out.append("| records | touched indices | state bytes | texts bytes | texts bytes written per record"
                + " | the same, all texts as one value |\n|---|---|---|---|---|---|\n");
        for (final long[] p : result.growth()) {
            out.append(String.format(
                    Locale.ROOT, "| %,d | %,d | %,d | %,d | %,d | %,d |%n", p[0], p[1], p[2], p[3], p[4], p[5]));
        }
        return out.toString();
    }

    /**
     * Where each run's process CPU went, by group of threads ({@link ThreadCpu}): the learner's own
     * work, and what its changelog bytes cost the broker, the producer's I/O and RocksDB.
     */
    private static void appendCpuByThread(final StringBuilder out, final Result result) {
        out.append("\nThe process's CPU µs a record by thread (Linux; n/a elsewhere):\n\n| run | learner")
                .append(ThreadCpu.headings())
                .append("|---|---")
                .append(ThreadCpu.alignments())
                .append("|\n");
        for (int i = 0; i < result.dense().size(); i++) {
            appendCpuRow(out, i + 1, "dense", result.dense().get(i));
            appendCpuRow(out, i + 1, "hashed", result.hashed().get(i));
        }
    }

    private static void appendCpuRow(final StringBuilder out, final int run, final String learner, final Run r) {
        out.append("| ").append(run).append(" | ").append(learner).append(ThreadCpu.cells(r.measurement()));
    }
}
