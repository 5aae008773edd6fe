package io.onlinelearner.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/** {@link AvroCodec}: the contract's schemas, interoperation with Avro's own message codec, and every rejection. */
class AvroCodecTest {

    private static final String CONTRACT_EXAMPLE = "{\"type\": \"record\", \"name\": \"Example\", "
            + "\"namespace\": \"onlinelearner\", \"fields\": [{\"name\": \"x\", \"type\": {\"type\": \"array\", "
            + "\"items\": \"double\"}}, {\"name\": \"y\", \"type\": \"double\"}]}";
    private static final String CONTRACT_PREDICT = "{\"type\": \"record\", \"name\": \"PredictRequest\", "
            + "\"namespace\": \"onlinelearner\", \"fields\": [{\"name\": \"x\", \"type\": {\"type\": \"array\", "
            + "\"items\": \"double\"}}, {\"name\": \"id\", \"type\": [\"null\", \"string\"], \"default\": null}]}";

    private final AvroCodec codec = new AvroCodec(4);

    private static RejectionReason reasonOf(final ThrowingCallable call) {
        return catchThrowableOfType(RecordRejectedException.class, call).reason();
    }

    @Test
    void shouldShipTheContractsSchemasInConfigAndOnTheClasspathAlike() throws IOException {
        for (final String name : new String[] {"Example.avsc", "PredictRequest.avsc"}) {
            final byte[] shipped = Files.readAllBytes(Path.of("config", "avro", name));
            try (var resource = AvroCodec.class.getResourceAsStream("/avro/" + name)) {
                assertThat(resource.readAllBytes()).as(name).isEqualTo(shipped);
            }
        }
        assertThat(AvroCodec.EXAMPLE_SCHEMA).isEqualTo(new Schema.Parser().parse(CONTRACT_EXAMPLE));
        assertThat(AvroCodec.PREDICT_SCHEMA).isEqualTo(new Schema.Parser().parse(CONTRACT_PREDICT));
        assertThat(AvroCodec.EXAMPLE_FINGERPRINT)
                .isEqualTo(SchemaNormalization.parsingFingerprint64(new Schema.Parser().parse(CONTRACT_EXAMPLE)));
    }

    @Test
    void shouldWriteTheSingleObjectHeader() {
        final byte[] value = AvroEncoding.encodeExample(new double[] {1.0}, 2.0);
        assertThat(value[0]).isEqualTo((byte) 0xC3);
        assertThat(value[1]).isEqualTo((byte) 0x01);
        assertThat(ByteBuffer.wrap(value, 2, 8).order(ByteOrder.LITTLE_ENDIAN).getLong())
                .isEqualTo(AvroCodec.EXAMPLE_FINGERPRINT);
    }

    @Test
    void shouldWriteWhatAvrosOwnMessageDecoderReads() throws IOException {
        final GenericRecord example = new BinaryMessageDecoder<GenericRecord>(
                        GenericData.get(), AvroCodec.EXAMPLE_SCHEMA)
                .decode(AvroEncoding.encodeExample(new double[] {1.5, -2.0}, 3.25));
        assertThat(example.get("x")).asList().containsExactly(1.5, -2.0);
        assertThat(example.get("y")).isEqualTo(3.25);
        final GenericRecord predict = new BinaryMessageDecoder<GenericRecord>(
                        GenericData.get(), AvroCodec.PREDICT_SCHEMA)
                .decode(AvroEncoding.encodePredict(new double[] {1.5}, "req-1"));
        assertThat(predict.get("id")).hasToString("req-1");
    }

    @Test
    void shouldReadWhatAvrosOwnMessageEncoderWrites() throws IOException {
        final GenericRecord record = new GenericData.Record(AvroCodec.PREDICT_SCHEMA);
        record.put("x", Arrays.asList(0.5, 7.0));
        record.put("id", "r\u00e9q \"1\"");
        final byte[] value = new BinaryMessageEncoder<GenericRecord>(GenericData.get(), AvroCodec.PREDICT_SCHEMA)
                .encode(record)
                .array();
        assertThat(codec.decodePredict(value))
                .isEqualTo(new PredictRequest(new double[] {0.5, 7.0}, "\"r\u00e9q \\\"1\\\"\""));
    }

    @Test
    void shouldRoundTripExamplesAndPredictRequests() {
        assertThat(codec.decodeExample(AvroEncoding.encodeExample(new double[] {-0.0, Double.MIN_VALUE, 3.0}, -4.5)))
                .isEqualTo(new Example(new double[] {-0.0, Double.MIN_VALUE, 3.0}, -4.5));
        assertThat(codec.decodePredict(AvroEncoding.encodePredict(new double[] {1.0}, null)))
                .isEqualTo(new PredictRequest(new double[] {1.0}, null));
        assertThat(codec.decodePredict(AvroEncoding.encodePredict(new double[] {1.0}, "req-1"))
                        .idJson())
                .isEqualTo("\"req-1\"");
        assertThat(codec.decodePredict(AvroEncoding.encodePredict(new double[] {1.0}, ""))
                        .idJson())
                .isEqualTo("\"\"");
    }

