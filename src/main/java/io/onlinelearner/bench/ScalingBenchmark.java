package io.onlinelearner.bench;

import io.onlinelearner.config.LearnerConfig;
import io.onlinelearner.learner.Learner;
import io.onlinelearner.learner.ModelState;
import io.onlinelearner.model.Example;
import io.onlinelearner.model.Position;
import io.onlinelearner.serde.ModelStateSerde;
import io.onlinelearner.topology.Names;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.streams.StreamsConfig;

/**
 * How the learner scales with the number of models and their dimension: for each pair, the
 * learner's throughput, the heap it keeps after GC, and the store's bytes per model, both as the
 * serialized state and as RocksDB's files on disk after the run; and, on the same records, the
 * throughput of the trivial Streams app keeping per model a value as large as the learner's state
 * ({@link CountingBaseline#sized}), the framework's and RocksDB's own cost of that many models. The
 * trivial app runs just before and just after the learner, so that neither order favours it.
 */
public final class ScalingBenchmark {

    private ScalingBenchmark() {}

    /**
     * What to run.
     *
     * @param bootstrap     an existing cluster's bootstrap servers; null or blank for the embedded broker
     * @param models        the model counts
     * @param features      the dimensions
     * @param maxRecords    the most records per pair (at least one per model is always produced)
     * @param maxTopicBytes the most bytes of record values per pair, which bounds N for large d
     * @param maxStateBytes pairs whose total serialized state exceeds this are skipped (and reported so)
     * @param guarantee     the processing guarantee
     * @param timeout       the longest one pair may take
     * @param restore       whether to measure, after each pair, the restore of its store from the changelog
     * @param streams       Kafka Streams properties and {@code learner.*} settings for the learner
     * @param warmup        records of the first pair (the first d, the first model count) the learner
     *                      runs on in each warm-up pass before the grid, uncounted, passes repeated
     *                      until the JIT is quiet ({@link Warmup}); 0 for none
     */
    public record Options(
            String bootstrap,
            List<Integer> models,
            List<Integer> features,
            long maxRecords,
            long maxTopicBytes,
            long maxStateBytes,
            String guarantee,
            Duration timeout,
            boolean restore,
            Map<String, String> streams,
            long warmup) {

        /** The grid: models 1, 1000, 100000 by d 1, 10, 100, 1000; at most 200k records or 256 MiB a pair; pairs over 1 GiB of state skipped. */
        public static Options defaults() {
            return new Options(
                    null,
                    List.of(1, 1000, 100_000),
                    List.of(1, 10, 100, 1000),
                    200_000,
                    256L << 20,
                    1L << 30,
                    StreamsConfig.EXACTLY_ONCE_V2,
                    Duration.ofMinutes(10),
                    false,
                    Map.of(),
                    100_000);
        }
    }

    /** Runs every pair of the grid on one cluster, after the warm-up. */
    public static ScalingFigures.Grid run(final Options options) throws Exception {
        final List<ScalingFigures.Row> rows = new ArrayList<>();
        try (BenchCluster cluster = BenchCluster.open(options.bootstrap())) {
            final Warmup.Result warmed = warmUp(cluster, options);
            for (final int d : options.features()) {
                for (final int models : options.models()) {
                    rows.add(runPair(cluster, options, models, d));
                }
            }
            return new ScalingFigures.Grid(rows, warmed);
        }
    }

    /**
     * Runs the learner and the trivial app on the first pair's records until the JIT is quiet;
     * nothing when the warm-up is 0.
     */
    private static Warmup.Result warmUp(final BenchCluster cluster, final Options options) throws Exception {
        if (options.warmup() <= 0) {
            return Warmup.Result.NONE;
        }
        final int d = options.features().get(0);
        final int models = options.models().get(0);
        final long records = Math.max(models, Math.min(options.warmup(), options.maxRecords()));
        final String topic = "bench-scaling-warmup-" + UUID.randomUUID();
        cluster.createTopics(List.of(topic), 1);
        cluster.produce(topic, records, d, models);
        final BenchOptions run = learnerRun(options, records, d, models);
        final int serialized = serializedBytes(d);
        final Warmup.Result warmed = Warmup.untilQuiet(() -> {
            LearnerRuns.learner(cluster, topic, options.guarantee(), run);
            sizedBaseline(cluster, topic, serialized, options, run);
        });
        cluster.deleteTopics(List.of(topic));
        return warmed;
    }

