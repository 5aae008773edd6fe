package io.onlinelearner.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The benchmark's repetitions: the runners' rotated order, the medians and the ratios taken from them. */
class ReportTest {

    private static final String EOS = "exactly_once_v2";
    private static final String ALOS = "at_least_once";

    @Test
    void shouldRotateTheRunnersSoThatEachRunsOnceInEveryPositionOverThreeRepetitions() {
        assertThat(Runner.order(0)).containsExactly(Runner.RAW, Runner.BASELINE, Runner.LEARNER);
        assertThat(Runner.order(1)).containsExactly(Runner.BASELINE, Runner.LEARNER, Runner.RAW);
        assertThat(Runner.order(2)).containsExactly(Runner.LEARNER, Runner.RAW, Runner.BASELINE);
        assertThat(Runner.order(3)).isEqualTo(Runner.order(0));
        for (int position = 0; position < 3; position++) {
            final int p = position;
            assertThat(List.of(0, 1, 2).stream()
                            .map(r -> Runner.order(r).get(p))
                            .toList())
                    .containsExactlyInAnyOrder(Runner.values());
        }
    }

    @Test
    void shouldTakeTheMiddleValueOrTheMeanOfTheTwoMiddleValues() {
        assertThat(Report.median(List.of(5.0, 1.0, 3.0))).isEqualTo(3.0);
        assertThat(Report.median(List.of(4.0, 1.0, 3.0, 100.0))).isEqualTo(3.5);
        assertThat(Report.median(List.of(7.0))).isEqualTo(7.0);
        assertThat(Report.median(List.of())).isNaN();
    }

    @Test
    void shouldGiveTheMedianOfEachFigureAndTheRatiosOfTheMedians() {
        final List<Measurement> runs = new ArrayList<>();
        // 1000 records: records/s = 1000 / seconds; an outlier run per runner must not move the median.
        runs.add(new Measurement(EOS, Runner.RAW, 1000, 0.1, 1.0, 10));
        runs.add(new Measurement(EOS, Runner.BASELINE, 1000, 0.2, 2.0, 20));
        runs.add(new Measurement(EOS, Runner.LEARNER, 1000, 0.5, 4.0, 40));
        runs.add(new Measurement(EOS, Runner.BASELINE, 1000, 0.3, 20.0, 30));
        runs.add(new Measurement(EOS, Runner.LEARNER, 1000, 0.4, 5.0, 50));
        runs.add(new Measurement(EOS, Runner.RAW, 1000, 9.0, 0.5, 11));
        runs.add(new Measurement(EOS, Runner.LEARNER, 1000, 0.6, 40.0, 60));
        runs.add(new Measurement(EOS, Runner.RAW, 1000, 0.2, 1.25, 12));
        runs.add(new Measurement(EOS, Runner.BASELINE, 1000, 0.1, 2.5, 25));

        final Report report = new Report(options(3, List.of(EOS)), runs);

        final Report.Median learner = report.median(EOS, Runner.LEARNER).orElseThrow();
        assertThat(learner.runs()).isEqualTo(3);
        assertThat(learner.recordsPerSecond()).isEqualTo(1000 / 5.0);
        assertThat(learner.startupSeconds()).isEqualTo(0.5);
        assertThat(learner.heapBytes()).isEqualTo(50);
        assertThat(report.median(EOS, Runner.BASELINE).orElseThrow().recordsPerSecond())
                .isEqualTo(1000 / 2.5);
        assertThat(report.median(EOS, Runner.RAW).orElseThrow().recordsPerSecond())
                .isEqualTo(1000 / 1.0);
        assertThat(report.ratio(EOS, Runner.LEARNER, Runner.BASELINE)).isCloseTo(0.5, within(1e-12));
        assertThat(report.ratio(EOS, Runner.LEARNER, Runner.RAW)).isCloseTo(0.2, within(1e-12));
        assertThat(report.ratio(ALOS, Runner.LEARNER, Runner.RAW)).isNaN();
        assertThat(report.median(ALOS, Runner.LEARNER)).isEmpty();
    }

    @Test
    void shouldGiveTheCpuPerRecordAndTheRatiosOfRecordsPerCpuSecond() {
        final List<Measurement> runs = new ArrayList<>();
        // 1000 records: 2 ms of CPU is 2 µs per record.
        runs.add(new Measurement(EOS, Runner.RAW, 1000, 0.1, 1.0, 10, -1, 0.001, 0.0005, Double.NaN, Map.of()));
        runs.add(new Measurement(EOS, Runner.BASELINE, 1000, 0.1, 1.0, 10, -1, 0.002, 0.001, Double.NaN, Map.of()));
        runs.add(new Measurement(EOS, Runner.LEARNER, 1000, 0.1, 1.0, 10, -1, 0.004, 0.0025, Double.NaN, Map.of()));
        runs.add(new Measurement(EOS, Runner.LEARNER, 1000, 0.1, 1.0, 10, -1, 0.0025, 0.002, Double.NaN, Map.of()));
        runs.add(new Measurement(EOS, Runner.LEARNER, 1000, 0.1, 1.0, 10, -1, 0.04, 0.02, Double.NaN, Map.of()));

        final Report report = new Report(options(3, List.of(EOS)), runs);

        assertThat(runs.get(0).cpuMicrosPerRecord()).isCloseTo(1.0, within(1e-9));
        assertThat(report.median(EOS, Runner.LEARNER).orElseThrow().cpuMicrosPerRecord())
                .isCloseTo(4.0, within(1e-9));
        assertThat(report.cpuRatio(EOS, Runner.LEARNER, Runner.BASELINE)).isCloseTo(0.5, within(1e-12));
        assertThat(report.cpuRatio(EOS, Runner.LEARNER, Runner.RAW)).isCloseTo(0.25, within(1e-12));
        assertThat(report.median(EOS, Runner.LEARNER).orElseThrow().threadCpuMicrosPerRecord())
                .isCloseTo(2.5, within(1e-9));
        assertThat(report.threadCpuRatio(EOS, Runner.LEARNER, Runner.BASELINE)).isCloseTo(0.4, within(1e-12));
        assertThat(new Measurement(EOS, Runner.RAW, 1000, 0.1, 1.0, 10).cpuMicrosPerRecord())
                .isNaN();
        assertThat(report.toMarkdown())
                .contains("| 4.00 |", "| exactly_once_v2 | 1.00 | 1.00 | 1.00 | 1.00 | 0.50 | 0.25 | 0.40 |");
    }

