package io.onlinelearner.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.onlinelearner.model.InputFormat;
import io.onlinelearner.topology.Source;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The labels workload's records: each request once, its label after it, {@link Workload#LABEL_LAG} requests later. */
class LabelsWorkloadTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void shouldSendEveryRequestOnceAndItsLabelAfterItAndTheLagOfRequestsLater() {
        final long records = 2 * Workload.LABEL_LAG + 1000;
        final Map<Long, Long> requestAt = new HashMap<>();
        final Map<Long, Long> labelAt = new HashMap<>();
        for (long i = 0; i < records; i++) {
            final long example = Workload.LABELS.example(i);
            final Source source = Workload.LABELS.source(i);
            assertThat(source).isIn(Source.PREDICT, Source.LABELS);
            assertThat((source == Source.PREDICT ? requestAt : labelAt).put(example, i))
                    .as("record %d is the only %s of example %d", i, source, example)
                    .isNull();
        }
        assertThat(requestAt).hasSize((int) (records + Workload.LABEL_LAG) / 2);
        assertThat(labelAt).hasSize((int) (records - Workload.LABEL_LAG) / 2);
        labelAt.forEach((example, at) -> {
            final long requests = requestAt.entrySet().stream()
                    .filter(e -> e.getValue() > requestAt.get(example) && e.getValue() < at)
                    .count();
            assertThat(requests)
                    .as("requests between example %d and its label", example)
                    .isEqualTo(Workload.LABEL_LAG);
        });
        assertThat(Workload.TRAIN.example(7)).isEqualTo(7);
    }

    @Test
    void shouldWriteARequestWithItsIdAndALabelWithTheExamplesY() throws IOException {
        final double[] example = SyntheticRecords.examples(new Random(1), 1, 3)[0];
        final JsonNode request = JSON.readTree(SyntheticRecords.request(example, "e7", InputFormat.JSON));
        final JsonNode label = JSON.readTree(SyntheticRecords.label(example, "e7", InputFormat.JSON));
        assertThat(request.path("id").asText()).isEqualTo("e7");
        assertThat(request.path("x")).hasSize(3);
        assertThat(request.path("x").get(2).asDouble()).isEqualTo(example[2]);
        assertThat(label.path("id").asText()).isEqualTo("e7");
        assertThat(label.path("y").asDouble()).isEqualTo(example[3]);
    }
}
