package io.onlinelearner.bench;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The end-to-end benchmark's result: every measurement with the options it ran under, the
 * ratios the targets are stated in, and a Markdown table of both.
 *
 * @param options      what was run
 * @param measurements every measurement, grouped by guarantee
 */
public record Report(EndToEndBenchmark.Options options, List<Measurement> measurements) {

    /** The measurement of {@code runner} under {@code guarantee}, if it ran. */
    public Optional<Measurement> find(final String guarantee, final Runner runner) {
        return measurements.stream().filter(m -> m.guarantee().equals(guarantee) && m.runner() == runner).findFirst();
    }

    /** records/s of {@code numerator} over records/s of {@code denominator} under {@code guarantee}; NaN if either is missing. */
    public double ratio(final String guarantee, final Runner numerator, final Runner denominator) {
        final Optional<Measurement> top = find(guarantee, numerator);
        final Optional<Measurement> bottom = find(guarantee, denominator);
        return top.isPresent() && bottom.isPresent()
                ? top.get().recordsPerSecond() / bottom.get().recordsPerSecond() : Double.NaN;
    }

    /** The same ratio on the rates after the first record (start-up excluded). */
    public double steadyRatio(final String guarantee, final Runner numerator, final Runner denominator) {
        final Optional<Measurement> top = find(guarantee, numerator);
        final Optional<Measurement> bottom = find(guarantee, denominator);
        return top.isPresent() && bottom.isPresent()
                ? top.get().steadyRecordsPerSecond() / bottom.get().steadyRecordsPerSecond() : Double.NaN;
    }

    /** The measurements and ratios as Markdown tables. */
    public String toMarkdown() {
        final StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "N = %d records, d = %d, %d models, %d partition(s)%n%n",
                options.records(), options.features(), options.models(), options.partitions()));
        out.append("| guarantee | runner | records/s | start-up s | records/s after start-up | heap after GC MiB |\n");
        out.append("|---|---|---:|---:|---:|---:|\n");
        for (final Measurement m : measurements) {
            out.append(String.format(Locale.ROOT, "| %s | %s | %,.0f | %.2f | %,.0f | %.0f |%n", m.guarantee(),
                    m.runner().name().toLowerCase(Locale.ROOT), m.recordsPerSecond(), m.startupSeconds(),
                    m.steadyRecordsPerSecond(), m.heapBytes() / 1048576.0));
        }
        out.append("\n| guarantee | learner / baseline | learner / raw | after start-up: learner / baseline | learner / raw |\n");
        out.append("|---|---:|---:|---:|---:|\n");
        for (final String guarantee : options.guarantees()) {
            out.append(String.format(Locale.ROOT, "| %s | %.2f | %.2f | %.2f | %.2f |%n", guarantee,
                    ratio(guarantee, Runner.LEARNER, Runner.BASELINE), ratio(guarantee, Runner.LEARNER, Runner.RAW),
                    steadyRatio(guarantee, Runner.LEARNER, Runner.BASELINE),
                    steadyRatio(guarantee, Runner.LEARNER, Runner.RAW)));
        }
        return out.toString();
    }
}
