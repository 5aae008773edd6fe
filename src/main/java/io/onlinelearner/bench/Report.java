package io.onlinelearner.bench;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;

/**
 * The end-to-end benchmark's result: every run with the options it ran under, the median of each
 * figure per guarantee and runner, the ratios the targets are stated in (taken from the medians),
 * and Markdown tables of all three. One run varies with what else the machine does; the median of
 * several, with the runners' order rotated between repetitions, is the figure to quote.
 *
 * @param options      what was run
 * @param measurements every run, in the order run
 * @param warmup       what the warm-up before the measured runs did
 */
public record Report(BenchOptions options, List<Measurement> measurements, Warmup.Result warmup) {

    /** A report of runs without a warm-up. */
    public Report(final BenchOptions options, final List<Measurement> measurements) {
        this(options, measurements, Warmup.Result.NONE);
    }

    /**
     * The medians of one runner's runs under one guarantee, each figure taken separately.
     *
     * @param guarantee             the processing guarantee
     * @param runner                the runner
     * @param runs                  how many runs the medians are of
     * @param recordsPerSecond      records/s, start-up included
     * @param startupSeconds        start-up time
     * @param steadyRecordsPerSecond records/s after the first record
     * @param heapBytes             heap after GC
     * @param cpuMicrosPerRecord    the process's CPU microseconds per record (NaN when unknown)
     * @param threadCpuMicrosPerRecord the runner's processing threads' CPU microseconds per record
     */
    public record Median(
            String guarantee,
            Runner runner,
            int runs,
            double recordsPerSecond,
            double startupSeconds,
            double steadyRecordsPerSecond,
            double heapBytes,
            double cpuMicrosPerRecord,
            double threadCpuMicrosPerRecord) {}

    /** The runs of {@code runner} under {@code guarantee}, in the order run. */
    public List<Measurement> runs(final String guarantee, final Runner runner) {
        return measurements.stream()
                .filter(m -> m.guarantee().equals(guarantee) && m.runner() == runner)
                .toList();
    }

    /** The medians of {@code runner} under {@code guarantee}, if it ran. */
    public Optional<Median> median(final String guarantee, final Runner runner) {
        final List<Measurement> runs = runs(guarantee, runner);
        if (runs.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Median(
                guarantee,
                runner,
                runs.size(),
                median(runs, Measurement::recordsPerSecond),
                median(runs, Measurement::startupSeconds),
                median(runs, Measurement::steadyRecordsPerSecond),
                median(runs, m -> m.heapBytes()),
                median(runs, Measurement::cpuMicrosPerRecord),
                median(runs, Measurement::threadCpuMicrosPerRecord)));
    }

    /**
     * Median records/s of {@code numerator} over median records/s of {@code denominator} under
     * {@code guarantee}; NaN if either did not run.
     */
    public double ratio(final String guarantee, final Runner numerator, final Runner denominator) {
        return ratio(guarantee, numerator, denominator, Median::recordsPerSecond);
    }

    /** The same ratio on the median rates after the first record (start-up excluded). */
    public double steadyRatio(final String guarantee, final Runner numerator, final Runner denominator) {
        return ratio(guarantee, numerator, denominator, Median::steadyRecordsPerSecond);
    }

    /**
     * The median CPU per record of {@code denominator} over that of {@code numerator}: the ratio of
     * their records per CPU-second, comparable with {@link #ratio} (above 1 when {@code numerator}
     * costs less); NaN if either did not run or the CPU time is unknown.
     */
    public double cpuRatio(final String guarantee, final Runner numerator, final Runner denominator) {
        return 1 / ratio(guarantee, numerator, denominator, Median::cpuMicrosPerRecord);
    }

    /** The same ratio on the CPU time of the runners' own processing threads. */
    public double threadCpuRatio(final String guarantee, final Runner numerator, final Runner denominator) {
        return 1 / ratio(guarantee, numerator, denominator, Median::threadCpuMicrosPerRecord);
    }

    private double ratio(
            final String guarantee,
            final Runner numerator,
            final Runner denominator,
            final ToDoubleFunction<Median> figure) {
        final Optional<Median> top = median(guarantee, numerator);
        final Optional<Median> bottom = median(guarantee, denominator);
        return top.isPresent() && bottom.isPresent()
                ? figure.applyAsDouble(top.get()) / figure.applyAsDouble(bottom.get())
                : Double.NaN;
    }

    /** The median of {@code values}: the middle one, or the mean of the two middle ones; NaN if none. */
    static double median(final List<Double> values) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        final List<Double> sorted = new ArrayList<>(values);
        sorted.sort(Double::compare);
        final int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static double median(final List<Measurement> runs, final ToDoubleFunction<Measurement> figure) {
        return median(runs.stream().map(figure::applyAsDouble).toList());
    }

