package io.onlinelearner.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every example of every vector file, Avro-encoded and decoded, gives bit-identical doubles, and the
 * same {@link Example} or {@link PredictRequest} as the JSON parse of the record as the vector writes it.
 */
class AvroVectorRoundTripTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final AvroCodec avro = new AvroCodec(
            io.onlinelearner.config.LearnerConfig.defaults().model().maxFeatures());
    private final RecordParser json = new RecordParser(
            io.onlinelearner.config.LearnerConfig.defaults().model().maxFeatures());

    static List<Path> vectorFiles() throws IOException, URISyntaxException {
        final Path dir =
                Path.of(AvroVectorRoundTripTest.class.getResource("/vectors").toURI());
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".json")).sorted().collect(Collectors.toList());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectorFiles")
    void shouldRoundTripEveryExampleBitForBit(final Path file) throws IOException {
        final JsonNode vector = MAPPER.readTree(file.toFile());
        final List<String> mismatches = new ArrayList<>();
        int records = 0;
        for (final JsonNode record : records(vector)) {
            final String topic = record.path("topic").asText("train");
            if ("commands".equals(topic)) {
                continue;
            }
            final double[] x = features(record.get("x"));
            final byte[] text = MAPPER.writeValueAsBytes(record);
            final boolean same;
            if ("predict".equals(topic)) {
                final JsonNode id = record.get("id");
                final PredictRequest decoded =
                        avro.decodePredict(AvroCodec.encodePredict(x, id == null ? null : id.asText()));
                final PredictRequest parsed = json.parsePredict(text);
                same = Arrays.equals(bits(decoded.x()), bits(x))
                        && Arrays.equals(decoded.x(), parsed.x())
                        && (id != null && !id.isTextual() || Objects.equals(decoded.idJson(), parsed.idJson()));
            } else {
                final double y = record.get("y").doubleValue();
                final Example decoded = avro.decodeExample(AvroCodec.encodeExample(x, y));
                same = Arrays.equals(bits(decoded.x()), bits(x))
                        && Double.doubleToRawLongBits(decoded.y()) == Double.doubleToRawLongBits(y)
                        && decoded.equals(json.parse(text));
            }
            if (!same) {
                mismatches.add(record.toString());
            }
            records++;
        }
        assertThat(mismatches)
                .as("records of %s that did not round-trip", file.getFileName())
                .isEmpty();
        assertThat(records).as("records in %s", file.getFileName()).isPositive();
    }

    private static Iterable<JsonNode> records(final JsonNode vector) {
        return vector.has("steps") ? vector.get("steps") : vector.get("events");
    }

    private static double[] features(final JsonNode x) {
        if (!x.isArray()) {
            return new double[] {x.doubleValue()};
        }
        final double[] values = new double[x.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = x.get(i).doubleValue();
        }
        return values;
    }

    private static long[] bits(final double[] values) {
        final long[] bits = new long[values.length];
        for (int i = 0; i < values.length; i++) {
            bits[i] = Double.doubleToRawLongBits(values[i]);
        }
        return bits;
    }
}
