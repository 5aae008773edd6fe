package io.onlinelearner.model;

import ch.randelshofer.fastdoubleparser.JsonDoubleParser;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A cursor over the bytes of one JSON value that reads the few tokens {@link PlainJsonScanner}
 * needs: structural bytes, field names, numbers and plain strings, and skips plain scalar values,
 * with JSON whitespace skipped before each.
 * Every read answers false, null or -1 for what it does not read, and never throws: the scanner
 * then leaves the value to Jackson. Numbers are read as JSON's grammar has them; a decimal goes to
 * FastDoubleParser's JSON parser (correctly rounded, as Jackson's), an integer of at most 18 digits
 * through {@code long} (as Jackson converts it, so {@code -0} is 0). Longer numbers, longer
 * integers and non-finite values are not read.
 *
 * <p>Mutable (its position, last number and last name): one per scanner, never shared.
 */
final class JsonCursor {

    /** Longer numbers are left to Jackson (a double's shortest form has at most 24 characters). */
    static final int MAX_NUMBER_LENGTH = 32;

    /** Longer field names are left to Jackson. */
    static final int MAX_NAME_LENGTH = 64;

    private static final int MAX_LONG_DIGITS = 18;
    private static final int INVALID = 0;
    private static final int INTEGER = 1;
    private static final int DECIMAL = 2;
    private static final VarHandle LITTLE_ENDIAN_LONG =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final byte[] TRUE = {'t', 'r', 'u', 'e'};
    private static final byte[] FALSE = {'f', 'a', 'l', 's', 'e'};
    private static final byte[] NULL = {'n', 'u', 'l', 'l'};

    private byte[] in = new byte[0];
    private int pos;
    private double number;
    private int nameStart;
    private int nameLength;

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

    /**
     * Reads a field name and the colon after it: true for a string of at most {@link
     * #MAX_NAME_LENGTH} printable ASCII bytes without escapes, which is then the {@linkplain
     * #nameIs last name}.
     */
    boolean name() {
        if (peek() != '"') {
            return false;
        }
        final int start = pos + 1;
        if (!skipPlainString() || pos - start - 1 > MAX_NAME_LENGTH) {
            return false;
        }
        nameStart = start;
        nameLength = pos - start - 1;
        return next() == ':';
    }

    /** True when the last name is {@code ascii}. */
    boolean nameIs(final String ascii) {
        if (nameLength != ascii.length()) {
            return false;
        }
        for (int i = 0; i < nameLength; i++) {
            if (in[nameStart + i] != ascii.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** Where the last name starts: with {@link #nameLength()}, to compare a later name with it. */
    int nameStart() {
        return nameStart;
    }

    /** The length of the last name, in bytes. */
    int nameLength() {
        return nameLength;
    }

    /** True when the last name is the one of {@code length} bytes at {@code start}. */
    boolean nameEquals(final int start, final int length) {
        return Arrays.equals(in, nameStart, nameStart + nameLength, in, start, start + length);
    }

    /**
     * Skips a value that is a plain string, a number of at most {@link #MAX_NUMBER_LENGTH}
     * characters, {@code true}, {@code false} or {@code null}: false for any other value.
     */
    boolean skipScalar() {
        final int b = peek();
        if (b == '"') {
            return skipPlainString();
        }
        if (b == 't' || b == 'f' || b == 'n') {
            return skipLiteral(b == 't' ? TRUE : b == 'f' ? FALSE : NULL);
        }
        final int start = pos;
        return scanNumber() != INVALID && pos - start <= MAX_NUMBER_LENGTH;
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
        final int kind = scanNumber();
        return kind == DECIMAL ? readDecimal(start, pos - start) : kind == INTEGER && readInteger(start);
    }

    /** A string of printable ASCII without escapes, with its quotes; null for any other value. */
    String plainString() {
        if (peek() != '"') {
            return null;
        }
        final int start = pos;
        return skipPlainString() ? new String(in, start, pos - start, StandardCharsets.US_ASCII) : null;
    }

    /** Moves past the string that starts here: false unless it is printable ASCII without escapes. */
    private boolean skipPlainString() {
        pos++;
        int b;
        while ((b = at(pos)) != '"') {
            if (b < 0x20 || b > 0x7e || b == '\\') {
                return false;
            }
            pos++;
        }
        pos++;
        return true;
    }

    private boolean skipLiteral(final byte[] literal) {
        if (!Arrays.equals(in, pos, Math.min(pos + literal.length, in.length), literal, 0, literal.length)) {
            return false;
        }
        pos += literal.length;
        return true;
    }

    /**
     * Moves past the JSON number that starts here: {@link #INTEGER} or {@link #DECIMAL} (a fraction
     * or an exponent), {@link #INVALID} when there is none.
     */
    private int scanNumber() {
        if (at(pos) == '-') {
            pos++;
        }
        if (at(pos) == '0') {
            pos++;
        } else if (!skipDigits()) {
            return INVALID;
        }
        if (at(pos) != '.' && at(pos) != 'e' && at(pos) != 'E') {
            return INTEGER;
        }
        return skipFractionAndExponent() ? DECIMAL : INVALID;
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

    /** Reads the integer from {@code start} to here, if it has at most {@link #MAX_LONG_DIGITS} digits. */
    private boolean readInteger(final int start) {
        final boolean negative = in[start] == '-';
        final int digits = negative ? start + 1 : start;
        if (pos - digits > MAX_LONG_DIGITS) {
            return false;
        }
        long value = 0;
        for (int i = digits; i < pos; i++) {
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

    /**
     * Moves past the ASCII digits that start here, eight bytes at a time where eight are left: a
     * byte {@code b} is a digit when neither {@code b + 0x46} nor {@code b - 0x30} sets its high
     * bit, and a carry or borrow between bytes only ever comes from a lower byte that is itself not
     * a digit, so the lowest flagged byte is the first non-digit. False when there is none.
     */
    private boolean skipDigits() {
        final int start = pos;
        int p = pos;
        while (p + Long.BYTES <= in.length) {
            final long eight = (long) LITTLE_ENDIAN_LONG.get(in, p);
            final long notDigits =
                    ((eight + 0x4646464646464646L) | (eight - 0x3030303030303030L)) & 0x8080808080808080L;
            if (notDigits != 0) {
                pos = p + (Long.numberOfTrailingZeros(notDigits) >>> 3);
                return pos > start;
            }
            p += Long.BYTES;
        }
        int b;
        while ((b = at(p)) >= '0' && b <= '9') {
            p++;
        }
        pos = p;
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