    @Test
    void shouldPrintEveryRunNumberedPerRunnerThenTheMediansThenTheirRatios() {
        final List<Measurement> runs = new ArrayList<>();
        for (int repetition = 0; repetition < 2; repetition++) {
            for (final Runner runner : Runner.order(repetition)) {
                runs.add(new Measurement(EOS, runner, 1000, 0.5, 1.0 + repetition, 1 << 20));
            }
        }

        final String markdown = new Report(options(2, List.of(EOS)), runs).toMarkdown();

        assertThat(markdown)
                .contains(
                        "2 repetition(s)",
                        "| 1 | exactly_once_v2 | raw | 1,000 |",
                        "| 2 | exactly_once_v2 | raw | 500 |",
                        "| exactly_once_v2 | learner | 2 | 750 |",
                        "| exactly_once_v2 | 1.00 | 1.00 |");
        assertThat(markdown.indexOf("Every run")).isLessThan(markdown.indexOf("Medians"));
        assertThat(markdown.indexOf("Medians")).isLessThan(markdown.indexOf("Ratios of the medians"));
        assertThat(markdown.lines().filter(l -> l.startsWith("| 1 |") || l.startsWith("| 2 |")))
                .as("each run in the table of runs and in that of the CPU by thread")
                .hasSize(12);
    }

    @Test
    void shouldPrintEachRunsCpuPerRecordByThreadInTheOrderRun() {
        final List<Measurement> runs = List.of(
                new Measurement(EOS, Runner.RAW, 1000, 0.1, 2.0, 10, -1, 0.001, 0.0005, 0.5, Map.of()),
                new Measurement(
                        EOS,
                        Runner.LEARNER,
                        1000,
                        0.1,
                        4.0,
                        10,
                        -1,
                        0.004,
                        0.002,
                        0.04,
                        Map.of(ThreadCpu.Group.STREAMS, 2_000_000L, ThreadCpu.Group.ROCKSDB, 500_000L)));

        final String markdown = new Report(options(1, List.of(EOS)), runs).toMarkdown();

        assertThat(markdown)
                .contains(
                        "| run | guarantee | runner | Kafka Streams threads | broker | producers' I/O | RocksDB"
                                + " | collector | JIT | other |",
                        "| 1 | exactly_once_v2 | raw | n/a | n/a | n/a | n/a | n/a | n/a | n/a |",
                        "| 1 | exactly_once_v2 | learner | 2.0 | 0.0 | 0.0 | 0.5 | 0.0 | 0.0 | 0.0 |");
        assertThat(markdown.indexOf("CPU µs a record by thread")).isLessThan(markdown.indexOf("Medians"));
    }

    @Test
    void shouldPrintTheWarmUpAndTheJitShareOfEveryRun() {
        final List<Measurement> runs = List.of(
                new Measurement(EOS, Runner.RAW, 1000, 0.1, 2.0, 10, -1, 0.001, 0.0005, 0.5, Map.of()),
                new Measurement(EOS, Runner.LEARNER, 1000, 0.1, 4.0, 10, -1, 0.004, 0.002, 0.04, Map.of()));
        final Warmup.Result warmup = new Warmup.Result(List.of(0.5, 0.1), 0.15);

        final String markdown = new Report(options(1, List.of(EOS)), runs, warmup).toMarkdown();

        assertThat(runs.get(0).jitShare()).isCloseTo(0.25, within(1e-12));
        assertThat(markdown)
                .contains(
                        "warm-up: 2 pass(es) until the JIT compiled for at most 15% of a pass's wall time (50%, 10%).",
                        "| 1 | exactly_once_v2 | raw | 500 | 0.10 | 526 | 0 | 1.00 | 0.50 | 25% |",
                        "| 1 | exactly_once_v2 | learner | 250 | 0.10 | 256 | 0 | 4.00 | 2.00 | 1% |");
        assertThat(new Report(options(1, List.of(EOS)), runs).toMarkdown()).contains("no warm-up.");
    }

    private static BenchOptions options(final int repetitions, final List<String> guarantees) {
        return BenchOptions.builder()
                .records(1000)
                .guarantees(guarantees)
                .warmup(0)
                .timeout(Duration.ofMinutes(1))
                .repetitions(repetitions)
                .build();
    }
}
