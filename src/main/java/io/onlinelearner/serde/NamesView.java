package io.onlinelearner.serde;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;

/**
 * A read-only view of one value of {@link NamesFormat} (null: none), checked on construction: its
 * indices found by binary search and its texts compared as UTF-8 bytes in place, decoding nothing;
 * and the new value with texts {@linkplain #with added} ({@link NamesWriter}). A view of recent
 * texts knows the view of its base ({@link #before}): a reference to a text counts the base's
 * texts of that index first, then its own. Not thread-safe; one per read.
 */
final class NamesView {

    /** The version byte and the count of indices. */
    static final int HEADER = 1 + Integer.BYTES;

    /** What {@link #ordinal} returns for a text that is not there. */
    static final int ABSENT = -1;
    /** What {@link #ordinal} returns for a text that is there as a reference, not as a literal. */
    static final int REFERENCED = -2;

    private final byte[] bytes;
    private final ByteBuffer buffer;
    private final int n;
    private final int areaStart;
    private final NamesView before;

    /** A view of a value that follows nothing: a base, or all of a model's texts. */
    NamesView(final byte[] bytes) {
        this(bytes, null);
    }

    /** A view of a value that follows, index by index, the texts of {@code before} (null: none). */
    NamesView(final byte[] bytes, final NamesView before) {
        this.before = before;
        if (bytes == null) {
            this.bytes = new byte[0];
            buffer = ByteBuffer.allocate(0);
            n = 0;
            areaStart = 0;
            return;
        }
        this.bytes = bytes;
        buffer = ByteBuffer.wrap(bytes);
        if (bytes.length < HEADER + Integer.BYTES || bytes[0] != NamesFormat.VERSION) {
            throw new IllegalArgumentException(
                    "feature texts of " + bytes.length + " bytes, not of format " + NamesFormat.VERSION);
        }
        n = buffer.getInt(1);
        if (n < 0 || (long) HEADER + 8L * n + 4 > bytes.length) {
            throw new IllegalArgumentException("a count of " + n + " does not fit " + bytes.length + " bytes");
        }
        areaStart = HEADER + 8 * n + 4;
        if (areaStart + start(n) != bytes.length) {
            throw new IllegalArgumentException(
                    "feature texts of " + bytes.length + " bytes, " + start(n) + " bytes of texts announced");
        }
    }

    /** The number of indices with texts. */
    int size() {
        return n;
    }

    /** The {@code k}-th index, increasing in {@code k}. */
    int index(final int k) {
        return buffer.getInt(HEADER + 4 * k);
    }

    /** The position of {@code index} at or after {@code from}, or {@code -(insertion point) - 1}. */
    int find(final int index, final int from) {
        int low = from;
        int high = n - 1;
        while (low <= high) {
            final int mid = (low + high) >>> 1;
            final int value = index(mid);
            if (value < index) {
                low = mid + 1;
            } else if (value > index) {
                high = mid - 1;
            } else {
                return mid;
            }
        }
        return -(low + 1);
    }

    /** The number of texts of the {@code k}-th index; 0 for a negative {@code k}. */
    int count(final int k) {
        return k < 0 ? 0 : (int) (Varints.at(bytes, areaStart + start(k), end(k)) >>> 32);
    }

    /** The encoded entries of the {@code k}-th index, after their count. */
    byte[] segment(final int k) {
        return Arrays.copyOfRange(bytes, new Entries(k).p, end(k));
    }

    private int end(final int k) {
        return areaStart + start(k + 1);
    }

    /**
     * Where the {@code k}-th index (negative: none) keeps {@code text} among its own entries: its
     * position when as a literal, {@link #REFERENCED} when as a reference, {@link #ABSENT} when not
     * at all. Literals are compared as bytes in place; a reference is resolved only when it can be
     * the text: {@code indexA} and {@code indexB} are the indices of the text's two parts when it
     * joins two (an interaction of the record), else -1. A text with one {@code *} that joins two
     * parts can only be a reference to those parts' indices (its parts are the text around the
     * star), and a text without a star is no reference.
     */
    int ordinal(final int k, final byte[] text, final int indexA, final int indexB) {
        if (k < 0) {
            return ABSENT;
        }
        final Entries entries = new Entries(k);
        int stars = -1;
        for (int t = 0; entries.next(); t++) {
            if (entries.literal) {
                if (entries.length == text.length
                        && Arrays.equals(bytes, entries.at, entries.at + entries.length, text, 0, text.length)) {
                    return t;
                }
                continue;
            }
            final int[] ref = entries.ref;
            if (stars < 0) {
                stars = JoinedText.stars(text);
            }
            final boolean possible = stars > 1 || stars == 1 && (indexA < 0 || ref[0] == indexA && ref[2] == indexB);
            if (possible && JoinedText.equals(literal(ref[0], ref[1]), literal(ref[2], ref[3]), text)) {
                return REFERENCED;
            }
        }
        return ABSENT;
    }

