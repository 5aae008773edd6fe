package io.onlinelearner.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.onlinelearner.features.HashedInputParser;
import io.onlinelearner.features.HashingConfig;
import io.onlinelearner.features.Interaction;
import io.onlinelearner.model.HashedFeatures;
import io.onlinelearner.model.InputParser;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The hashed benchmark's records have the 30 features, and its growth table grows. */
class HashedBenchmarkTest {

    @Test
    void shouldWriteThirtyNamedFeaturesPerRecordInteractionsIncluded() {
        final InputParser parser = HashedInputParser.of(
                new HashingConfig(18, 0, Interaction.parseAll(HashedRecords.INTERACTIONS), true, 2, 30), 1 << 20);
        final Random random = new Random(1);
        for (int i = 0; i < 100; i++) {
            final HashedFeatures x = (HashedFeatures)
                    parser.parseExample(HashedRecords.trainingValue(random)).features();
            int texts = 0;
            for (int k = 0; k < x.size(); k++) {
                texts += x.nameCount(k);
            }
            assertThat(texts).isEqualTo(HashedRecords.FEATURES);
        }
    }

    @Test
    void shouldReportTheChangelogBytesOfEachRunPerRecordAndPerSecond() {
        final Measurement dense = new Measurement(
                "exactly_once_v2", Runner.LEARNER, 200_000, 0.5, 2.0, 1L << 20, -1, 4.0, 1.0, 0.1, Map.of());
        final Measurement hashed = new Measurement(
                "exactly_once_v2",
                Runner.LEARNER,
                200_000,
                0.5,
                10.0,
                1L << 20,
                -1,
                20.0,
                8.0,
                0.5,
                Map.of(ThreadCpu.Group.STREAMS, 8_000_000_000L, ThreadCpu.Group.BROKER, 2_500_000_000L));
        final HashedBenchmark.Run denseRun = new HashedBenchmark.Run(dense, 180_000_000L);
        final HashedBenchmark.Run hashedRun = new HashedBenchmark.Run(hashed, 1_300_000_000L);
        assertThat(denseRun.changelogBytesPerRecord()).isEqualTo(900.0);
        assertThat(hashedRun.changelogBytesPerRecord()).isEqualTo(6_500.0);
        assertThat(denseRun.changelogMegabytesPerSecond()).isEqualTo(90.0);
        assertThat(hashedRun.changelogMegabytesPerSecond()).isEqualTo(130.0);
        final String report = HashedBenchmark.toMarkdown(new HashedBenchmark.Result(
                HashedBenchmark.Options.defaults(),
                List.of(denseRun),
                List.of(hashedRun),
                List.of(),
                Warmup.Result.NONE));
        assertThat(report)
                .contains("200,000 training records over 10,000 models (each 20 records old at the end of a run")
                .contains("changelog bytes/record: dense | hashed | changelog MB/s: dense | hashed |")
                .contains("| 1 | 100,000 (133,333) | 20,000 (21,053) | 0.20 (0.16) |")
                .contains("| 900 | 6,500 | 90.0 | 130.0 |")
                .contains(
                        "| run | learner | Kafka Streams threads | broker | producers' I/O | RocksDB | collector | JIT"
                                + " | other |")
                .contains("| 1 | dense | n/a | n/a | n/a | n/a | n/a | n/a | n/a |")
                .contains("| 1 | hashed | 40.0 | 12.5 | 0.0 | 0.0 | 0.0 | 0.0 | 0.0 |");
    }

    @Test
    void shouldReportAStateThatGrowsWithTheIndicesTouched() {
        final List<long[]> growth = HashedBenchmark.growth(18, 100);
        assertThat(growth).extracting(p -> p[0]).containsExactly(1L, 10L, 100L);
        assertThat(growth.get(0)[1]).isEqualTo(HashedRecords.FEATURES);
        assertThat(growth.get(2)[1]).isGreaterThan(growth.get(1)[1]);
        assertThat(growth.get(2)[2]).isGreaterThan(growth.get(1)[2]).isGreaterThan(growth.get(0)[2]);
        assertThat(growth.get(2)[4])
                .as("texts written per record: recent texts and merges, not all texts at every record")
                .isPositive()
                .isLessThan(growth.get(2)[3])
                .isLessThan(growth.get(2)[5]);
    }
}
