package io.onlinelearner.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.onlinelearner.topology.LearnerDriver;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class StatusLineTest {

    @Test
    void shouldFormatAllFieldsOnOneLine() {
        final String line = StatusLine.format(1234.56, new Totals(10_000, 3, 3, 1, 42, 1, 0.0123456789, 20, 2));
        assertThat(line)
                .isEqualTo("records/s 1234.6 | records 10000 | dead letters 3 | models 3 (1 stopped)"
                        + " | rounds 42 | best loss 0.0123457 | stops 1 | predictions 20 | events 2");
    }

    @Test
    void shouldShowADashBeforeAnyBestLoss() {
        assertThat(StatusLine.format(0, new Totals(0, 0, 0, 0, 0, 0, Double.NaN, 0, 0)))
                .isEqualTo(
                        "records/s 0.0 | records 0 | dead letters 0 | models 0 (0 stopped) | rounds 0 | best loss - | stops 0"
                                + " | predictions 0 | events 0");
    }

    @Test
    void shouldReportTheRateSinceThePreviousLine() {
        final AtomicReference<Totals> totals = new AtomicReference<>(new Totals(100, 0, 1, 0, 0, 0, Double.NaN, 0, 0));
        final AtomicLong nanos = new AtomicLong(0);
        final StatusLine line = new StatusLine(totals::get, nanos::get);
        totals.set(new Totals(600, 0, 1, 0, 2, 0, 0.5, 0, 0));
        nanos.set(2_000_000_000L);
        assertThat(line.next()).startsWith("records/s 250.0 | records 600 |");
        totals.set(new Totals(700, 0, 1, 0, 2, 0, 0.5, 0, 0));
        nanos.set(2_500_000_000L);
        assertThat(line.next()).startsWith("records/s 200.0 |");
    }

    @Test
    void shouldPrintAnUnchangedLineOnlyOnceAMinute() {
        final AtomicReference<Totals> totals = new AtomicReference<>(new Totals(100, 0, 1, 0, 0, 0, Double.NaN, 0, 0));
        final AtomicLong nanos = new AtomicLong(0);
        final StatusLine line = new StatusLine(totals::get, nanos::get);
        nanos.set(5_000_000_000L);
        assertThat(line.nextIfChanged()).as("the first line").isPresent();
        nanos.set(10_000_000_000L);
        assertThat(line.nextIfChanged()).as("nothing new after 5 s").isEmpty();
        totals.set(new Totals(150, 0, 1, 0, 0, 0, Double.NaN, 0, 0));
        nanos.set(15_000_000_000L);
        assertThat(line.nextIfChanged())
                .hasValueSatisfying(text -> assertThat(text).startsWith("records/s 10.0 | records 150 |"));
        nanos.set(20_000_000_000L);
        assertThat(line.nextIfChanged())
                .as("the rate falling to 0")
                .hasValueSatisfying(text -> assertThat(text).startsWith("records/s 0.0 | records 150 |"));
        nanos.set(70_000_000_000L);
        assertThat(line.nextIfChanged()).as("nothing new for 50 s").isEmpty();
        nanos.set(80_000_000_000L);
        assertThat(line.nextIfChanged())
                .as("nothing new for a minute")
                .hasValueSatisfying(text -> assertThat(text).startsWith("records/s 0.0 | records 150 |"));
    }

    @Test
    void shouldCountDeadLettersOfEveryTopicAmongTheRecords() {
        final LearnerObservations observations = new LearnerObservations(10);
        try (LearnerDriver driver = new LearnerDriver(Map.of(), observations)) {
            driver.train("a", "{\"x\": [1.0], \"y\": 2.0}");
            driver.train("a", "not json");
            driver.train("a", "{\"x\": [1.0, 2.0], \"y\": 2.0}");
            driver.validate("a", "{\"x\": [1.0]}");
            final StatusLine line = new StatusLine(observations::totals, () -> 0L);
            assertThat(line.next())
                    .isEqualTo("records/s 0.0 | records 4 | dead letters 3 | models 1 (0 stopped)"
                            + " | rounds 0 | best loss - | stops 0 | predictions 0 | events 0");
        }
    }
}
