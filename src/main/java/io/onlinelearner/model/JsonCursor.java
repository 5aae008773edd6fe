package io.onlinelearner.model;

import ch.randelshofer.fastdoubleparser.JsonDoubleParser;
import java.nio.charset.StandardCharsets;

/**
 * A cursor over the bytes of one JSON value that reads the few tokens {@link PlainJsonScanner}
 * needs: structural bytes, numbers and plain strings, with JSON whitespace skipped before each.
 * Every read answers false, null or -1 for what it does not read, and never throws: the scanner
 * then leaves the value to Jackson. Numbers are read as JSON's grammar has them; a decimal goes to
 * FastDoubleParser's JSON parser (correctly rounded, as Jackson's), an integer of at most 18 digits
 * through {@code long} (as Jackson converts it, so {@code -0} is 0). Longer numbers, longer
 * integers and non-finite values are not read.
 *
 * <p>Mutable (its position and last number): one per scanner, never shared.
 */
final class JsonCursor {

    /** Longer numbers are left to Jackson (a double's shortest form has at most 24 characters). */
    static final int MAX_NUMBER_LENGTH = 32;

    private static final int MAX_LONG_DIGITS = 18;

    private byte[] in = new byte[0];
    private int pos;
    private double number;

    /** Starts reading {@code value} at its first byte. */
    void reset(final byte[] value) {
        in = value;
        pos = 0;
    }

    /** The next byte after whitespace, consumed; -1 at the end. */
    int next() {
        final int b = peek();
        pos++;
        return b;
    }

    /** The next byte after whitespace, not consumed; -1 at the end. */
    int peek() {
        skipWhitespace();
        return at(pos);
    }

    /** The byte {@code offset} bytes after the current one, whitespace not skipped; -1 past the end. */
    int ahead(final int offset) {
        return at(pos + offset);
    }

    /** Moves past {@code count} bytes. */
    void skip(final int count) {
        pos += count;
    }

    /** True, and past it, when a comma follows. */
    boolean comma() {
        if (peek() == ',') {
            pos++;
            return true;
        }
        return false;
    }

    /** True when only whitespace is left. */
    boolean atEnd() {
        skipWhitespace();
        return pos == in.length;
    }

    /** The number that the last successful {@link #number()} read. */
    double lastNumber() {
        return number;
    }

    /**
     * Reads one JSON number ({@link #lastNumber()}): false for anything else, and for what it leaves
     * to Jackson (too long, an integer beyond 18 digits, not finite).
     */
    boolean number() {
        skipWhitespace();
        final int start = pos;
        final boolean negative = at(pos) == '-';
        if (negative) {
            pos++;
        }
        final int digits = pos;
        if (at(pos) == '0') {
            pos++;
        } else if (!skipDigits()) {
            return false;
        }
        final int integerDigits = pos - digits;
        final boolean decimal = at(pos) == '.' || at(pos) == 'e' || at(pos) == 'E';
        if (decimal) {
            return skipFractionAndExponent() && readDecimal(start, pos - start);
        }
        return integerDigits <= MAX_LONG_DIGITS && readLong(digits, negative);
    }

    /** A string of printable ASCII without escapes, with its quotes; null for any other value. */
    String plainString() {
        if (peek() != '"') {
            return null;
        }
        final int start = pos++;
        int b;
        while ((b = at(pos)) != '"') {
            if (b < 0x20 || b > 0x7e || b == '\\') {
                return null;
            }
            pos++;
        }
        pos++;
        return new String(in, start, pos - start, StandardCharsets.US_ASCII);
    }

    /** Skips {@code .digits}, then {@code e[+-]digits}, each optional: false if either has no digits. */
    private boolean skipFractionAndExponent() {
        if (at(pos) == '.') {
            pos++;
            if (!skipDigits()) {
                return false;
            }
        }
        if (at(pos) == 'e' || at(pos) == 'E') {
            pos++;
            if (at(pos) == '+' || at(pos) == '-') {
                pos++;
            }
            return skipDigits();
        }
        return true;
    }

    private boolean readLong(final int digitsStart, final boolean negative) {
        long value = 0;
        for (int i = digitsStart; i < pos; i++) {
            value = 10 * value + (in[i] - '0');
        }
        number = negative ? -value : value;
        return true;
    }

    private boolean readDecimal(final int start, final int length) {
        if (length > MAX_NUMBER_LENGTH) {
            return false;
        }
        try {
            number = JsonDoubleParser.parseDouble(in, start, length);
        } catch (NumberFormatException e) {
            return false;
        }
        return Double.isFinite(number);
    }

    private boolean skipDigits() {
        final int start = pos;
        int b;
        while ((b = at(pos)) >= '0' && b <= '9') {
            pos++;
        }
        return pos > start;
    }

    private void skipWhitespace() {
        int b;
        while ((b = at(pos)) == ' ' || b == '\n' || b == '\r' || b == '\t') {
            pos++;
        }
    }

    /** The byte at {@code index}, or -1 past the end. */
    private int at(final int index) {
        return index < in.length ? in[index] : -1;
    }
}
