package io.onlinelearner.bench;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The figures of the {@link LabelsBenchmark}: a pair of runs (train-only and labels) of the
 * learner or of the framework baseline, the memory a remembered request costs, and the report.
 */
public final class LabelsFigures {

    private LabelsFigures() {}

    /**
     * One pair of measurements under one guarantee, of the learner or of the framework baseline.
     *
     * @param trainOnly the run on training records, one per example
     * @param labels    the run on requests and their labels, two records per example
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
}
