package io.onlinelearner.model;

import java.util.Arrays;

/**
 * Reads the plain shape that nearly every {@code train}, {@code validation}, {@code predict} and
 * {@code labels} value has, straight from its bytes: one object holding {@code "x"} (a number or a
 * non-empty array of numbers) and {@code "y"} (a number); for a prediction {@code "x"} and an
 * optional {@code "id"} that is a plain ASCII string; for a label that {@code "id"} and {@code "y"};
 * with JSON whitespace anywhere between tokens.
 *
 * <p>It never rejects. Whatever falls outside that shape (another field, a repeated field, an
 * escape, a non-ASCII byte, {@code NaN}, a number longer than {@link JsonCursor#MAX_NUMBER_LENGTH}, an integer
 * of more than 18 digits, a non-finite value, an empty or too long {@code x}, trailing content) it
 * declines with {@code null}, and {@link RecordParser} or {@link LabelParser} reads the value with Jackson, which accepts
 * or rejects it exactly as it always did. What it accepts it reads to the same doubles as Jackson:
 * decimals correctly rounded by FastDoubleParser's JSON grammar (the library Jackson itself uses),
 * integers through {@code long} as Jackson converts them. It reads a training record of 10 or 100
 * features in about half of Jackson's time ({@code JsonPathsBenchmark}).
 *
 * <p>Holds a {@link JsonCursor}, the fields read and a scratch buffer: not thread-safe, one per parser.
 */
final class PlainJsonScanner {

    /** The fields it reads. */
    private enum Field {
        X,
        Y,
        ID
    }

    private final int maxFeatures;
    private final JsonCursor cursor = new JsonCursor();
    private double[] scratch = new double[16];
    private double[] x;
    private double y;
    private boolean hasY;
    private String id;

    /** A scanner that declines records with more than {@code maxFeatures} features. */
    PlainJsonScanner(final int maxFeatures) {
        this.maxFeatures = maxFeatures;
    }

    /** The example {@code value} holds, or null when Jackson must read it. */
    Example example(final byte[] value) {
        return object(value, Field.X, Field.Y) && x != null && hasY ? new Example(x, y) : null;
    }

    /** The prediction request {@code value} holds, or null when Jackson must read it. */
    PredictRequest predict(final byte[] value) {
        return object(value, Field.X, Field.ID) && x != null ? new PredictRequest(x, id) : null;
    }

    /** The label {@code value} holds, or null when Jackson must read it. */
    Label label(final byte[] value) {
        return object(value, Field.ID, Field.Y) && id != null && hasY ? new Label(id, y) : null;
    }

    /**
     * Reads {@code value} as one object of the fields {@code first} and {@code second}, each at most
     * once, in any order, into {@link #x}, {@link #y} and {@link #id}: false when it is anything else.
     */
    private boolean object(final byte[] value, final Field first, final Field second) {
        x = null;
        hasY = false;
        id = null;
        if (value == null) {
            return false;
        }
        cursor.reset(value);
        if (cursor.next() != '{') {
            return false;
        }
        do {
            final Field field = field();
            if (field == null || field != first && field != second || !member(field)) {
                return false;
            }
        } while (cursor.comma());
        return cursor.next() == '}' && cursor.atEnd();
    }

    /** Reads the value of {@code field}: false when it is not one this scanner reads, or repeated. */
    private boolean member(final Field field) {
        switch (field) {
            case X -> {
                if (x != null) {
                    return false;
                }
                x = features();
                return x != null;
            }
            case ID -> {
                if (id != null) {
                    return false;
                }
                id = cursor.plainString();
                return id != null;
            }
            default -> {
                if (hasY || !cursor.number()) {
                    return false;
                }
                y = cursor.lastNumber();
                hasY = true;
                return true;
            }
        }
    }

    /** The field whose name follows, null for a name it does not know; reads the colon. */
    private Field field() {
        final Field name;
        if (cursor.peek() != '"') {
            return null;
        } else if (cursor.ahead(2) == '"' && (cursor.ahead(1) == 'x' || cursor.ahead(1) == 'y')) {
            name = cursor.ahead(1) == 'x' ? Field.X : Field.Y;
            cursor.skip(3);
        } else if (cursor.ahead(1) == 'i' && cursor.ahead(2) == 'd' && cursor.ahead(3) == '"') {
            name = Field.ID;
            cursor.skip(4);
        } else {
            return null;
        }
        return cursor.next() == ':' ? name : null;
    }

    private double[] features() {
        if (cursor.peek() != '[') {
            return cursor.number() ? new double[] {cursor.lastNumber()} : null;
        }
        cursor.skip(1);
        int count = 0;
        do {
            if (count == maxFeatures || !cursor.number()) {
                return null;
            }
            if (count == scratch.length) {
                scratch = Arrays.copyOf(scratch, 2 * scratch.length);
            }
            scratch[count++] = cursor.lastNumber();
        } while (cursor.comma());
        return cursor.next() == ']' ? Arrays.copyOf(scratch, count) : null;
    }
}
