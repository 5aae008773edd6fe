package io.onlinelearner.serde;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;

/**
 * A read-only view of one value of {@link NamesFormat} (null: none), checked on construction: its
 * indices found by binary search and its texts compared as UTF-8 bytes in place, decoding nothing;
 * and the new value with texts {@linkplain #with added}, built with bulk copies of the runs between
 * them. Not thread-safe; one per read.
 */
final class NamesView {

    private static final int HEADER = 1 + Integer.BYTES;

    /**
     * The texts to add at {@code index}: at position {@code at} of the held value, or new when
     * negative, after the {@code count} held ones, whose encoded bytes are {@code held}.
     */
    record Added(int index, int at, byte[] held, int count, byte[][] more) {

        int bytes() {
            int size = Integer.BYTES + held.length;
            for (final byte[] text : more) {
                size += Integer.BYTES + text.length;
            }
            return size;
        }

        void write(final ByteBuffer area) {
            area.putInt(count + more.length).put(held);
            for (final byte[] text : more) {
                area.putInt(text.length).put(text);
            }
        }
    }

    private final ByteBuffer buffer;
    private final int n;
    private final int areaStart;

    NamesView(final byte[] bytes) {
        if (bytes == null) {
            buffer = ByteBuffer.allocate(0);
            n = 0;
            areaStart = 0;
            return;
        }
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

    private int start(final int k) {
        return buffer.getInt(HEADER + 4 * n + 4 * k);
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

    /** The number of texts of the {@code k}-th index. */
    int count(final int k) {
        return buffer.getInt(areaStart + start(k));
    }

    /** The encoded texts of the {@code k}-th index, after its count. */
    byte[] segment(final int k) {
        return Arrays.copyOfRange(buffer.array(), areaStart + start(k) + Integer.BYTES, areaStart + start(k + 1));
    }

    /** True when the {@code k}-th index (negative: none) holds {@code text}, compared as bytes in place. */
    boolean holds(final int k, final byte[] text) {
        if (k < 0) {
            return false;
        }
        int p = areaStart + start(k);
        final int count = buffer.getInt(p);
        p += Integer.BYTES;
        for (int t = 0; t < count; t++) {
            final int length = buffer.getInt(p);
            p += Integer.BYTES;
            if (length == text.length && Arrays.equals(buffer.array(), p, p + length, text, 0, text.length)) {
                return true;
            }
            p += length;
        }
        return false;
    }

    byte[][] texts(final int k) {
        int p = areaStart + start(k);
        final int count = buffer.getInt(p);
        p += Integer.BYTES;
        final byte[][] texts = new byte[count][];
        for (int t = 0; t < count; t++) {
            final int length = buffer.getInt(p);
            texts[t] = Arrays.copyOfRange(buffer.array(), p + Integer.BYTES, p + Integer.BYTES + length);
            p += Integer.BYTES + length;
        }
        return texts;
    }

    /** This value with {@code added} (in increasing index order) merged in. */
    byte[] with(final List<Added> added) {
        final int fresh = (int) added.stream().filter(a -> a.at() < 0).count();
        final int total = n + fresh;
        int area = n == 0 ? 0 : start(n);
        for (final Added a : added) {
            area += a.bytes() - (a.at() >= 0 ? start(a.at() + 1) - start(a.at()) : 0);
        }
        final byte[] out = new byte[HEADER + 8 * total + 4 + area];
        final ByteBuffer indices = ByteBuffer.wrap(out);
        indices.put(NamesFormat.VERSION).putInt(total);
        final ByteBuffer starts = ByteBuffer.wrap(out).position(HEADER + 4 * total);
        final ByteBuffer texts = ByteBuffer.wrap(out).position(HEADER + 8 * total + 4);
        final int textsStart = texts.position();
        int k = 0;
        for (final Added a : added) {
            final int until = a.at() >= 0 ? a.at() : -a.at() - 1;
            k = copy(k, until, indices, starts, texts, textsStart);
            indices.putInt(a.index());
            starts.putInt(texts.position() - textsStart);
            a.write(texts);
            if (a.at() >= 0) {
                k++;
            }
        }
        copy(k, n, indices, starts, texts, textsStart);
        starts.putInt(texts.position() - textsStart);
        return out;
    }

    /** Copies held indices {@code [from, until)} and their texts in bulk; returns {@code until}. */
    private int copy(
            final int from,
            final int until,
            final ByteBuffer indices,
            final ByteBuffer starts,
            final ByteBuffer texts,
            final int textsStart) {
        if (from >= until) {
            return Math.max(from, until);
        }
        final int shift = texts.position() - textsStart - start(from);
        for (int k = from; k < until; k++) {
            indices.putInt(index(k));
            starts.putInt(start(k) + shift);
        }
        texts.put(buffer.array(), areaStart + start(from), start(until) - start(from));
        return until;
    }
}