    @Test
    void shouldReadAnArrayWrittenInSeveralBlocksWithByteSizes() {
        // Avro's blocked array form: a negative count is followed by the block's size in bytes.
        final byte[] body = {
            1, 16, 0, 0, 0, 0, 0, 0, (byte) 0xF0, 0x3F, 2, 0, 0, 0, 0, 0, 0, 0, 0x40, 0, 0, 0, 0, 0, 0, 0, 0x08, 0x40
        };
        final byte[] value = withHeader(AvroCodec.EXAMPLE_FINGERPRINT, body);
        assertThat(codec.decodeExample(value)).isEqualTo(new Example(new double[] {1.0, 2.0}, 3.0));
    }

    @Test
    void shouldRejectANullValue() {
        assertThat(reasonOf(() -> codec.decodeExample(null))).isEqualTo(RejectionReason.NULL_VALUE);
        assertThat(reasonOf(() -> codec.decodePredict(null))).isEqualTo(RejectionReason.NULL_VALUE);
    }

    @Test
    void shouldRejectAnotherFingerprintAsSchemaMismatch() {
        final byte[] predict = AvroEncoding.encodePredict(new double[] {1.0}, null);
        final byte[] example = AvroEncoding.encodeExample(new double[] {1.0}, 2.0);
        assertThat(reasonOf(() -> codec.decodeExample(predict))).isEqualTo(RejectionReason.SCHEMA_MISMATCH);
        assertThat(reasonOf(() -> codec.decodePredict(example))).isEqualTo(RejectionReason.SCHEMA_MISMATCH);
        example[9] ^= 1;
        final RecordRejectedException e =
                catchThrowableOfType(RecordRejectedException.class, () -> codec.decodeExample(example));
        assertThat(e.reason()).isEqualTo(RejectionReason.SCHEMA_MISMATCH);
        assertThat(e.getMessage())
                .contains(String.format(Locale.ROOT, "%016x", AvroCodec.EXAMPLE_FINGERPRINT))
                .contains("onlinelearner.Example");
    }

    @Test
    void shouldRejectAValueWithoutTheMagicBytesAsNotAvro() {
        final byte[] wrongVersion = AvroEncoding.encodeExample(new double[] {1.0}, 2.0);
        wrongVersion[1] = 0x02;
        assertThat(reasonOf(() -> codec.decodeExample(wrongVersion))).isEqualTo(RejectionReason.NOT_AVRO);
        final byte[] json = "{\"x\": [1], \"y\": 2}".getBytes(StandardCharsets.UTF_8);
        assertThat(reasonOf(() -> codec.decodeExample(json))).isEqualTo(RejectionReason.NOT_AVRO);
        assertThat(reasonOf(() -> codec.decodePredict(new byte[0]))).isEqualTo(RejectionReason.NOT_AVRO);
        assertThat(reasonOf(() -> codec.decodePredict(new byte[] {(byte) 0xC3})))
                .isEqualTo(RejectionReason.NOT_AVRO);
    }

    @Test
    void shouldRejectEveryTruncationOfTheHeaderOrTheBodyAsNotAvro() {
        final AvroCodec wide = new AvroCodec(1000);
        final double[] x = new double[100];
        Arrays.fill(x, 0.25);
        for (final byte[] full : new byte[][] {
            AvroEncoding.encodeExample(x, 1.0), AvroEncoding.encodePredict(x, "id"), AvroEncoding.encodePredict(x, null)
        }) {
            final boolean example =
                    ByteBuffer.wrap(full, 2, 8).order(ByteOrder.LITTLE_ENDIAN).getLong()
                            == AvroCodec.EXAMPLE_FINGERPRINT;
            for (int length = 2; length < full.length; length++) {
                final byte[] cut = Arrays.copyOf(full, length);
                final RejectionReason reason =
                        example ? reasonOf(() -> wide.decodeExample(cut)) : reasonOf(() -> wide.decodePredict(cut));
                assertThat(reason)
                        .as("truncated to %d of %d bytes", length, full.length)
                        .isEqualTo(RejectionReason.NOT_AVRO);
            }
        }
    }

    @Test
    void shouldRejectBytesAfterTheBodyAndABadUnionBranchAsNotAvro() {
        final byte[] value = AvroEncoding.encodeExample(new double[] {1.0}, 2.0);
        final byte[] longer = Arrays.copyOf(value, value.length + 1);
        assertThat(reasonOf(() -> codec.decodeExample(longer))).isEqualTo(RejectionReason.NOT_AVRO);
        final byte[] predict = AvroEncoding.encodePredict(new double[] {1.0}, null);
        predict[predict.length - 1] = 4;
        assertThat(reasonOf(() -> codec.decodePredict(predict))).isEqualTo(RejectionReason.NOT_AVRO);
    }

