package io.onlinelearner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.onlinelearner.cli.Scenario.Batch;
import io.onlinelearner.cli.Scenario.Message;
import io.onlinelearner.topology.Source;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;

class DemoStreamTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void shouldGiveBlocksOfTrainingRecordsThenOneValidationRound() {
        final Batch block = new DemoStream(7).block("", "note", Scenarios.ORIGINAL, 1.0);

        assertThat(block.note()).isEqualTo("note");
        assertThat(block.messages().subList(0, DemoStream.TRAIN_PER_BLOCK))
                .extracting(Message::source)
                .containsOnly(Source.TRAIN);
        assertThat(block.messages()
                        .subList(DemoStream.TRAIN_PER_BLOCK, block.messages().size()))
                .hasSize(DemoStream.VALIDATION_PER_BLOCK)
                .extracting(Message::source)
                .containsOnly(Source.VALIDATION);
    }

    @Test
    void shouldBeDeterministicForASeed() {
        assertThat(text(new DemoStream(3).block("", "", Scenarios.ORIGINAL, 1.0)))
                .isEqualTo(text(new DemoStream(3).block("", "", Scenarios.ORIGINAL, 1.0)))
                .isNotEqualTo(text(new DemoStream(4).block("", "", Scenarios.ORIGINAL, 1.0)));
    }

    @Test
    void shouldFlipOnlyTheTrainingLabelsAndWriteSixDecimals() throws Exception {
        final Batch flipped = new DemoStream(11).block("", "", Scenarios.ORIGINAL, -1.0);
        final List<Message> train = flipped.messages().subList(0, DemoStream.TRAIN_PER_BLOCK);
        final List<Message> validation = flipped.messages()
                .subList(DemoStream.TRAIN_PER_BLOCK, flipped.messages().size());

        assertThat(meanResidual(train, -1.0)).isLessThan(DemoStream.NOISE);
        assertThat(meanResidual(train, 1.0)).isGreaterThan(1.0);
        assertThat(meanResidual(validation, 1.0)).isLessThan(DemoStream.NOISE);
        final JsonNode first = JSON.readTree(train.get(0).value());
        assertThat(first.fieldNames()).toIterable().containsExactly("x", "y");
        for (final JsonNode number : List.of(first.path("x").get(0), first.path("y"))) {
            assertThat(Math.round(number.asDouble() * 1e6) / 1e6).isEqualTo(number.asDouble());
        }
    }

    @Test
    void shouldAskOneQuestionPerRowWithItsIdAndTruth() throws Exception {
        final Batch questions =
                DemoStream.questions("asking", new double[][] {{1, 0, 0}, {1, 1, 1}}, Scenarios.ORIGINAL);

        assertThat(questions.narration()).isEqualTo("asking");
        assertThat(questions.messages()).extracting(Message::source).containsOnly(Source.PREDICT);
        assertThat(new String(questions.messages().get(1).value(), StandardCharsets.UTF_8))
                .isEqualTo("{\"x\":[1.0,1.0,1.0],\"id\":1}");
        final Scenario.Question question = questions.messages().get(1).question();
        assertThat(question.id()).isEqualTo("1");
        assertThat(question.shown()).isEqualTo("x [1.0, 1.0, 1.0]");
        assertThat(question.truth()).isEqualTo(Scenarios.ORIGINAL.at(new double[] {1, 1, 1}));
    }

    @Test
    void shouldDrawBlocksOnlyWhenTakenAndNoMoreThanTheCount() {
        final int[] drawn = {0};
        final Iterator<Batch> blocks = DemoStream.blocks(2, i -> {
            drawn[0]++;
            return new Batch("", "block " + i, List.of());
        });

        assertThat(drawn[0]).isZero();
        assertThat(blocks.next().note()).isEqualTo("block 0");
        assertThat(blocks.next().note()).isEqualTo("block 1");
        assertThat(blocks.hasNext()).isFalse();
        assertThat(drawn[0]).isEqualTo(2);
    }

    private static String text(final Batch batch) {
        final StringBuilder text = new StringBuilder();
        batch.messages().forEach(m -> text.append(new String(m.value(), StandardCharsets.UTF_8)));
        return text.toString();
    }

    /** The mean absolute error of the true model on records with labels multiplied by {@code sign}. */
    private static double meanResidual(final List<Message> records, final double sign) throws Exception {
        double sum = 0;
        for (final Message record : records) {
            final JsonNode node = JSON.readTree(record.value());
            final double[] x = new double[3];
            for (int i = 0; i < x.length; i++) {
                x[i] = node.path("x").get(i).asDouble();
            }
            sum += Math.abs(sign * node.path("y").asDouble() - Scenarios.ORIGINAL.at(x));
        }
        return sum / records.size();
    }
}
