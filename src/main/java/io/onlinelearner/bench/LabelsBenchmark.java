package io.onlinelearner.bench;

import io.onlinelearner.config.LearnerSettings;
import io.onlinelearner.config.Ordering;
import io.onlinelearner.topology.Names;
import io.onlinelearner.topology.Source;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The {@link Workload#LABELS} benchmark: the learner on labels that come later (per example a
 * prediction request with an id and, later, its label) against the learner on training records
 * alone, one per example, produced and run in the same process on the same broker, alternating
 * which goes first; and the memory a remembered request costs, from a run of requests that are
 * never labelled: the store's files and the heap, per request.
 *
 * <p>Each repetition also runs the framework baseline ({@link CountingBaseline}, the trivial
 * Streams app, given the learner's Kafka Streams settings) on the same two sets of records:
 * counting the training records, and counting the requests and labels while writing each to an
 * output topic, as the learner writes a prediction per request and an outcome per label. Its ratio is what Kafka Streams alone allows for the same
 * records in and out, with no parsing, learning or join: the learner's ratio is read against it.
 *
 * <p>Options as for {@link EndToEndBenchmark}: {@link BenchOptions#records()} is the
 * labels run's record count (two per example), the train-only run gets half as many; the warm-up
 * runs both on fewer records, in passes repeated until the JIT is quiet ({@link Warmup}). The raw
 * consumer is not run here.
 */
public final class LabelsBenchmark {

    private static final String LABELS_ON = "true";

    private LabelsBenchmark() {}

    /**
     * One pair of measurements under one guarantee.
     *
     * @param trainOnly the learner on training records, one per example
     * @param labels    the learner on requests and their labels, two records per example
     */
    public record Pair(Measurement trainOnly, Measurement labels) {

        /** Examples per second, start-up included: train-only records; half the labels run's records. */
        public double trainExamplesPerSecond() {
            return trainOnly.recordsPerSecond();
        }

        /** Examples per second of the labels run (a request and its label are one example). */
        public double labelExamplesPerSecond() {
            return labels.recordsPerSecond() / 2;
        }

        /** The labels run's examples per second over the train-only run's: the target is at least 1/2.5. */
        public double ratio() {
            return labelExamplesPerSecond() / trainExamplesPerSecond();
        }

        /**
         * The same ratio on the rates after the first record (start-up excluded). A train-only run
         * of 200,000 records lasts about half a second after a start-up of 0.45–0.9 s, so its rate
         * with start-up included moves with the start-up.
         */
        public double steadyRatio() {
            return labels.steadyRecordsPerSecond() / 2 / trainOnly.steadyRecordsPerSecond();
        }

        /**
         * The same ratio on the learner's stream-thread CPU: train-only CPU per example over the
         * labels run's CPU per example (two records).
         */
        public double threadCpuRatio() {
            return trainOnly.threadCpuMicrosPerRecord() / (2 * labels.threadCpuMicrosPerRecord());
        }
    }

    /**
     * What a remembered request costs.
     *
     * @param requests   requests remembered at the end of the run (none labelled, none expired)
     * @param storeBytes the files of the {@code learner-labels} store after the run (RocksDB, flushed at close)
     * @param heapBytes  heap in use after a full GC at the end of the run, minus that of the train-only run of the same
     *                   guarantee (the same number of records, none remembered)
     */
    public record Memory(long requests, long storeBytes, long heapBytes) {}

    /**
     * The figures.
     *
     * @param options   the options
     * @param pairs     the learner's pairs, in the order run, and the guarantee of each
     * @param baselines the framework baseline's pairs on the same records, in the same order
     * @param memory    the memory per remembered request
     * @param warmup    what the warm-up before the measured runs did
     */
    public record Result(
            BenchOptions options,
            List<Map.Entry<String, Pair>> pairs,
            List<Map.Entry<String, Pair>> baselines,
            Memory memory,
            Warmup.Result warmup) {

        /** The report: every pair, then the memory. */
        public String toMarkdown() {
            final StringBuilder out = new StringBuilder(String.format(
                    Locale.ROOT,
                    "Labels workload: %d records (%d examples: a request with an id, its label %d requests later), "
                            + "d = %d, %d models, %d partition(s), %s; train-only: %d training records; %s.%n%n"
                            + "| guarantee | train-only examples/s | labels examples/s | ratio (target >= 0.40)"
                            + " | ratio after start-up | start-up s: train-only | labels"
                            + " | stream-thread CPU µs/example: train-only | labels | ratio per thread CPU-second"
                            + " | JIT share: train-only | labels |%n"
                            + "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|%n",
                    options.records(),
                    options.records() / 2,
                    Workload.LABEL_LAG,
                    options.features(),
                    options.models(),
                    options.partitions(),
                    options.format().configName(),
                    options.records() / 2,
                    warmup.describe()));
            for (final Map.Entry<String, Pair> e : pairs) {
                out.append(String.format(
                        Locale.ROOT,
                        "| %s | %,.0f | %,.0f | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f | %.0f%% | %.0f%% |%n",
                        e.getKey(),
                        e.getValue().trainExamplesPerSecond(),
                        e.getValue().labelExamplesPerSecond(),
                        e.getValue().ratio(),
                        e.getValue().steadyRatio(),
                        e.getValue().trainOnly().startupSeconds(),
                        e.getValue().labels().startupSeconds(),
                        e.getValue().trainOnly().threadCpuMicrosPerRecord(),
                        2 * e.getValue().labels().threadCpuMicrosPerRecord(),
                        e.getValue().threadCpuRatio(),
                        100 * e.getValue().trainOnly().jitShare(),
                        100 * e.getValue().labels().jitShare()));
            }
            appendBaselines(out);
            out.append(String.format(
                    Locale.ROOT,
                    "%nRemembered requests: %d; store files %.0f bytes per request; heap %.0f bytes per request "
                            + "(over a train-only run of as many records)%n",
                    memory.requests(),
                    (double) memory.storeBytes() / memory.requests(),
                    (double) memory.heapBytes() / memory.requests()));
            return out.toString();
        }

        private void appendBaselines(final StringBuilder out) {
            out.append(String.format(
                    Locale.ROOT,
                    "%nThe trivial Streams app on the same records (counting per key; on the requests and labels it"
                            + " also writes each record to an output topic):%n%n"
                            + "| guarantee | train-only records/s | labels examples/s | ratio | ratio after start-up"
                            + " | stream-thread CPU µs/example: train-only | labels | learner's ratio / this ratio |%n"
                            + "|---|---:|---:|---:|---:|---:|---:|---:|%n"));
            for (int i = 0; i < baselines.size(); i++) {
                final Pair baseline = baselines.get(i).getValue();
                out.append(String.format(
                        Locale.ROOT,
                        "| %s | %,.0f | %,.0f | %.2f | %.2f | %.2f | %.2f | %.2f |%n",
                        baselines.get(i).getKey(),
                        baseline.trainExamplesPerSecond(),
                        baseline.labelExamplesPerSecond(),
                        baseline.ratio(),
                        baseline.steadyRatio(),
                        baseline.trainOnly().threadCpuMicrosPerRecord(),
                        2 * baseline.labels().threadCpuMicrosPerRecord(),
                        pairs.get(i).getValue().ratio() / baseline.ratio()));
            }
        }
    }

    /**
     * Runs the benchmark; {@code options.workload()} is ignored (it is this one).
     *
     * @throws IllegalArgumentException with {@code learner.ordering=arrival} (or a negative
     *     {@code max.task.idle.ms}): a task may then handle a label before its request, which joins nothing
     */
    public static Result run(final BenchOptions options) throws Exception {
        final String ordering = options.streams().get(LearnerSettings.ORDERING.key());
        final String idle = options.streams().get("max.task.idle.ms");
        if (Ordering.ARRIVAL.configName().equals(ordering)
                || idle != null && idle.trim().startsWith("-")) {
            throw new IllegalArgumentException(
                    "the labels workload needs timestamp order (a label after its " + "request): not "
                            + LearnerSettings.ORDERING.key() + "=" + ordering + ", max.task.idle.ms=" + idle);
        }
        final long examples = options.records() / 2;
        try (BenchCluster cluster = BenchCluster.open(options.bootstrap())) {
            final Map<Source, String> train = topics(cluster, options);
            final Map<Source, String> labelled = topics(cluster, options);
            final Map<Source, String> unlabelled = topics(cluster, options);
            cluster.produce(train, examples, options.features(), options.models(), options.format(), Workload.TRAIN);
            cluster.produceLabelled(
                    labelled, 2 * examples, options.features(), options.models(), options.format(), true);
            cluster.produceLabelled(
                    unlabelled, examples, options.features(), options.models(), options.format(), false);
            final BenchOptions trainOnly = options.toBuilder()
                    .records(examples)
                    .workload(Workload.TRAIN)
                    .build();
            final BenchOptions labels = withLabels(options)
                    .records(2 * examples)
                    .workload(Workload.LABELS)
                    .build();
            Warmup.Result warmed = Warmup.Result.NONE;
            if (options.warmup() > 0) {
                final long warm = Math.min(options.warmup() / 2, examples);
                final String guarantee = options.guarantees().get(0);
                warmed = Warmup.untilQuiet(() -> {
                    LearnerRuns.learner(
                            cluster,
                            train,
                            guarantee,
                            trainOnly.toBuilder().records(warm).build());
                    LearnerRuns.learner(
                            cluster,
                            labelled,
                            guarantee,
                            labels.toBuilder().records(2 * warm).build());
                    baselinePair(
                            cluster,
                            train,
                            labelled,
                            guarantee,
                            trainOnly.toBuilder().records(warm).build(),
                            labels.toBuilder().records(2 * warm).build(),
                            true);
                });
            }
            final List<Map.Entry<String, Pair>> pairs = new ArrayList<>();
            final List<Map.Entry<String, Pair>> baselines = new ArrayList<>();
            final Map<String, Measurement> trainHeap = new HashMap<>();
            for (int repetition = 0; repetition < options.repetitions(); repetition++) {
                for (final String guarantee : options.guarantees()) {
                    final boolean trainFirst = repetition % 2 == 0;
                    final Measurement first = LearnerRuns.learner(
                                    cluster, trainFirst ? train : labelled, guarantee, trainFirst ? trainOnly : labels)
                            .measurement();
                    final Measurement second = LearnerRuns.learner(
                                    cluster, trainFirst ? labelled : train, guarantee, trainFirst ? labels : trainOnly)
                            .measurement();
                    final Pair pair = trainFirst ? new Pair(first, second) : new Pair(second, first);
                    pairs.add(Map.entry(guarantee, pair));
                    trainHeap.putIfAbsent(guarantee, pair.trainOnly());
                    baselines.add(Map.entry(
                            guarantee,
                            baselinePair(cluster, train, labelled, guarantee, trainOnly, labels, trainFirst)));
                }
            }
            final String guarantee = options.guarantees().get(0);
            final LearnerRuns.LearnerRun remembering = LearnerRuns.learner(
                    cluster,
                    unlabelled,
                    guarantee,
                    withLabels(options)
                            .records(examples)
                            .workload(Workload.PREDICT)
                            .build());
            final Memory memory = new Memory(
                    examples,
                    storeBytes(remembering.stateDir()),
                    remembering.measurement().heapBytes()
                            - trainHeap.get(guarantee).heapBytes());
            return new Result(options, pairs, baselines, memory, warmed);
        }
    }

    /**
     * The framework baseline on the training records and on the requests and labels (echoing each
     * to an output topic of its own), in the order the learner's pair ran.
     */
    private static Pair baselinePair(
            final BenchCluster cluster,
            final Map<Source, String> train,
            final Map<Source, String> labelled,
            final String guarantee,
            final BenchOptions trainOnly,
            final BenchOptions labels,
            final boolean trainFirst)
            throws Exception {
        final List<String> requestsAndLabels = List.of(labelled.get(Source.PREDICT), labelled.get(Source.LABELS));
        final Measurement first = trainFirst
                ? baseline(cluster, List.of(train.get(Source.TRAIN)), null, guarantee, trainOnly)
                : baseline(cluster, requestsAndLabels, echoTopic(cluster, labels), guarantee, labels);
        final Measurement second = trainFirst
                ? baseline(cluster, requestsAndLabels, echoTopic(cluster, labels), guarantee, labels)
                : baseline(cluster, List.of(train.get(Source.TRAIN)), null, guarantee, trainOnly);
        return trainFirst ? new Pair(first, second) : new Pair(second, first);
    }

    private static String echoTopic(final BenchCluster cluster, final BenchOptions options) throws Exception {
        final String sink = "bench-echo-" + UUID.randomUUID();
        cluster.createTopics(List.of(sink), options.partitions());
        return sink;
    }

    /** One run of the framework baseline on {@code inputs}, echoing to {@code sink} unless it is null. */
    private static Measurement baseline(
            final BenchCluster cluster,
            final List<String> inputs,
            final String sink,
            final String guarantee,
            final BenchOptions options)
            throws Exception {
        return BaselineRuns.withLearnerSettings(
                cluster,
                progress -> sink == null
                        ? CountingBaseline.topology(inputs, progress)
                        : CountingBaseline.echoing(inputs, sink, progress),
                guarantee,
                options);
    }

    /** Every input topic, created with the options' partitions. */
    private static Map<Source, String> topics(final BenchCluster cluster, final BenchOptions options) throws Exception {
        final Map<Source, String> topics =
                EndToEndBenchmark.inputs(UUID.randomUUID().toString());
        cluster.createTopics(List.copyOf(topics.values()), options.partitions());
        return topics;
    }

    /** The options with {@code learner.labels.enabled=true} for the learner. */
    private static BenchOptions.Builder withLabels(final BenchOptions options) {
        final Map<String, String> streams = new HashMap<>(options.streams());
        streams.put(LearnerSettings.LABELS_ENABLED.key(), LABELS_ON);
        return options.toBuilder().streams(streams);
    }

    /** The bytes of the files of every {@code learner-labels} store under {@code stateDir}. */
    static long storeBytes(final Path stateDir) {
        try (Stream<Path> files = Files.walk(stateDir)) {
            return files.filter(p -> p.toString().contains("/" + Names.LABELS_STORE + "/"))
                    .filter(Files::isRegularFile)
                    .mapToLong(p -> {
                        try {
                            return Files.size(p);
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    })
                    .sum();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
