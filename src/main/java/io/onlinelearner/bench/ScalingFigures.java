package io.onlinelearner.bench;

import java.util.List;
import java.util.Locale;

/**
 * The figures of the {@link ScalingBenchmark}: one row per pair of model count and dimension, the
 * grid of them, and its report.
 */
public final class ScalingFigures {

    private ScalingFigures() {}

    /**
     * One pair's figures.
     *
     * @param models            the model count
     * @param features          d
     * @param records           N processed
     * @param recordsPerSecond  the learner's rate, start-up included
     * @param baselineBefore    the trivial app's rate on the same records, with a value of the
     *                          state's serialized size per model, run just before the learner; NaN
     *                          when the pair was skipped
     * @param baselineAfter     the same, run just after the learner (before any restore)
     * @param heapBytes         heap in use after GC with the learner running (broker included)
     * @param idleHeapBytes     heap in use after GC just before the learner started
     * @param serializedBytes   one model's serialized state
     * @param diskBytesPerModel the store's RocksDB files after the run, divided by the model count
     * @param residentBytes     the process's resident memory (RSS) with the learner running, or -1
     * @param changelogBytesPerModel the store's changelog topic on the broker after the run (not yet
     *                          compacted), divided by the model count
     * @param restoreSeconds    the restore of the store after its state folder was emptied; NaN when not measured
     * @param note              empty, or why the pair was skipped
     */
    public record Row(
            int models,
            int features,
            long records,
            double recordsPerSecond,
            double baselineBefore,
            double baselineAfter,
            long heapBytes,
            long idleHeapBytes,
            int serializedBytes,
            double diskBytesPerModel,
            long residentBytes,
            double changelogBytesPerModel,
            double restoreSeconds,
            String note) {

        /** The mean of the trivial app's two rates. */
        public double baselineMean() {
            return (baselineBefore + baselineAfter) / 2;
        }
    }

    /**
     * The grid's figures.
     *
     * @param rows   one per pair, in the order run
     * @param warmup what the warm-up before the first pair did
     */
    public record Grid(List<Row> rows, Warmup.Result warmup) {

        /** Copies the rows. */
        public Grid {
            rows = List.copyOf(rows);
        }
    }

    /**
     * The warm-up, then the rows as a Markdown table; the ratios are a row's rate over the rate of
     * the first row with its d, the learner's and the trivial app's each over its own.
     */
    public static String toMarkdown(final Grid grid) {
        final List<Row> rows = grid.rows();
        final StringBuilder out = new StringBuilder();
        out.append(grid.warmup().describe()).append(".\n\n");
        out.append("| models | d | N | records/s | ratio"
                + " | trivial app, state-sized values: records/s before · after the learner | its ratio (mean)"
                + " | heap after GC MiB (idle before) | RSS MiB"
                + " | state bytes/model serialized | RocksDB bytes/model on disk | changelog bytes/model"
                + " | restore s | note |\n");
        out.append("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|\n");
        for (final Row r : rows) {
            final Row first = rows.stream()
                    .filter(o -> o.features() == r.features())
                    .findFirst()
                    .orElseThrow();
            out.append(String.format(
                    Locale.ROOT,
                    "| %,d | %,d | %,d | %,.0f | %.2f | %,.0f · %,.0f | %.2f | %.0f (%.0f) | %.0f | %,d | %,.0f | %,.0f | %.1f | %s |%n",
                    r.models(),
                    r.features(),
                    r.records(),
                    r.recordsPerSecond(),
                    r.recordsPerSecond() / first.recordsPerSecond(),
                    r.baselineBefore(),
                    r.baselineAfter(),
                    r.baselineMean() / first.baselineMean(),
                    r.heapBytes() / 1048576.0,
                    r.idleHeapBytes() / 1048576.0,
                    r.residentBytes() / 1048576.0,
                    r.serializedBytes(),
                    r.diskBytesPerModel(),
                    r.changelogBytesPerModel(),
                    r.restoreSeconds(),
                    r.note()));
        }
        return out.toString();
    }
}