    /** Every run, then the medians, then the ratios of the medians, as Markdown tables. */
    public String toMarkdown() {
        final StringBuilder out = new StringBuilder();
        out.append(String.format(
                Locale.ROOT,
                "N = %d records (%s, %s), d = %d, %d models, %d partition(s),"
                        + " %d repetition(s) with the runners' order rotated; extra properties: %s%n%n",
                options.records(),
                options.workload().configName(),
                options.format().configName(),
                options.features(),
                options.models(),
                options.partitions(),
                options.repetitions(),
                new TreeMap<>(options.streams())));
        out.append(warmup.describe()).append(".\n\n");
        out.append("Every run, in the order run:\n\n");
        out.append(
                "| run | guarantee | runner | records/s | start-up s | records/s after start-up | heap after GC MiB | CPU µs/record | thread CPU µs/record | JIT share |\n");
        out.append("|---:|---|---|---:|---:|---:|---:|---:|---:|---:|\n");
        final Map<String, Integer> repetition = new HashMap<>();
        for (final Measurement m : measurements) {
            final int run = repetition.merge(m.guarantee() + "/" + m.runner(), 1, Integer::sum);
            out.append(String.format(
                    Locale.ROOT,
                    "| %d | %s | %s | %,.0f | %.2f | %,.0f | %.0f | %.2f | %.2f | %.0f%% |%n",
                    run,
                    m.guarantee(),
                    name(m.runner()),
                    m.recordsPerSecond(),
                    m.startupSeconds(),
                    m.steadyRecordsPerSecond(),
                    m.heapBytes() / 1048576.0,
                    m.cpuMicrosPerRecord(),
                    m.threadCpuMicrosPerRecord(),
                    100 * m.jitShare()));
        }
        out.append("\nThe process's CPU µs a record by thread, every run in the order run (Linux; n/a elsewhere):\n\n")
                .append("| run | guarantee | runner")
                .append(ThreadCpu.headings())
                .append("|---:|---|---")
                .append(ThreadCpu.alignments())
                .append("|\n");
        repetition.clear();
        for (final Measurement m : measurements) {
            final int run = repetition.merge(m.guarantee() + "/" + m.runner(), 1, Integer::sum);
            out.append(String.format(Locale.ROOT, "| %d | %s | %s", run, m.guarantee(), name(m.runner())))
                    .append(ThreadCpu.cells(m));
        }
        out.append("\nMedians:\n\n");
        out.append(
                "| guarantee | runner | runs | records/s | start-up s | records/s after start-up | heap after GC MiB | CPU µs/record | thread CPU µs/record |\n");
        out.append("|---|---|---:|---:|---:|---:|---:|---:|---:|\n");
        for (final String guarantee : options.guarantees()) {
            for (final Runner runner : Runner.values()) {
                median(guarantee, runner)
                        .ifPresent(m -> out.append(String.format(
                                Locale.ROOT,
                                "| %s | %s | %d | %,.0f | %.2f | %,.0f | %.0f | %.2f | %.2f |%n",
                                guarantee,
                                name(runner),
                                m.runs(),
                                m.recordsPerSecond(),
                                m.startupSeconds(),
                                m.steadyRecordsPerSecond(),
                                m.heapBytes() / 1048576.0,
                                m.cpuMicrosPerRecord(),
                                m.threadCpuMicrosPerRecord())));
            }
        }
        out.append("\nRatios of the medians:\n\n");
        out.append(
                "| guarantee | learner / baseline | learner / raw | after start-up: learner / baseline | learner / raw"
                        + " | per CPU-second: learner / baseline | learner / raw"
                        + " | per thread CPU-second: learner / baseline |\n");
        out.append("|---|---:|---:|---:|---:|---:|---:|---:|\n");
        for (final String guarantee : options.guarantees()) {
            out.append(String.format(
                    Locale.ROOT,
                    "| %s | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f |%n",
                    guarantee,
                    ratio(guarantee, Runner.LEARNER, Runner.BASELINE),
                    ratio(guarantee, Runner.LEARNER, Runner.RAW),
                    steadyRatio(guarantee, Runner.LEARNER, Runner.BASELINE),
                    steadyRatio(guarantee, Runner.LEARNER, Runner.RAW),
                    cpuRatio(guarantee, Runner.LEARNER, Runner.BASELINE),
                    cpuRatio(guarantee, Runner.LEARNER, Runner.RAW),
                    threadCpuRatio(guarantee, Runner.LEARNER, Runner.BASELINE)));
        }
        return out.toString();
    }

    private static String name(final Runner runner) {
        return runner.name().toLowerCase(Locale.ROOT);
    }
}
