package io.onlinelearner.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.onlinelearner.broker.KafkaBrokerExtension;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Runs both benchmarks end to end on a small input: checks that they finish and report sane figures, never timings. */
@Tag("bench-smoke")
class EndToEndBenchmarkIT {

    private static final long RECORDS = 5_000;

    @RegisterExtension
    static final KafkaBrokerExtension KAFKA = KafkaBrokerExtension.shared();

    @Test
    void shouldMeasureEveryRunnerUnderBothGuaranteesTwiceWithPositiveFigures() throws Exception {
        final BenchOptions options = BenchOptions.builder()
                .bootstrap(KAFKA.bootstrapServers())
                .records(RECORDS)
                .features(10)
                .models(100)
                .partitions(1)
                .guarantees(List.of("exactly_once_v2", "at_least_once"))
                .warmup(0)
                .timeout(Duration.ofMinutes(2))
                .repetitions(2)
                .build();

        final Report report = EndToEndBenchmark.run(options);

        assertThat(report.measurements()).hasSize(12);
        assertThat(report.measurements().subList(0, 3))
                .extracting(Measurement::runner)
                .containsExactlyElementsOf(Runner.order(0));
        assertThat(report.measurements().subList(6, 9))
                .extracting(Measurement::runner)
                .containsExactlyElementsOf(Runner.order(1));
        assertThat(report.measurements()).allSatisfy(m -> {
            assertThat(m.records()).isEqualTo(RECORDS);
            assertThat(m.recordsPerSecond()).isPositive();
            assertThat(m.heapBytes()).isPositive();
        });
        for (final String guarantee : options.guarantees()) {
            assertThat(report.ratio(guarantee, Runner.LEARNER, Runner.BASELINE)).isPositive();
            assertThat(report.ratio(guarantee, Runner.LEARNER, Runner.RAW)).isPositive();
        }
        assertThat(report.toMarkdown())
                .contains(
                        "| 1 | exactly_once_v2 | learner |",
                        "| 2 | at_least_once | raw |",
                        "| exactly_once_v2 | learner | 2 |",
                        "Ratios of the medians");
    }

    @Test
    void shouldReportThroughputAndStoreBytesPerModelForEachPair() throws Exception {
        final ScalingBenchmark.Options options = new ScalingBenchmark.Options(
                KAFKA.bootstrapServers(),
                List.of(1, 50),
                List.of(3),
                2_000,
                1L << 20,
                1L << 20,
                "exactly_once_v2",
                Duration.ofMinutes(2),
                true,
                Map.of(),
                0);

        final List<ScalingFigures.Row> rows = ScalingBenchmark.run(options).rows();

        assertThat(rows).extracting(ScalingFigures.Row::models).containsExactly(1, 50);
        assertThat(rows).allSatisfy(row -> {
            assertThat(row.records()).isEqualTo(2_000);
            assertThat(row.recordsPerSecond()).isPositive();
            assertThat(row.baselineBefore()).isPositive();
            assertThat(row.baselineAfter()).isPositive();
            assertThat(row.serializedBytes()).isEqualTo(ScalingBenchmark.serializedBytes(3));
            assertThat(row.diskBytesPerModel()).isPositive();
            assertThat(row.changelogBytesPerModel()).isGreaterThan(row.serializedBytes());
            assertThat(row.restoreSeconds()).isPositive();
            assertThat(row.residentBytes())
                    .as("resident bytes: above the heap, or -1 where /proc/self/status is missing (not Linux)")
                    .satisfiesAnyOf(
                            resident -> assertThat(resident).isEqualTo(-1L),
                            resident -> assertThat(resident).isGreaterThan(row.heapBytes()));
        });
        assertThat(ScalingBenchmark.serializedBytes(3)).isEqualTo(159 + 3 * (3 + 1) * Double.BYTES);
    }
}
