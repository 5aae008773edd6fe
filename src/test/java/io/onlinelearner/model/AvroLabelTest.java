package io.onlinelearner.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/** The Avro {@code onlinelearner.Label} of the contract: schema, interoperation with Avro's own codec, rejections. */
class AvroLabelTest {

    private static final String CONTRACT_LABEL = "{\"type\": \"record\", \"name\": \"Label\", "
            + "\"namespace\": \"onlinelearner\", \"fields\": [{\"name\": \"id\", \"type\": \"string\"}, "
            + "{\"name\": \"y\", \"type\": \"double\"}]}";

    private final InputParser parser = InputParser.forFormat(InputFormat.AVRO, 4, 1 << 20);

    private RejectionReason reasonOf(final ThrowingCallable call) {
        return catchThrowableOfType(RecordRejectedException.class, call).reason();
    }

    @Test
    void shouldShipTheContractsLabelSchemaInConfigAndOnTheClasspathAlike() throws IOException {
        final byte[] shipped = Files.readAllBytes(Path.of("config", "avro", "Label.avsc"));
        try (InputStream resource = AvroCodec.class.getResourceAsStream("/avro/Label.avsc")) {
            assertThat(resource.readAllBytes()).isEqualTo(shipped);
        }
        assertThat(AvroCodec.LABEL_SCHEMA).isEqualTo(new Schema.Parser().parse(CONTRACT_LABEL));
    }

    @Test
    void shouldReadAnIdAsTheJsonStringAPredictionsAvroIdIsEchoedWith() {
        final Label label = parser.parseLabel(AvroEncoding.encodeLabel("r\u00e9q \"1\"", 2.5));
        final PredictRequest request =
                parser.parsePredict(AvroEncoding.encodePredict(new double[] {1.0}, "r\u00e9q \"1\""));

        assertThat(label).isEqualTo(new Label("\"r\u00e9q \\\"1\\\"\"", 2.5));
        assertThat(label.idJson()).isEqualTo(request.idJson());
    }

    @Test
    void shouldReadWhatAvrosOwnMessageEncoderWritesAndTheReverse() throws IOException {
        final GenericRecord record = new GenericData.Record(AvroCodec.LABEL_SCHEMA);
        record.put("id", "7");
        record.put("y", -1.25);
        final byte[] value = new BinaryMessageEncoder<GenericRecord>(GenericData.get(), AvroCodec.LABEL_SCHEMA)
                .encode(record)
                .array();

        assertThat(parser.parseLabel(value)).isEqualTo(new Label("\"7\"", -1.25));
        final GenericRecord decoded = new BinaryMessageDecoder<GenericRecord>(GenericData.get(), AvroCodec.LABEL_SCHEMA)
                .decode(AvroEncoding.encodeLabel("a", 3.0));
        assertThat(decoded.get("id")).hasToString("a");
        assertThat(decoded.get("y")).isEqualTo(3.0);
    }

    @Test
    void shouldRefuseEveryBadAvroLabelWithItsReason() {
        final byte[] good = AvroEncoding.encodeLabel("a", 1.0);
        assertThat(reasonOf(() -> parser.parseLabel(null))).isEqualTo(RejectionReason.NULL_VALUE);
        assertThat(reasonOf(() -> parser.parseLabel("{\"id\": \"a\", \"y\": 1}".getBytes())))
                .isEqualTo(RejectionReason.NOT_AVRO);
        assertThat(reasonOf(() -> parser.parseLabel(AvroEncoding.encodeExample(new double[] {1.0}, 1.0))))
                .isEqualTo(RejectionReason.SCHEMA_MISMATCH);
        assertThat(reasonOf(() -> parser.parseLabel(AvroEncoding.encodeLabel("a", Double.NaN))))
                .isEqualTo(RejectionReason.NOT_FINITE);
        assertThat(reasonOf(() -> parser.parseLabel(AvroEncoding.encodeLabel("a", Double.NEGATIVE_INFINITY))))
                .isEqualTo(RejectionReason.NOT_FINITE);
        assertThat(reasonOf(() -> parser.parseLabel(Arrays.copyOf(good, good.length - 1))))
                .isEqualTo(RejectionReason.NOT_AVRO);
        assertThat(reasonOf(() -> parser.parseLabel(Arrays.copyOf(good, good.length + 1))))
                .isEqualTo(RejectionReason.NOT_AVRO);
    }
}
