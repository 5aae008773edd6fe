package io.onlinelearner.cli;

import ch.qos.logback.classic.Level;
import io.onlinelearner.bench.BenchOptions;
import io.onlinelearner.bench.EndToEndBenchmark;
import io.onlinelearner.bench.HashedBenchmark;
import io.onlinelearner.bench.LabelsBenchmark;
import io.onlinelearner.bench.ScalingBenchmark;
import io.onlinelearner.bench.ScalingFigures;
import io.onlinelearner.bench.Workload;
import io.onlinelearner.model.InputFormat;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code bench}: the end-to-end benchmark (a plain consumer, a trivial Kafka Streams app and the
 * learner on the same records, under exactly-once and at-least-once), with {@code --scaling}
 * the grid of model counts by dimensions, or with {@code --hashed} named features against dense
 * vectors of the same width. Prints Markdown tables with records/s, memory and ratios:
 * for the end-to-end benchmark every one of {@code --repeat} runs per runner and guarantee, the
 * medians, and the ratios of the medians.
 */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        description = {
            "Measure throughput and memory against baselines measured in the same run.",
            "Without --bootstrap an embedded broker is started in a temporary folder."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the tables were printed", "1:a run failed or timed out", "2:bad option"})
final class BenchCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(
            names = "--records",
            paramLabel = "N",
            defaultValue = "1000000",
            description =
                    "Records to produce and process (default: ${DEFAULT-VALUE}; with --scaling: at most this many per pair, "
                            + "or exactly this many when given).")
    private long records;

    @Option(
            names = "--features",
            paramLabel = "D",
            split = ",",
            defaultValue = "10",
            description = "The dimension (default: ${DEFAULT-VALUE}; with --scaling: a list, default 1,10,100,1000).")
    private List<Integer> features;

    @Option(
            names = "--models",
            paramLabel = "M",
            split = ",",
            defaultValue = "100",
            description = "Model ids the records spread over (default: ${DEFAULT-VALUE}; with --scaling: a list, "
                    + "default 1,1000,100000).")
    private List<Integer> models;

    @Option(names = "--scaling", description = "Run the scaling grid instead of the end-to-end comparison.")
    private boolean scaling;

    @Option(
            names = "--hashed",
            description = "Run named features (30 per record, 2^18 buckets, user:item) against dense d = 30 instead "
                    + "of the end-to-end comparison: --records (default 200000), --models (default 10000), --repeat.")
    private boolean hashed;

    @Option(
            names = "--restore",
            description = "With --scaling: after each pair, empty the learner's state folder and measure the restore "
                    + "of its store from the changelog.")
    private boolean restore;

    @Option(
            names = "--repeat",
            paramLabel = "R",
            defaultValue = "" + BenchOptions.DEFAULT_REPETITIONS,
            description = "Runs of every runner under every guarantee, in an order rotated between repetitions; "
                    + "every run and the medians are printed (default: ${DEFAULT-VALUE}; not with --scaling).")
    private int repeat;

    @Option(
            names = "--format",
            paramLabel = "FORMAT",
            defaultValue = "json",
            description = "json or avro: the encoding of the records and the learner's learner.input.format "
                    + "(default: ${DEFAULT-VALUE}; not with --scaling).")
    private String format;

    @Option(
            names = "--workload",
            paramLabel = "W",
            defaultValue = "train",
            description = "train (training records only), predict (prediction requests only), mixed (80%% train, "
                    + "10%% validation, 10%% predict, a set-lr command every 100000) or labels (per example a "
                    + "prediction request with an id and its label; the learner alone, against train-only records "
                    + "in the same run, and the memory per remembered request) (default: ${DEFAULT-VALUE}; "
                    + "not with --scaling).")
    private String workload;

    @Option(
            names = "--guarantees",
            paramLabel = "G",
            split = ",",
            defaultValue = "exactly_once_v2,at_least_once",
            description = "The processing guarantees to measure under (default: ${DEFAULT-VALUE}; not with --scaling).")
    private List<String> guarantees;

    @Option(names = "--bootstrap", paramLabel = "HOST:PORT", description = "An existing cluster to use.")
    private String bootstrap;

    @Option(
            names = {"-s", "--streams"},
            paramLabel = "KEY=VALUE",
            description = "A Kafka Streams property for the baseline and the learner, e.g. -s max.task.idle.ms=-1, "
                    + "or a learner.* setting for the learner, e.g. -s learner.ordering=arrival.")
    private Map<String, String> streams = Map.of();

    /**
     * Kafka Streams' warning that a state folder under the OS temp folder may be cleared: the
     * benchmark's stores are throwaway copies it deletes itself, so nothing is to be done about it.
     */
    private static final String TEMP_STATE_DIR_NOTICE =
            "org.apache.kafka.streams.processor.internals.StateDirectory | Using an OS temp directory";

    @Override
    public Integer call() throws Exception {
        if (records < 1
                || features.stream().anyMatch(d -> d < 1)
                || models.stream().anyMatch(m -> m < 1)) {
            throw new ParameterException(spec.commandLine(), "--records, --features and --models must be >= 1");
        }
        if (repeat < 1) {
            throw new ParameterException(spec.commandLine(), "--repeat must be >= 1");
        }
        try (AutoCloseable throwawayState = LogLevels.drop(Level.WARN, List.of(TEMP_STATE_DIR_NOTICE))) {
            spec.commandLine().getOut().println(scaling ? scalingTables() : hashed ? hashedTables() : endToEndTables());
        }
        return Main.OK;
    }

    private String endToEndTables() throws Exception {
        final BenchOptions options = BenchOptions.builder()
                .bootstrap(bootstrap)
                .records(records)
                .features(features.get(0))
                .models(models.get(0))
                .streams(streams)
                .repetitions(repeat)
                .guarantees(guarantees)
                .format(choice(InputFormat.values(), InputFormat::configName, format, "--format"))
                .workload(choice(Workload.values(), Workload::configName, workload, "--workload"))
                .build();
        return options.workload() == Workload.LABELS
                ? LabelsBenchmark.run(options).toMarkdown()
                : EndToEndBenchmark.run(options).toMarkdown();
    }

    private <E> E choice(final E[] values, final Function<E, String> name, final String given, final String option) {
        for (final E value : values) {
            if (name.apply(value).equals(given)) {
                return value;
            }
        }
        throw new ParameterException(
                spec.commandLine(),
                option + " must be one of " + Arrays.stream(values).map(name).toList() + ", not '" + given + "'");
    }

    private String hashedTables() throws Exception {
        final HashedBenchmark.Options d = HashedBenchmark.Options.defaults();
        final boolean given = spec.commandLine().getParseResult().matchedOption("--records") != null;
        final boolean givenModels = spec.commandLine().getParseResult().matchedOption("--models") != null;
        final boolean givenRepeat = spec.commandLine().getParseResult().matchedOption("--repeat") != null;
        return HashedBenchmark.toMarkdown(HashedBenchmark.run(new HashedBenchmark.Options(
                bootstrap,
                given ? records : d.records(),
                givenModels ? models.get(0) : d.models(),
                d.bits(),
                givenRepeat ? repeat : d.repetitions(),
                d.warmup(),
                d.guarantee(),
                d.timeout(),
                streams)));
    }

    private String scalingTables() throws Exception {
        final ScalingBenchmark.Options d = ScalingBenchmark.Options.defaults();
        final boolean defaultGrid = spec.commandLine().getParseResult().matchedOption("--models") == null;
        final boolean defaultDims = spec.commandLine().getParseResult().matchedOption("--features") == null;
        final boolean defaultRecords = spec.commandLine().getParseResult().matchedOption("--records") == null;
        return ScalingFigures.toMarkdown(ScalingBenchmark.run(new ScalingBenchmark.Options(
                bootstrap,
                defaultGrid ? d.models() : models,
                defaultDims ? d.features() : features,
                defaultRecords ? d.maxRecords() : records,
                defaultRecords ? d.maxTopicBytes() : Long.MAX_VALUE,
                d.maxStateBytes(),
                d.guarantee(),
                d.timeout(),
                restore,
                streams,
                d.warmup())));
    }
}
