package io.onlinelearner.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/** Every finite number the parser reads is exactly the double {@link Double#parseDouble} reads from the same text. */
class RecordParserNumberProperties {

    private final RecordParser parser = new RecordParser(10);

    @Property(tries = 2000)
    void shouldReadEveryNumberExactlyAsParseDouble(
            @ForAll final double a, @ForAll final double b, @ForAll final long mantissa, @ForAll final byte exponent) {
        final String scientific = mantissa + "e" + (exponent / 4);
        final double[] expected = {a, b, Double.parseDouble(scientific)};
        final String json = "{\"x\": [" + a + ", " + b + ", " + scientific + "], \"y\": " + b + "}";
        if (!Double.isFinite(a) || !Double.isFinite(b) || !Double.isFinite(expected[2])) {
            return;
        }

        final Example example = parser.parse(json.getBytes(StandardCharsets.UTF_8));

        assertThat(example.x()).containsExactly(expected);
        assertThat(Double.doubleToRawLongBits(example.y())).isEqualTo(Double.doubleToRawLongBits(b));
    }
}
