package io.onlinelearner.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link LabelParser} and the JSON {@link InputParser}'s {@code parseLabel}: {@code {"id", "y"}} and every bad label. */
class LabelParserTest {

    private final InputParser parser = InputParser.forFormat(InputFormat.JSON, 4, 1 << 20);

    private Label parse(final String json) {
        return parser.parseLabel(json.getBytes(StandardCharsets.UTF_8));
    }

    private RejectionReason reasonOf(final String json) {
        return catchThrowableOfType(RecordRejectedException.class, () -> parse(json))
                .reason();
    }

    @Test
    void shouldKeepTheIdAsItsJsonTextSoANumberAndAStringDiffer() {
        assertThat(parse("{\"id\": \"r-1\", \"y\": 4.0}")).isEqualTo(new Label("\"r-1\"", 4.0));
        assertThat(parse("{\"y\": -2, \"id\": 7}")).isEqualTo(new Label("7", -2.0));
        assertThat(parse("{\"id\": \"7\", \"y\": 0}").idJson()).isEqualTo("\"7\"");
        assertThat(parse("{\"id\": 7.50, \"y\": 0}").idJson()).isEqualTo("7.50");
        assertThat(parse("{\"id\": \"caf\\u00e9\", \"y\": 1}").idJson()).isEqualTo("\"caf\\u00e9\"");
    }

    @Test
    void shouldIgnoreUnknownFieldsAndAnX() {
        assertThat(parse("{\"id\": 1, \"y\": 1.5, \"x\": [1, 2], \"note\": {\"a\": [1]}}"))
                .isEqualTo(new Label("1", 1.5));
    }

    @Test
    void shouldRefuseANullValue() {
        assertThat(catchThrowableOfType(RecordRejectedException.class, () -> parser.parseLabel(null))
                        .reason())
                .isEqualTo(RejectionReason.NULL_VALUE);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "not json|NOT_JSON",
                "|NOT_JSON",
                "{\"id\": 1, \"y\": 1} trailing|NOT_JSON",
                "[1, 2]|NOT_AN_OBJECT",
                "{\"y\": 1.0}|MISSING_ID",
                "{\"id\": null, \"y\": 1.0}|MISSING_ID",
                "{\"id\": \"a\"}|MISSING_Y",
                "{\"id\": \"a\", \"y\": \"1\"}|NOT_NUMERIC",
                "{\"id\": \"a\", \"y\": null}|NOT_NUMERIC",
                "{\"id\": \"a\", \"y\": [1]}|NOT_NUMERIC",
                "{\"id\": \"a\", \"y\": NaN}|NOT_FINITE",
                "{\"id\": \"a\", \"y\": -Infinity}|NOT_FINITE",
                "{\"id\": \"a\", \"y\": 1e999}|NOT_FINITE",
                "{\"id\": NaN, \"y\": 1}|NOT_FINITE",
                "{\"id\": \"a\", \"y\": 1, \"n\": NaN}|NOT_JSON",
                "{\"id\": \"a\", \"n\": {\"m\": [Infinity]}, \"y\": 1}|NOT_JSON",
                "{\"id\": \"a\", \"id\": \"b\", \"y\": 1}|NOT_JSON"
            })
    void shouldRefuseEveryBadLabelWithItsReason(final String json, final RejectionReason reason) {
        assertThat(reasonOf(json == null ? "" : json)).isEqualTo(reason);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"id\": true, \"y\": 1}", "{\"id\": [1], \"y\": 1}"})
    void shouldKeepAnyOtherIdAsItsTextAsAPredictionsIdIsEchoed(final String json) {
        assertThat(parse(json).idJson()).isEqualTo(json.substring(7, json.indexOf(", \"y\"")));
    }
}
