package io.onlinelearner.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What the plain scanner reads itself, and what it leaves to Jackson. */
class PlainJsonScannerTest {

    private final PlainJsonScanner scanner = new PlainJsonScanner(3);

    @Test
    void shouldReadAPlainTrainingValue() {
        final Example example = scanner.example(bytes(" {\"y\": 0.25,\n\t\"x\" : [1.5, -2, 3e2]} "));

        assertThat(example.x()).containsExactly(1.5, -2.0, 300.0);
        assertThat(example.y()).isEqualTo(0.25);
    }

    @Test
    void shouldReadABareNumberAsOneFeature() {
        assertThat(scanner.example(bytes("{\"x\":-0.5E-1,\"y\":1}")).x()).containsExactly(-0.05);
    }

    @Test
    void shouldReadAPredictionAndKeepItsIdWithItsQuotes() {
        final PredictRequest request = scanner.predict(bytes("{\"x\": [1, 2], \"id\": \"req-1\"}"));

        assertThat(request.x()).containsExactly(1.0, 2.0);
        assertThat(request.idJson()).isEqualTo("\"req-1\"");
        assertThat(scanner.predict(bytes("{\"x\": [1]}")).idJson()).isNull();
    }

    @Test
    void shouldReadALabel() {
        final Label label = scanner.label(bytes("{\"id\":\"r 7\",\"y\":-3}"));

        assertThat(label.idJson()).isEqualTo("\"r 7\"");
        assertThat(label.y()).isEqualTo(-3.0);
    }

    @Test
    void shouldSkipOtherFieldsThatHoldPlainScalars() {
        final Example example = scanner.example(
                bytes("{\"ts\": 1733400000000, \"x\": [1, 2], \"src\": \"web\", \"id\": \"r\", \"ok\": true,"
                        + " \"no\": false, \"z\": null, \"y\": 3, \"\": -1.5e400}"));

        assertThat(example.x()).containsExactly(1.0, 2.0);
        assertThat(example.y()).isEqualTo(3.0);
        assertThat(scanner.predict(bytes("{\"x\": [1], \"y\": \"ignored\", \"id\": \"a\"}"))
                        .idJson())
                .isEqualTo("\"a\"");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"x\": [1], \"y\": 1, \"z\": [0]}",
                "{\"x\": [1], \"y\": 1, \"z\": {}}",
                "{\"x\": [1], \"z\": 0, \"y\": 1, \"z\": 0}",
                "{\"x\": [1], \"y\": 1, \"z\": 01}",
                "{\"x\": [1], \"y\": 1, \"z\": nul}",
                "{\"x\": [1], \"y\": 1, \"z\": NaN}",
                "{\"x\": [1], \"y\": 1, \"z\": \"\\n\"}",
                "{\"x\": [1], \"y\": 1, \"y\": 2}",
                "{\"x\": [1], \"y\": NaN}",
                "{\"x\": [], \"y\": 1}",
                "{\"x\": [1, 2, 3, 4], \"y\": 1}",
                "{\"x\": [1], \"y\": 1e400}",
                "{\"x\": [1], \"y\": 1234567890123456789}",
                "{\"x\": [01], \"y\": 1}",
                "{\"x\": [1.], \"y\": 1}",
                "{\"x\": [1], \"y\": 1} x",
                "{\"\\u0078\": [1], \"y\": 1}",
                "{\"x\": [1]}",
                "[1]",
                "",
            })
    void shouldLeaveEverythingElseToJackson(final String json) {
        assertThat(scanner.example(bytes(json))).isNull();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"{\"x\": [1], \"id\": \"a\\\"b\"}", "{\"x\": [1], \"id\": \"é\"}", "{\"x\": [1], \"id\": 3}"})
    void shouldLeaveIdsThatAreNotPlainStringsToJackson(final String json) {
        assertThat(scanner.predict(bytes(json))).isNull();
    }

    private static byte[] bytes(final String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }
}
