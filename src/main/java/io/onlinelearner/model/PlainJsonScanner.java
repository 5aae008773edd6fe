package io.onlinelearner.model;

import java.util.Arrays;

/**
 * Reads the plain shape that nearly every {@code train}, {@code validation}, {@code predict} and
 * {@code labels} value has, straight from its bytes: one object holding {@code "x"} (a number or a
 * non-empty array of numbers) and {@code "y"} (a number); for a prediction {@code "x"} and an
 * optional {@code "id"} that is a plain ASCII string; for a label that {@code "id"} and {@code "y"};
 * and, as the contract ignores them, up to {@value #MAX_SKIPPED} other fields whose values are
 * plain scalars (a plain string, a number, {@code true}, {@code false}, {@code null}); with JSON
 * whitespace anywhere between tokens.
 *
 * <p>It never rejects. Whatever falls outside that shape (a repeated field, an object or array in
 * another field, an escape, a non-ASCII byte, {@code NaN}, a number longer than {@link
 * JsonCursor#MAX_NUMBER_LENGTH}, an integer of more than 18 digits, a non-finite value, an empty or
 * too long {@code x}, trailing content) it declines with {@code null}, and {@link RecordParser} or
 * {@link LabelParser} reads the value with Jackson, which accepts or rejects it exactly as it
 * always did. What it accepts it reads to the same doubles as Jackson: decimals correctly rounded by
 * FastDoubleParser's JSON grammar (the library Jackson itself uses), integers through {@code long}
 * as Jackson converts them. It exists because it is faster than Jackson on the records it accepts
 * ({@code JsonPathsBenchmark}; the figures are in {@code docs/performance.md}).
 *
 * <p>Holds a {@link JsonCursor}, the fields read and a scratch buffer: not thread-safe, one per parser.
 */
final class PlainJsonScanner {

    /** Unknown fields it skips per value, at most; a value with more is left to Jackson. */
    static final int MAX_SKIPPED = 8;

    /** The fields it reads. */
    private enum Field {
        X,
        Y,
        ID
    }

    private final int maxFeatures;
    private final JsonCursor cursor = new JsonCursor();
    private final int[] skippedStarts = new int[MAX_SKIPPED];
    private final int[] skippedLengths = new int[MAX_SKIPPED];
    private int skipped;
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
     * once, into {@link #x}, {@link #y} and {@link #id}, in any order among other fields whose values
     * are plain scalars, skipped as Jackson skips unknown fields: false when it is anything else.
     */
    private boolean object(final byte[] value, final Field first, final Field second) {
        x = null;
        hasY = false;
        id = null;
        skipped = 0;
        if (value == null) {
            return false;
        }
        cursor.reset(value);
        if (cursor.next() != '{') {
            return false;
        }
        do {
            if (!cursor.name()) {
                return false;
            }
            final Field field = field();
            final boolean read = field == first || field == second ? member(field) : skip();
            if (!read) {
                return false;
            }
        } while (cursor.comma());
        return cursor.next() == '}' && cursor.atEnd();
    }

    /** The field the last name is, or null for another. */
    private Field field() {
        if (cursor.nameIs("x")) {
            return Field.X;
        }
        if (cursor.nameIs("y")) {
            return Field.Y;
        }
        return cursor.nameIs("id") ? Field.ID : null;
    }

    /**
     * Skips the value of a field this value does not read: false when the name is repeated (Jackson
     * refuses duplicate names) or the value is not a plain scalar.
     */
    private boolean skip() {
        if (skipped == MAX_SKIPPED) {
            return false;
        }
        for (int k = 0; k < skipped; k++) {
            if (cursor.nameEquals(skippedStarts[k], skippedLengths[k])) {
                return false;
            }
        }
        skippedStarts[skipped] = cursor.nameStart();
        skippedLengths[skipped] = cursor.nameLength();
        skipped++;
        return cursor.skipScalar();
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

    private double[] features() {
        if (cursor.peek() != '[') {
            return cursor.number() ? new double[] {cursor.lastNumber()} : null;
        }
        cursor.next();
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
