package io.onlinelearner.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class StatusLineTest {

    @Test
    void shouldFormatAllFieldsOnOneLine() {
        final String line = StatusLine.format(1234.56, new LearnerMetrics.Totals(10_000, 3, 1, 42, 1, 0.0123456789));
        assertThat(line).isEqualTo(
                "records/s 1234.6 | records 10000 | models 3 (1 stopped) | rounds 42 | best loss 0.0123457 | stops 1");
    }

    @Test
    void shouldShowADashBeforeAnyBestLoss() {
        assertThat(StatusLine.format(0, new LearnerMetrics.Totals(0, 0, 0, 0, 0, Double.NaN)))
                .isEqualTo("records/s 0.0 | records 0 | models 0 (0 stopped) | rounds 0 | best loss - | stops 0");
    }

    @Test
    void shouldReportTheRateSinceThePreviousLine() {
        final AtomicReference<LearnerMetrics.Totals> totals =
                new AtomicReference<>(new LearnerMetrics.Totals(100, 1, 0, 0, 0, Double.NaN));
        final AtomicLong nanos = new AtomicLong(0);
        final StatusLine line = new StatusLine(totals::get, nanos::get);
        totals.set(new LearnerMetrics.Totals(600, 1, 0, 2, 0, 0.5));
        nanos.set(2_000_000_000L);
        assertThat(line.next()).startsWith("records/s 250.0 | records 600 |");
        totals.set(new LearnerMetrics.Totals(700, 1, 0, 2, 0, 0.5));
        nanos.set(2_500_000_000L);
        assertThat(line.next()).startsWith("records/s 200.0 |");
    }
}
