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
 * <p>Options as for {@link EndToEndBenchmark}: {@link BenchOptions#records()} is the
 * labels run's record count (two per example), the train-only run gets half as many; the warm-up
 * runs both on fewer records, in passes repeated until the JIT is quiet ({@link Warmup}). The raw consumer and the framework baseline are not run here.
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
     * @param options the options
     * @param pairs   the pairs, in the order run, and the guarantee of each
     * @param memory  the memory per remembered request
     * @param warmup  what the warm-up before the measured runs did
     */
    public record Result(
            BenchOptions options, List<Map.Entry<String, Pair>> pairs, Memory memory, Warmup.Result warmup) {

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
            out.append(String.format(
                    Locale.ROOT,
                    "%nRemembered requests: %d; store files %.0f bytes per request; heap %.0f bytes per request "
                            + "(over a train-only run of as many records)%n",
                    memory.requests(),
                    (double) memory.storeBytes() / memory.requests(),
                    (double) memory.heapBytes() / memory.requests()));
            return out.toString();
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
                });
            }
            final List<Map.Entry<String, Pair>> pairs = new ArrayList<>();
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
            return new Result(options, pairs, memory, warmed);
        }
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
