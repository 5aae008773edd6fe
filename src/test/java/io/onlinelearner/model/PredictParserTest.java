package io.onlinelearner.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@link RecordParser#parsePredict}: the id echo forms and every class of bad predict record. */
class PredictParserTest {

    private final RecordParser parser = new RecordParser(4);

    private PredictRequest parse(final String json) {
        return parser.parsePredict(json.getBytes(StandardCharsets.UTF_8));
    }

    private RecordRejectedException rejection(final String json) {
        final byte[] bytes = json == null ? null : json.getBytes(StandardCharsets.UTF_8);
        return catchThrowableOfType(RecordRejectedException.class, () -> parser.parsePredict(bytes));
    }

    @Test
    void shouldParseFeaturesWithoutAnId() {
        assertThat(parse("{\"x\": [1, 2.5]}")).isEqualTo(new PredictRequest(new double[] {1.0, 2.5}, null));
    }

    @Test
    void shouldParseABareNumberAsOneFeature() {
        assertThat(parse("{\"x\": 3, \"id\": 1}").x()).containsExactly(3.0);
    }

    @ParameterizedTest(name = "{0} echoes {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "{\"x\": [1], \"id\": \"req-1\"}                 | \"req-1\"",
                "{\"x\": [1], \"id\": 3.5}                       | 3.5",
                "{\"x\": [1], \"id\": 4}                         | 4",
                "{\"x\": [1], \"id\": -1.50E+3}                  | -1.50E+3",
                "{\"x\": [1], \"id\": 12345678901234567890123}   | 12345678901234567890123",
                "{\"x\": [1], \"id\": true}                      | true",
                "{\"x\": [1], \"id\": false}                     | false",
                "{\"x\": [1], \"id\": null}                      | null",
                "{\"id\":\"a\\\"b\\u00e9\\n\",\"x\":[1]}         | \"a\\\"b\\u00e9\\n\"",
                "{\"x\": [1], \"id\": \"\u00e9t\u00e9 \u2603\"}  | \"\u00e9t\u00e9 \u2603\"",
                "{\"x\": [1], \"id\": \"\"}                      | \"\"",
                "{\"x\": [1], \"id\": {\"a\": [1, 2.0], \"b\": \"c\"}} | {\"a\": [1, 2.0], \"b\": \"c\"}",
                "{\"x\": [1], \"id\": [7,{}] }                   | [7,{}]",
            })
    void shouldEchoTheIdExactlyAsWritten(final String json, final String idJson) {
        assertThat(parse(json).idJson()).isEqualTo(idJson);
    }

    @Test
    void shouldIgnoreYAndUnknownFieldsWhateverTheyHold() {
        assertThat(parse("{\"y\": \"not a label\", \"x\": [1, 2], \"extra\": {\"n\": [null]}, \"id\": \"r\"}"))
                .isEqualTo(new PredictRequest(new double[] {1.0, 2.0}, "\"r\""));
        assertThat(parse("{\"x\": [1], \"y\": 1e400, \"z\": [-1e999]}").x()).containsExactly(1.0);
    }

    @Test
    void shouldNotKeepStateBetweenRecords() {
        parse("{\"x\": [9, 9, 9, 9], \"id\": \"long one\"}");
        assertThat(parse("{\"x\": [1, 2]}")).isEqualTo(new PredictRequest(new double[] {1.0, 2.0}, null));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "not json                                | NOT_JSON",
                "{\"x\": [1]                             | NOT_JSON",
                "{\"x\": [1]} []                         | NOT_JSON",
                "''                                      | NOT_JSON",
                "{\"x\": [1], \"id\": 1, \"id\": 2}      | NOT_JSON",
                "[1, 2]                                  | NOT_AN_OBJECT",
                "\"x\"                                   | NOT_AN_OBJECT",
                "{\"id\": \"r\"}                         | MISSING_X",
                "{\"x\": \"1\"}                          | NOT_NUMERIC",
                "{\"x\": [1, null]}                      | NOT_NUMERIC",
                "{\"x\": {\"a\": 1}}                     | NOT_NUMERIC",
                "{\"x\": [NaN]}                          | NOT_FINITE",
                "{\"x\": -Infinity}                      | NOT_FINITE",
                "{\"x\": [1e400]}                        | NOT_FINITE",
                "{\"x\": [1], \"id\": NaN}               | NOT_FINITE",
                "{\"x\": [1], \"id\": {\"a\": [Infinity]}} | NOT_FINITE",
                "{\"x\": [1], \"y\": NaN}              | NOT_JSON",
                "{\"x\": [1], \"note\": {\"a\": [-Infinity]}} | NOT_JSON",
                "{\"x\": []}                             | NO_FEATURES",
                "{\"x\": [1, 2, 3, 4, 5]}                | TOO_MANY_FEATURES",
            })
    void shouldRejectEachKindOfBadPredictValue(final String json, final RejectionReason reason) {
        assertThat(rejection(json).reason()).isEqualTo(reason);
    }

    @Test
    void shouldRejectANullValue() {
        assertThat(rejection(null).reason()).isEqualTo(RejectionReason.NULL_VALUE);
    }

    @Test
    void shouldSayWhatIsWrongInTheMessage() {
        assertThat(rejection("{\"x\": [1, true]}")).hasMessage("\"x[1]\" is not a number: found a boolean");
        assertThat(rejection("{\"x\": [1], \"id\": NaN}")).hasMessage("\"id\" holds a non-finite number: NaN");
    }
}