    private static ScalingFigures.Row runPair(
            final BenchCluster cluster, final Options options, final int models, final int d) throws Exception {
        final int serialized = serializedBytes(d);
        if ((long) serialized * models > options.maxStateBytes()) {
            return new ScalingFigures.Row(
                    models,
                    d,
                    0,
                    Double.NaN,
                    Double.NaN,
                    Double.NaN,
                    0,
                    0,
                    serialized,
                    Double.NaN,
                    -1,
                    Double.NaN,
                    Double.NaN,
                    String.format(Locale.ROOT, "skipped: state %.1f GiB", (double) serialized * models / (1L << 30)));
        }
        final long perTopic = options.maxTopicBytes() / (21L * d + 30);
        final long records = Math.max(models, Math.min(options.maxRecords(), perTopic));
        final String topic = "bench-scaling-" + UUID.randomUUID();
        cluster.createTopics(List.of(topic), 1);
        cluster.produce(topic, records, d, models);
        final BenchOptions run = learnerRun(options, records, d, models);
        final Measurement before = sizedBaseline(cluster, topic, serialized, options, run);
        final long idle = HeapProbe.usedAfterGc();
        final LearnerRuns.LearnerRun learner = LearnerRuns.learner(cluster, topic, options.guarantee(), run);
        final double disk = (double) BenchCluster.sizeOnDisk(learner.stateDir()) / models;
        final double changelog = (double) cluster.topicBytes(changelog(learner)) / models;
        final Measurement after = sizedBaseline(cluster, topic, serialized, options, run);
        final double restore = options.restore()
                ? StoreRestore.afterLosingState(learner, 1, options.timeout()).seconds()
                : Double.NaN;
        cluster.deleteTopics(List.of(topic));
        final Measurement m = learner.measurement();
        return new ScalingFigures.Row(
                models,
                d,
                records,
                m.recordsPerSecond(),
                before.recordsPerSecond(),
                after.recordsPerSecond(),
                m.heapBytes(),
                idle,
                serialized,
                disk,
                m.residentBytes(),
                changelog,
                restore,
                "");
    }

    /** The trivial app on {@code topic}, keeping per model a value of the state's {@code serialized} size. */
    private static Measurement sizedBaseline(
            final BenchCluster cluster,
            final String topic,
            final int serialized,
            final Options options,
            final BenchOptions run)
            throws Exception {
        return BaselineRuns.withLearnerSettings(
                cluster,
                progress -> CountingBaseline.sized(List.of(topic), serialized, progress),
                options.guarantee(),
                run);
    }

    /** One learner run of {@code records} records of dimension {@code d} over {@code models} models, one partition. */
    private static BenchOptions learnerRun(final Options options, final long records, final int d, final int models) {
        return BenchOptions.builder()
                .bootstrap(options.bootstrap())
                .records(records)
                .features(d)
                .models(models)
                .partitions(1)
                .guarantees(List.of(options.guarantee()))
                .warmup(0)
                .timeout(options.timeout())
                .repetitions(1)
                .streams(options.streams())
                .build();
    }

    private static String changelog(final LearnerRuns.LearnerRun learner) {
        return learner.properties().getProperty(StreamsConfig.APPLICATION_ID_CONFIG) + "-" + Names.STORE + "-changelog";
    }

    /** The serialized size of one model's state of dimension {@code d} after one update. */
    static int serializedBytes(final int d) {
        final LearnerConfig defaults = LearnerConfig.defaults();
        final Learner learner = new Learner(defaults.model(), defaults.adam(), defaults.stopping());
        final double[] x = new double[d];
        Arrays.fill(x, 1.0);
        final ModelState state = learner.train(learner.initialState(d), new Example(x, 1.0), Position.train(0, 0L))
                .state();
        return new ModelStateSerde(defaults.adam().learningRate()).serialize("t", state).length;
    }
}
