package io.onlinelearner.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The labels workload's two ratios: examples per second, and examples per second of stream-thread CPU. */
class LabelsPairTest {

    private static final String EOS = "exactly_once_v2";

    @Test
    void shouldCountARequestAndItsLabelAsOneExample() {
        // train-only: 1,000 examples in 1 s, 2 ms of stream-thread CPU (2 µs an example);
        // labels: 2,000 records (1,000 examples) in 4 s, 10 ms of stream-thread CPU (10 µs an example).
        final LabelsFigures.Pair pair = new LabelsFigures.Pair(
                new Measurement(EOS, Runner.LEARNER, 1000, 0.1, 1.0, 0, -1, 0.5, 0.002, Double.NaN, Map.of()),
                new Measurement(EOS, Runner.LEARNER, 2000, 0.1, 4.0, 0, -1, 2.0, 0.010, Double.NaN, Map.of()));

        assertThat(pair.trainExamplesPerSecond()).isCloseTo(1000, within(1e-9));
        assertThat(pair.labelExamplesPerSecond()).isCloseTo(250, within(1e-9));
        assertThat(pair.ratio()).isCloseTo(0.25, within(1e-12));
        // after start-up: 1,000 examples in 0.9 s against 1,000 in 3.9 s
        assertThat(pair.steadyRatio()).isCloseTo(0.9 / 3.9, within(1e-12));
        assertThat(pair.threadCpuRatio()).isCloseTo(0.2, within(1e-12));
    }

    @Test
    void shouldReportTheLearnersRatioAgainstTheTrivialAppsOnTheSameRecords() {
        // learner: 0.25 (above); trivial app: 2,000 train-only records/s, 2,000 labels records (1,000 examples) in 1.6
        // s
        final LabelsFigures.Pair learner = new LabelsFigures.Pair(
                new Measurement(EOS, Runner.LEARNER, 1000, 0.1, 1.0, 0, -1, 0.5, 0.002, Double.NaN, Map.of()),
                new Measurement(EOS, Runner.LEARNER, 2000, 0.1, 4.0, 0, -1, 2.0, 0.010, Double.NaN, Map.of()));
        final LabelsFigures.Pair trivial = new LabelsFigures.Pair(
                new Measurement(EOS, Runner.BASELINE, 1000, 0.1, 0.5, 0, -1, 0.3, 0.001, Double.NaN, Map.of()),
                new Measurement(EOS, Runner.BASELINE, 2000, 0.1, 1.6, 0, -1, 1.0, 0.003, Double.NaN, Map.of()));
        final LabelsFigures.Result result = new LabelsFigures.Result(
                BenchOptions.defaults(),
                List.of(Map.entry(EOS, learner)),
                List.of(Map.entry(EOS, trivial)),
                new LabelsFigures.Memory(10, 1580, 5000),
                Warmup.Result.NONE);

        // 625 examples/s against 2,000 records/s: 0.3125, of which the learner's 0.25 is 0.80;
        // after start-up 1,000 examples in 1.5 s against 1,000 records in 0.4 s
        assertThat(trivial.ratio()).isCloseTo(0.3125, within(1e-12));
        assertThat(result.toMarkdown())
                .contains("| exactly_once_v2 | 2,000 | 625 | 0.31 | 0.27 | 1.00 | 3.00 | 0.80 |");
    }
}
