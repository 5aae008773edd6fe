package io.onlinelearner.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.statistics.Statistics;

/** JSON and Avro agree on every finite vector, and no byte string makes the Avro decoder fail other than by a rejection. */
class InputParserProperties {

    private static final int MAX_FEATURES = 64;

    private static final int MAX_BYTES = 1 << 20;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final InputParser json = InputParser.forFormat(InputFormat.JSON, MAX_FEATURES, MAX_BYTES);
    private final InputParser avro = InputParser.forFormat(InputFormat.AVRO, MAX_FEATURES, MAX_BYTES);

    @Provide
    Arbitrary<Double> finite() {
        return Arbitraries.oneOf(
                        Arbitraries.longs().map(Double::longBitsToDouble),
                        Arbitraries.doubles().between(-1e3, 1e3),
                        Arbitraries.of(-0.0, Double.MIN_VALUE, Double.MAX_VALUE, -Double.MIN_NORMAL))
                .filter(Double::isFinite);
    }

    @Property(tries = 500)
    void shouldParseTheSameExampleFromJsonAndAvro(
            @ForAll @Size(min = 1, max = MAX_FEATURES) final List<@From("finite") Double> features,
            @ForAll("finite") final double y) {
        final double[] x = features.stream().mapToDouble(Double::doubleValue).toArray();

        final Example fromJson = json.parseExample(jsonValue(x, "\"y\": " + y));
        final Example fromAvro = avro.parseExample(AvroEncoding.encodeExample(x, y));

        assertThat(fromAvro).isEqualTo(fromJson).isEqualTo(new Example(x, y));
    }

    @Property(tries = 300)
    void shouldParseTheSamePredictRequestFromJsonAndAvro(
            @ForAll @Size(min = 1, max = MAX_FEATURES) final List<@From("finite") Double> features,
            @ForAll("ids") final String id)
            throws JsonProcessingException {
        final double[] x = features.stream().mapToDouble(Double::doubleValue).toArray();

        final PredictRequest fromJson = json.parsePredict(jsonValue(x, "\"id\": " + JSON.writeValueAsString(id)));
        final PredictRequest fromAvro = avro.parsePredict(AvroEncoding.encodePredict(x, id));

        assertThat(fromAvro).isEqualTo(fromJson);
        Statistics.label("beyond the BMP").collect(id.codePoints().anyMatch(Character::isSupplementaryCodePoint));
        Statistics.label("beyond the BMP").coverage(c -> c.check(true).percentage(p -> p > 10));
        Statistics.label("control character").collect(id.chars().anyMatch(c -> c < 0x20));
        Statistics.label("control character").coverage(c -> c.check(true).percentage(p -> p > 10));
    }

    /** Ids of any Unicode text: control characters, characters beyond the BMP, quotes and backslashes. */
    @Provide
    Arbitrary<String> ids() {
        final Arbitrary<Integer> codePoint = Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.integers().between(0, 0x1F)),
                Tuple.of(3, Arbitraries.of((int) '"', (int) '\\', (int) '/', 0x7F, 0xE9, 0x2028)),
                Tuple.of(3, Arbitraries.integers().between(0x10000, 0x10FFFF)),
                Tuple.of(6, Arbitraries.integers().between(0x20, 0xD7FF)));
        final Arbitrary<String> anyText = codePoint
                .list()
                .ofMaxSize(12)
                .map(points ->
                        new String(points.stream().mapToInt(Integer::intValue).toArray(), 0, points.size()));
        return Arbitraries.oneOf(anyText, Arbitraries.strings().all().filter(InputParserProperties::wellFormed));
    }

    private static boolean wellFormed(final String text) {
        return StandardCharsets.UTF_8.newEncoder().canEncode(text);
    }

    @Property(tries = 2000)
    void shouldRejectAnyBodyItCannotDecodeWithoutAnyOtherException(
            @ForAll @Size(max = 40) final byte[] body, @ForAll final boolean example) {
        final long fingerprint = example ? AvroCodec.EXAMPLE_FINGERPRINT : AvroCodec.PREDICT_FINGERPRINT;
        final byte[] value = new byte[10 + body.length];
        value[0] = (byte) 0xC3;
        value[1] = 0x01;
        for (int i = 0; i < 8; i++) {
            value[2 + i] = (byte) (fingerprint >>> (8 * i));
        }
        System.arraycopy(body, 0, value, 10, body.length);
        try {
            final Object parsed = example ? avro.parseExample(value) : avro.parsePredict(value);
            assertThat(parsed).isNotNull();
        } catch (RecordRejectedException e) {
            assertThat(e.reason())
                    .isIn(
                            RejectionReason.NOT_AVRO,
                            RejectionReason.NOT_FINITE,
                            RejectionReason.NO_FEATURES,
                            RejectionReason.TOO_MANY_FEATURES);
        }
    }

    @Property(tries = 200)
    void shouldParseCommandsAsJsonInEitherFormat(@ForAll("commandNames") final String name) {
        final byte[] value = String.format(Locale.ROOT, "{\"command\": \"%s\", \"lr\": 0.5}", name)
                .getBytes(StandardCharsets.UTF_8);
        assertThat(avro.parseCommand(value)).isEqualTo(json.parseCommand(value));
        assertThat(catchThrowableOfType(
                                RecordRejectedException.class,
                                () -> avro.parseCommand(AvroEncoding.encodeExample(new double[] {1.0}, 1.0)))
                        .reason())
                .isEqualTo(RejectionReason.BAD_COMMAND);
    }

    @Provide
    Arbitrary<String> commandNames() {
        return Arbitraries.of("stop", "resume", "reset", "set-lr");
    }

    private static byte[] jsonValue(final double[] x, final String extra) {
        final StringBuilder text = new StringBuilder("{\"x\": [");
        for (int i = 0; i < x.length; i++) {
            text.append(i == 0 ? "" : ", ").append(x[i]);
        }
        return text.append("], ").append(extra).append('}').toString().getBytes(StandardCharsets.UTF_8);
    }
}
