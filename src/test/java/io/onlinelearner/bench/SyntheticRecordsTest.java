package io.onlinelearner.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.onlinelearner.model.InputFormat;
import io.onlinelearner.topology.Source;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SyntheticRecordsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void shouldWriteTrainingPredictAndCommandValuesOfTheContractsShapes() throws Exception {
        final Random random = new Random(1);

        final JsonNode train = JSON.readTree(SyntheticRecords.value(random, 3, InputFormat.JSON, Source.TRAIN));
        final JsonNode predict = JSON.readTree(SyntheticRecords.value(random, 3, InputFormat.JSON, Source.PREDICT));
        final byte[] command = SyntheticRecords.value(random, 3, InputFormat.JSON, Source.COMMANDS);

        assertThat(train.fieldNames()).toIterable().containsExactly("x", "y");
        assertThat(train.path("x")).hasSize(3);
        assertThat(predict.fieldNames()).toIterable().containsExactly("x", "id");
        assertThat(predict.path("id").asText()).isEqualTo("bench");
        assertThat(new String(command, StandardCharsets.UTF_8)).isEqualTo("{\"command\":\"set-lr\",\"lr\":0.001}");
    }

    @Test
    void shouldGiveValidationTheSameValueAsTrainingForTheSameSeed() {
        final byte[] json = SyntheticRecords.trainingValue(new Random(5), 4);

        assertThat(SyntheticRecords.value(new Random(5), 4, InputFormat.JSON, Source.VALIDATION))
                .isEqualTo(json);
    }
}
