package io.onlinelearner.model;

import ch.randelshofer.fastdoubleparser.JsonDoubleParser;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads the plain shape that nearly every {@code train}, {@code validation}, {@code predict} and
 * {@code labels} value has, straight from its bytes: one object holding {@code "x"} (a number or a
 * non-empty array of numbers) and {@code "y"} (a number); for a prediction {@code "x"} and an
 * optional {@code "id"} that is a plain ASCII string; for a label that {@code "id"} and {@code "y"};
 * with JSON whitespace anywhere between tokens.
 *
 * <p>It never rejects. Whatever falls outside that shape (another field, a repeated field, an
 * escape, a non-ASCII byte, {@code NaN}, a number longer than {@link #MAX_NUMBER_LENGTH}, an integer
 * of more than 18 digits, a non-finite value, an empty or too long {@code x}, trailing content) it
 * declines with {@code null}, and {@link RecordParser} or {@link LabelParser} reads the value with Jackson, which accepts
 * or rejects it exactly as it always did. What it accepts it reads to the same doubles as Jackson:
 * decimals correctly rounded by FastDoubleParser's JSON grammar (the library Jackson itself uses),
 * integers through {@code long} as Jackson converts them. It reads a training record of 10 or 100
 * features in about half of Jackson's time ({@code JsonPathsBenchmark}).
 *
 * <p>Holds a cursor and a scratch buffer: not thread-safe, one per parser.
 */
final class PlainJsonScanner {

    /** Longer numbers are left to Jackson (a double's shortest form has at most 24 characters). */
    static final int MAX_NUMBER_LENGTH = 32;

    private static final int MAX_LONG_DIGITS = 18;

    private final int maxFeatures;
    private double[] scratch = new double[16];
    private byte[] in;
    private int pos;
    private double number;

    /** A scanner that declines records with more than {@code maxFeatures} features. */
    PlainJsonScanner(final int maxFeatures) {
        this.maxFeatures = maxFeatures;
    }

    /** The example {@code value} holds, or null when Jackson must read it. */
    Example example(final byte[] value) {
        if (!open(value)) {
            return null;
        }
        double[] x = null;
        double y = 0;
        boolean hasY = false;
        do {
            final int field = field();
            if (field == 'x' && x == null) {
                x = features();
                if (x == null) {
                    return null;
                }
            } else if (field == 'y' && !hasY && number()) {
                y = number;
                hasY = true;
            } else {
                return null;
            }
        } while (comma());
        return x != null && hasY && close() ? new Example(x, y) : null;
    }

    /** The prediction request {@code value} holds, or null when Jackson must read it. */
    PredictRequest predict(final byte[] value) {
        if (!open(value)) {
            return null;
        }
        double[] x = null;
        String id = null;
        do {
            final int field = field();
            if (field == 'x' && x == null) {
                x = features();
                if (x == null) {
                    return null;
                }
            } else if (field == 'i' && id == null) {
                id = plainString();
                if (id == null) {
                    return null;
                }
            } else {
                return null;
            }
        } while (comma());
        return x != null && close() ? new PredictRequest(x, id) : null;
    }

    /** The label {@code value} holds, or null when Jackson must read it. */
    Label label(final byte[] value) {
        if (!open(value)) {
            return null;
        }
        String id = null;
        double y = 0;
        boolean hasY = false;
        do {
            final int field = field();
            if (field == 'i' && id == null) {
                id = plainString();
                if (id == null) {
                    return null;
                }
            } else if (field == 'y' && !hasY && number()) {
                y = number;
                hasY = true;
            } else {
                return null;
            }
        } while (comma());
        return id != null && hasY && close() ? new Label(id, y) : null;
    }

    private boolean open(final byte[] value) {
        if (value == null) {
            return false;
        }
        in = value;
        pos = 0;
        return next() == '{';
    }

    /** {@code 'x'}, {@code 'y'} or {@code 'i'} ({@code "id"}) for the names it knows, 0 for any other; reads the colon. */
    private int field() {
        skipWhitespace();
        final int name;
        if (at(pos) != '"') {
            return 0;
        } else if (at(pos + 2) == '"' && (at(pos + 1) == 'x' || at(pos + 1) == 'y')) {
            name = at(pos + 1);
            pos += 3;
        } else if (at(pos + 1) == 'i' && at(pos + 2) == 'd' && at(pos + 3) == '"') {
            name = 'i';
            pos += 4;
        } else {
            return 0;
        }
        return next() == ':' ? name : 0;
    }

    private double[] features() {
        if (peek() != '[') {
            return number() ? new double[] {number} : null;
        }
        pos++;
        int count = 0;
        do {
            if (count == maxFeatures || !number()) {
                return null;
            }
            if (count == scratch.length) {
                scratch = Arrays.copyOf(scratch, 2 * scratch.length);
            }
            scratch[count++] = number;
        } while (comma());
        return next() == ']' ? Arrays.copyOf(scratch, count) : null;
    }

    /**
     * Reads one JSON number into {@link #number}: false for anything else, and for what it leaves to
     * Jackson (too long, an integer beyond 18 digits, not finite).
     */
    private boolean number() {
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

    /** A string of printable ASCII without escapes, with its quotes, as the echoed id; null for any other value. */
    private String plainString() {
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

    private boolean skipDigits() {
        final int start = pos;
        int b;
        while ((b = at(pos)) >= '0' && b <= '9') {
            pos++;
        }
        return pos > start;
    }

    private boolean comma() {
        if (peek() == ',') {
            pos++;
            return true;
        }
        return false;
    }

    private boolean close() {
        if (next() != '}') {
            return false;
        }
        skipWhitespace();
        return pos == in.length;
    }

    /** The next byte after whitespace, consumed; -1 at the end. */
    private int next() {
        final int b = peek();
        pos++;
        return b;
    }

    /** The next byte after whitespace, not consumed; -1 at the end. */
    private int peek() {
        skipWhitespace();
        return at(pos);
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
