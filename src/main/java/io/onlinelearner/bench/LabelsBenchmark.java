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
 * output topic, as the learner writes a prediction per request and an outcome per label. Its
 * ratio is what Kafka Streams alone allows for the same records in and out, with no parsing,
 * learning or join: the learner's ratio is read against it.
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
     * Runs the benchmark; {@code options.workload()} is ignored (it is this one).
     *
     * @throws IllegalArgumentException with {@code learner.ordering=arrival} (or a negative
     *     {@code max.task.idle.ms}): a task may then handle a label before its request, which joins nothing
     */
    public static LabelsFigures.Result run(final BenchOptions options) throws Exception {
        final String ordering = options.streams().get(LearnerSettings.ORDERING.key());
        final String idle = options.streams().get(Ordering.STREAMS_PROPERTY);
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
            final List<Map.Entry<String, LabelsFigures.Pair>> pairs = new ArrayList<>();
            final List<Map.Entry<String, LabelsFigures.Pair>> baselines = new ArrayList<>();
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
                    final LabelsFigures.Pair pair =
                            trainFirst ? new LabelsFigures.Pair(first, second) : new LabelsFigures.Pair(second, first);
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
            final LabelsFigures.Memory memory = new LabelsFigures.Memory(
                    examples,
                    storeBytes(remembering.stateDir()),
                    remembering.measurement().heapBytes()
                            - trainHeap.get(guarantee).heapBytes());
            return new LabelsFigures.Result(options, pairs, baselines, memory, warmed);
        }
    }

    /**
     * The framework baseline on the training records and on the requests and labels (echoing each
     * to an output topic of its own), in the order the learner's pair ran.
     */
    private static LabelsFigures.Pair baselinePair(
            final BenchCluster cluster,
            final Map<Source, String> train,
            final Map<Source, String> labelled,
            final String guarantee,
            final BenchOptions trainOnly,
            final BenchOptions labels,
            final boolean trainFirst)
            throws Exception {
        final List<String> trainInputs = List.of(train.get(Source.TRAIN));
        final List<String> labelInputs = List.of(labelled.get(Source.PREDICT), labelled.get(Source.LABELS));
        if (trainFirst) {
            final Measurement first = BaselineRuns.counting(cluster, trainInputs, guarantee, trainOnly);
            return new LabelsFigures.Pair(first, BaselineRuns.echoing(cluster, labelInputs, guarantee, labels));
        }
        final Measurement first = BaselineRuns.echoing(cluster, labelInputs, guarantee, labels);
        return new LabelsFigures.Pair(BaselineRuns.counting(cluster, trainInputs, guarantee, trainOnly), first);
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