    @Test
    void shouldRejectAnUndecodableBodyAsNotAvro() {
        final byte[] badCount = withHeader(AvroCodec.EXAMPLE_FINGERPRINT, new byte[] {
            (byte) 0xFF,
            (byte) 0xFF,
            (byte) 0xFF,
            (byte) 0xFF,
            (byte) 0xFF,
            (byte) 0xFF,
            (byte) 0xFF,
            (byte) 0xFF,
            (byte) 0xFF,
            (byte) 0xFF,
            (byte) 0xFF,
            1
        });
        assertThat(reasonOf(() -> codec.decodeExample(badCount))).isEqualTo(RejectionReason.NOT_AVRO);
        final byte[] negativeString =
                withHeader(AvroCodec.PREDICT_FINGERPRINT, new byte[] {2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 1});
        assertThat(reasonOf(() -> codec.decodePredict(negativeString))).isEqualTo(RejectionReason.NOT_AVRO);
    }

    @Test
    void shouldApplyTheSameValueChecksAsJson() {
        assertThat(reasonOf(() -> codec.decodeExample(AvroEncoding.encodeExample(new double[] {1.0, Double.NaN}, 1.0))))
                .isEqualTo(RejectionReason.NOT_FINITE);
        assertThat(reasonOf(() -> codec.decodeExample(AvroEncoding.encodeExample(new double[] {1.0}, 1 / 0.0))))
                .isEqualTo(RejectionReason.NOT_FINITE);
        assertThat(reasonOf(() -> codec.decodePredict(AvroEncoding.encodePredict(new double[] {-1 / 0.0}, "a"))))
                .isEqualTo(RejectionReason.NOT_FINITE);
        assertThat(reasonOf(() -> codec.decodeExample(AvroEncoding.encodeExample(new double[0], 1.0))))
                .isEqualTo(RejectionReason.NO_FEATURES);
        assertThat(reasonOf(() -> codec.decodePredict(AvroEncoding.encodePredict(new double[0], null))))
                .isEqualTo(RejectionReason.NO_FEATURES);
        assertThat(reasonOf(() -> codec.decodeExample(AvroEncoding.encodeExample(new double[5], 1.0))))
                .isEqualTo(RejectionReason.TOO_MANY_FEATURES);
        assertThat(reasonOf(() -> codec.decodePredict(AvroEncoding.encodePredict(new double[5], null))))
                .isEqualTo(RejectionReason.TOO_MANY_FEATURES);
        assertThat(codec.decodeExample(AvroEncoding.encodeExample(new double[4], 1.0))
                        .dimension())
                .isEqualTo(4);
    }

    @Test
    void shouldNameTheNonFiniteFeature() {
        final RecordRejectedException e = catchThrowableOfType(
                RecordRejectedException.class,
                () -> codec.decodeExample(AvroEncoding.encodeExample(new double[] {1.0, Double.NaN}, 1.0)));
        assertThat(e).hasMessage("\"x[1]\" is not finite: NaN");
    }

    private static byte[] withHeader(final long fingerprint, final byte[] body) {
        final ByteBuffer value = ByteBuffer.allocate(10 + body.length).order(ByteOrder.LITTLE_ENDIAN);
        value.put((byte) 0xC3).put((byte) 0x01).putLong(fingerprint).put(body);
        return value.array();
    }

    /** An Avro string must be UTF-8: decoded, a bad byte would become U+FFFD and two ids could be one. */
    @Test
    void shouldRefuseAnIdThatIsNotWellFormedUtf8() {
        final byte[] predict = AvroEncoding.encodePredict(new double[] {1.0}, "AB");
        predict[predict.length - 2] = (byte) 0xFF;
        final byte[] label = AvroEncoding.encodeLabel("AB", 1.0);
        label[label.length - 8 - 1] = (byte) 0xC0;

        for (final Runnable decode :
                new Runnable[] {() -> codec.decodePredict(predict), () -> codec.decodeLabel(label)}) {
            final RecordRejectedException e = catchThrowableOfType(RecordRejectedException.class, decode::run);
            assertThat(e.reason()).isEqualTo(RejectionReason.NOT_AVRO);
            assertThat(e.getMessage()).contains("\"id\" is not well-formed UTF-8");
        }
        assertThat(codec.decodePredict(AvroEncoding.encodePredict(new double[] {1.0}, "AB"))
                        .idJson())
                .isEqualTo("\"AB\"");
    }

    /** The id buffer is reused: only its id's bytes are checked, not what a longer id left behind it. */
    @Test
    void shouldCheckOnlyTheBytesOfTheIdInTheReusedBuffer() {
        assertThat(codec.decodePredict(AvroEncoding.encodePredict(new double[] {1.0}, "Aé"))
                        .idJson())
                .isEqualTo("\"Aé\"");
        assertThat(codec.decodePredict(AvroEncoding.encodePredict(new double[] {1.0}, "BC"))
                        .idJson())
                .isEqualTo("\"BC\"");
    }
}
