package io.onlinelearner.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.onlinelearner.features.HashedInputParser;
import io.onlinelearner.features.HashingConfig;
import io.onlinelearner.features.Interaction;
import io.onlinelearner.model.HashedFeatures;
import io.onlinelearner.model.InputParser;
import java.util.List;
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
