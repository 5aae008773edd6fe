package io.onlinelearner.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/** Every finite number the parser reads is exactly the double {@link Double#parseDouble} reads from the same text. */
class RecordParserNumberProperties {

    private final RecordParser parser = new RecordParser(10);

    @Property(tries = 2000)
    void shouldReadEveryNumberExactlyAsParseDouble(
            @ForAll final double a, @ForAll final double b, @ForAll final long mantissa, @ForAll final byte exponent) {
        final String scientific = mantissa + "e" + (exponent / 4);
        final double[] expected = {a, b, Double.parseDouble(scientific)};
        final String json = "{\"x\": [" + a + ", " + b + ", " + scientific + "], \"y\": " + b + "}";
        Assume.that(Double.isFinite(a) && Double.isFinite(b) && Double.isFinite(expected[2]));

        final Example example = parser.parse(json.getBytes(StandardCharsets.UTF_8));

        assertThat(example.x()).containsExactly(expected);
        assertThat(Double.doubleToRawLongBits(example.y())).isEqualTo(Double.doubleToRawLongBits(b));
    }

    /**
     * Decimals of up to 17 digits with the point anywhere and powers of ten from -30 to 30 (across
     * the exact doubles' edges: significands of 2^53, powers of 22): each read as parseDouble reads it.
     */
    @Property(tries = 5000)
    void shouldReadDecimalsOfEveryLengthAndPowerExactlyAsParseDouble(
            @ForAll @LongRange(min = 0, max = 99_999_999_999_999_999L) final long significand,
            @ForAll @IntRange(min = 0, max = 18) final int point,
            @ForAll @IntRange(min = -30, max = 30) final int power,
            @ForAll final boolean negative,
            @ForAll final boolean withPower) {
        final String digits = Long.toString(significand);
        final String padded = "0".repeat(Math.max(0, point - digits.length() + 1)) + digits;
        final int split = padded.length() - point;
        final String text = (negative ? "-" : "")
                + padded.substring(0, split)
                + (point > 0 ? "." + padded.substring(split) : "")
                + (withPower || point == 0 ? "e" + power : "");

        assertReadAsParseDouble(parser, text);
    }

    /** {@code text} as both a feature and the label reads exactly as {@link Double#parseDouble} reads it. */
    static void assertReadAsParseDouble(final RecordParser parser, final String text) {
        final double expected = Double.parseDouble(text);
        final String json = "{\"x\": [" + text + "], \"y\": " + text + "}";

        final Example example = parser.parse(json.getBytes(StandardCharsets.UTF_8));

        assertThat(Double.doubleToRawLongBits(example.x()[0])).as(text).isEqualTo(Double.doubleToRawLongBits(expected));
        assertThat(Double.doubleToRawLongBits(example.y())).as(text).isEqualTo(Double.doubleToRawLongBits(expected));
    }
}