    /** The texts of the {@code k}-th index, references resolved. */
    byte[][] texts(final int k) {
        final Entries entries = new Entries(k);
        final byte[][] texts = new byte[entries.remaining][];
        for (int t = 0; entries.next(); t++) {
            final int[] ref = entries.ref;
            texts[t] = entries.literal
                    ? Arrays.copyOfRange(bytes, entries.at, entries.at + entries.length)
                    : JoinedText.join(literal(ref[0], ref[1]), literal(ref[2], ref[3]));
        }
        return texts;
    }

    /**
     * The literal text that a reference names: the {@code ordinal}-th text of {@code index},
     * counting the base's first.
     *
     * @throws IllegalArgumentException when there is no such text, or it is itself a reference
     */
    private JoinedText.Span literal(final int index, final int ordinal) {
        final int inBefore = before == null ? -1 : before.find(index, 0);
        final int fromBefore = before == null ? 0 : before.count(inBefore);
        if (ordinal < fromBefore) {
            return before.literalAt(inBefore, ordinal);
        }
        final int k = find(index, 0);
        if (k < 0) {
            throw new IllegalArgumentException("a reference to index " + index + ", which has no text");
        }
        return literalAt(k, ordinal - fromBefore);
    }

    private JoinedText.Span literalAt(final int k, final int ordinal) {
        final Entries entries = new Entries(k);
        if (ordinal >= entries.remaining) {
            throw new IllegalArgumentException(
                    "a reference to text " + ordinal + " of index " + index(k) + ", which has fewer");
        }
        for (int t = 0; t <= ordinal; t++) {
            entries.next();
        }
        if (!entries.literal) {
            throw new IllegalArgumentException("a reference to a reference, at index " + index(k));
        }
        return new JoinedText.Span(bytes, entries.at, entries.length);
    }

    /**
     * The entries of one index, read one after another: after {@link #next}, either a literal
     * ({@code literal}, at {@code at}, {@code length} bytes) or a reference ({@code ref}: index,
     * ordinal, index, ordinal). Mutable, local to one read of this view.
     */
    private final class Entries {

        final int[] ref = new int[4];
        final int end;
        int p;
        int remaining;
        boolean literal;
        int at;
        int length;

        Entries(final int k) {
            end = end(k);
            final long counted = Varints.at(bytes, areaStart + start(k), end);
            remaining = (int) (counted >>> 32);
            p = (int) counted;
        }

        /** Reads the next entry; false when there is none left. */
        boolean next() {
            if (remaining == 0) {
                return false;
            }
            remaining--;
            final long header = Varints.at(bytes, p, end);
            final int h = (int) (header >>> 32);
            p = (int) header;
            literal = (h & 1) == 0;
            if (literal) {
                at = p;
                length = h >>> 1;
                p = checked(p + length, end);
            } else {
                for (int i = 0; i < ref.length; i++) {
                    final long value = Varints.at(bytes, p, end);
                    ref[i] = (int) (value >>> 32);
                    p = (int) value;
                }
            }
            return true;
        }
    }

    private static int checked(final int until, final int end) {
        if (until > end) {
            throw new IllegalArgumentException("a text runs past its index's entries");
        }
        return until;
    }

    /** This value with {@code added} (in increasing index order) merged in ({@link NamesWriter}). */
    byte[] with(final List<NamesWriter.Added> added) {
        return NamesWriter.with(this, added);
    }

    /** Where the {@code k}-th index's entries start in the entry area; {@code k = size()}: the area's length. */
    int start(final int k) {
        return buffer.getInt(HEADER + 4 * n + 4 * k);
    }

    /** The value's bytes, for {@link NamesWriter}'s bulk copies; never written. */
    byte[] bytes() {
        return bytes;
    }

    /** Where the entry area starts in {@link #bytes()}. */
    int areaStart() {
        return areaStart;
    }
}
