package io.onlinelearner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DemoStreamTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void shouldGiveBlocksOfOneValidationRoundAndDriftFromTheTwelfth() {
        final DemoStream stream = new DemoStream(7);
        final List<DemoStream.Block> blocks = new ArrayList<>();
        while (stream.hasNext()) {
            blocks.add(stream.next());
        }
        assertThat(blocks).hasSize(DemoStream.MAX_BLOCKS);
        for (final DemoStream.Block block : blocks) {
            assertThat(block.train()).hasSize(DemoStream.TRAIN_PER_BLOCK);
            assertThat(block.validation()).hasSize(DemoStream.VALIDATION_PER_BLOCK);
            assertThat(block.drifted()).isEqualTo(block.index() >= DemoStream.CLEAN_BLOCKS);
        }
    }

    @Test
    void shouldBeDeterministicForASeed() {
        assertThat(new DemoStream(3).next()).isEqualTo(new DemoStream(3).next());
        assertThat(new DemoStream(3).next()).isNotEqualTo(new DemoStream(4).next());
    }

    @Test
    void shouldKeepValidationCleanAndFlipTrainingLabelsAfterTheDrift() throws Exception {
        final DemoStream stream = new DemoStream(11);
        DemoStream.Block block = stream.next();
        assertThat(meanResidual(block.train(), 1.0)).isLessThan(DemoStream.NOISE);
        assertThat(meanResidual(block.train(), -1.0)).isGreaterThan(1.0);
        while (!block.drifted()) {
            block = stream.next();
        }
        assertThat(block.index()).isEqualTo(DemoStream.CLEAN_BLOCKS);
        assertThat(meanResidual(block.train(), -1.0)).isLessThan(DemoStream.NOISE);
        assertThat(meanResidual(block.train(), 1.0)).isGreaterThan(1.0);
        assertThat(meanResidual(block.validation(), 1.0)).isLessThan(DemoStream.NOISE);
    }

    /** The mean absolute error of the true model on records with labels multiplied by {@code sign}. */
    private static double meanResidual(final List<String> records, final double sign) throws Exception {
        double sum = 0;
        for (final String record : records) {
            final JsonNode node = JSON.readTree(record);
            double y = DemoStream.BIAS;
            for (int i = 0; i < DemoStream.WEIGHTS.length; i++) {
                y += DemoStream.WEIGHTS[i] * node.path("x").get(i).asDouble();
            }
            sum += Math.abs(sign * node.path("y").asDouble() - y);
        }
        return sum / records.size();
    }
}
