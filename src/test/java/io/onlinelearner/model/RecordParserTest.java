package io.onlinelearner.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RecordParserTest {

    private final RecordParser parser = new RecordParser(4);

    private Example parse(final String json) {
        return parser.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    private RejectionReason reasonFor(final String json) {
        final byte[] bytes = json == null ? null : json.getBytes(StandardCharsets.UTF_8);
        return catchThrowableOfType(RecordRejectedException.class, () -> parser.parse(bytes))
                .reason();
    }

    @Test
    void shouldParseABareNumberAsOneFeature() {
        assertThat(parse("{\"x\": 3.0, \"y\": 4.0}")).isEqualTo(new Example(new double[] {3.0}, 4.0));
    }

    @Test
    void shouldParseAnArrayOfFeaturesAndIgnoreUnknownFields() {
        assertThat(parse("{\"id\": {\"a\": [1, 2]}, \"x\": [1, 2.5, -3e2], \"note\": \"hi\", \"y\": -4}"))
                .isEqualTo(new Example(new double[] {1.0, 2.5, -300.0}, -4.0));
    }

    @Test
    void shouldNotKeepStateBetweenRecords() {
        parse("{\"x\": [9, 9, 9, 9], \"y\": 1}");
        assertThat(parse("{\"x\": [1, 2], \"y\": 1}").x()).containsExactly(1.0, 2.0);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "not json                                | NOT_JSON",
                "{\"x\": 1, \"y\": 2                     | NOT_JSON",
                "{\"x\": 1, \"y\": 2} {}                 | NOT_JSON",
                "''                                      | NOT_JSON",
                "{\"x\": 1, \"x\": 2, \"y\": 2}          | NOT_JSON",
                "[1, 2]                                  | NOT_AN_OBJECT",
                "42                                      | NOT_AN_OBJECT",
                "{\"y\": 2}                              | MISSING_X",
                "{\"x\": [1]}                            | MISSING_Y",
                "{\"x\": \"1\", \"y\": 2}                | NOT_NUMERIC",
                "{\"x\": [1, true], \"y\": 2}            | NOT_NUMERIC",
                "{\"x\": 1, \"y\": null}                 | NOT_NUMERIC",
                "{\"x\": [[1]], \"y\": 2}                | NOT_NUMERIC",
                "{\"x\": NaN, \"y\": 2}                  | NOT_FINITE",
                "{\"x\": 1, \"y\": 2, \"n\": NaN}        | NOT_JSON",
                "{\"x\": 1, \"n\": [1, +INF], \"y\": 2}  | NOT_JSON",
                "{\"n\": {\"m\": -Infinity}, \"x\": 1, \"y\": 2} | NOT_JSON",
                "{\"x\": 1, \"y\": Infinity}             | NOT_FINITE",
                "{\"x\": [1, 1e400], \"y\": 2}           | NOT_FINITE",
                "{\"x\": [], \"y\": 2}                   | NO_FEATURES",
                "{\"x\": [1, 2, 3, 4, 5], \"y\": 2}      | TOO_MANY_FEATURES",
            })
    void shouldRejectEachKindOfBadValue(final String json, final RejectionReason reason) {
        assertThat(reasonFor(json)).isEqualTo(reason);
    }

    @Test
    void shouldRejectANullValue() {
        assertThat(reasonFor(null)).isEqualTo(RejectionReason.NULL_VALUE);
    }

    /**
     * Jackson checks the UTF-8 of a name only the first time it sees it: a name with a bad byte
     * could otherwise be read as one already seen ({@code \xffx} as {@code x}).
     */
    @Test
    void shouldRefuseBytesThatAreNotUtf8AfterTheNamesAreKnown() {
        parse("{\"x\": [1], \"y\": 1, \"note\": \"é\"}");
        final byte[] aliased = "{\"?x\": [1, 2], \"?y\": 3}".getBytes(StandardCharsets.US_ASCII);
        aliased[2] = (byte) 0xFF;
        aliased[14] = (byte) 0xFF;
        final RecordRejectedException e =
                catchThrowableOfType(RecordRejectedException.class, () -> parser.parse(aliased));
        assertThat(e.reason()).isEqualTo(RejectionReason.NOT_JSON);
        assertThat(e).hasMessage("not valid JSON: the byte at 2 is not well-formed UTF-8");
        final byte[] overlong = "{\"x\": [1], \"y\": 1, \"s\": \"??\"}".getBytes(StandardCharsets.US_ASCII);
        overlong[overlong.length - 4] = (byte) 0xC0;
        overlong[overlong.length - 3] = (byte) 0xAF;
        assertThat(catchThrowableOfType(RecordRejectedException.class, () -> parser.parse(overlong))
                        .reason())
                .isEqualTo(RejectionReason.NOT_JSON);
    }

    @Test
    void shouldIgnoreDeeplyNestedUnknownFieldsAndReadLongNumbersUpToJacksonsLimits() {
        final String nested = "[".repeat(999) + "]".repeat(999);
        assertThat(parse("{\"meta\": " + nested + ", \"x\": [1], \"y\": 1}").x())
                .containsExactly(1.0);
        assertThat(parse("{\"x\": [1" + "0".repeat(200) + "], \"y\": 1}").x()).containsExactly(1e200);
        final String digits = "0." + "3".repeat(70);
        assertThat(parse("{\"x\": [" + digits + "], \"y\": 1, \"n\": " + digits + "}")
                        .x())
                .containsExactly(Double.parseDouble(digits));
    }

    @Test
    void shouldRejectDeeperNestingAndLongerNumbersThanJacksonsLimits() {
        assertThat(reasonFor("{\"z\": " + "[".repeat(1000) + "]".repeat(1000) + ", \"x\": 1, \"y\": 1}"))
                .isEqualTo(RejectionReason.NOT_JSON);
        assertThat(reasonFor("{\"x\": 1" + "0".repeat(1000) + ", \"y\": 1}")).isEqualTo(RejectionReason.NOT_JSON);
    }

    @Test
    void shouldReadARecordWhoseUnknownFieldIsFarLongerThanItsFeatures() {
        final Example example = parse("{\"pad\": \"" + "a".repeat(10_000) + "\", \"x\": 1, \"y\": 1}");
        assertThat(example.x()).containsExactly(1.0);
    }

    @Test
    void shouldSayWhatIsWrongInTheMessage() {
        final RecordRejectedException e =
                catchThrowableOfType(RecordRejectedException.class, () -> parse("{\"x\": [1, \"a\"], \"y\": 1}"));
        assertThat(e).hasMessage("\"x[1]\" is not a number: found a string");
        assertThat(e.reason().code()).isEqualTo("not-numeric");
    }
}
