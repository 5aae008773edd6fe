package io.onlinelearner.serde;

import java.nio.ByteBuffer;
import java.util.ArrayList;
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
    private static final byte[] NO_BYTES = new byte[0];

    /**
     * The texts to add at {@code index}: at position {@code at} of the held value, or new when
     * negative, after the {@code count} held ones, whose encoded bytes are {@code held}.
     */
    record Added(int index, int at, byte[] held, int count, byte[][] more) {

        int bytes() {
            int size = Varints.bytes(count + more.length) + held.length;
            for (final byte[] text : more) {
                size += Varints.bytes(text.length) + text.length;
            }
            return size;
        }

        void write(final ByteBuffer area) {
            Varints.put(area, count + more.length);
            area.put(held);
            for (final byte[] text : more) {
                Varints.put(area, text.length);
                area.put(text);
            }
        }
    }

    private final ByteBuffer buffer;
    private final int n;
    private final int areaStart;

    NamesView(final byte[] stored) {
        if (stored == null) {
            buffer = ByteBuffer.allocate(0);
            n = 0;
            areaStart = 0;
            return;
        }
        final byte[] bytes = stored.length > 0 && stored[0] == NamesFormat.INT_LENGTHS ? upgrade(stored) : stored;
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
        return Varints.valueAt(buffer.array(), areaStart + start(k), areaStart + start(k + 1));
    }

    /** The encoded texts of the {@code k}-th index, after its count. */
    byte[] segment(final int k) {
        final int end = areaStart + start(k + 1);
        return Arrays.copyOfRange(buffer.array(), Varints.after(buffer.array(), areaStart + start(k), end), end);
    }

    /** True when the {@code k}-th index (negative: none) holds {@code text}, compared as bytes in place. */
    boolean holds(final int k, final byte[] text) {
        if (k < 0) {
            return false;
        }
        final byte[] in = buffer.array();
        final int end = areaStart + start(k + 1);
        int p = areaStart + start(k);
        final int count = Varints.valueAt(in, p, end);
        p = Varints.after(in, p, end);
        for (int t = 0; t < count; t++) {
            final int length = Varints.valueAt(in, p, end);
            p = Varints.after(in, p, end);
            if (length == text.length && p + length <= end && Arrays.equals(in, p, p + length, text, 0, length)) {
                return true;
            }
            p += length;
        }
        return false;
    }

    byte[][] texts(final int k) {
        final byte[] in = buffer.array();
        final int end = areaStart + start(k + 1);
        int p = areaStart + start(k);
        final int count = Varints.valueAt(in, p, end);
        p = Varints.after(in, p, end);
        final byte[][] texts = new byte[count][];
        for (int t = 0; t < count; t++) {
            final int length = Varints.valueAt(in, p, end);
            p = Varints.after(in, p, end);
            if (length > end - p) {
                throw new IllegalArgumentException("a text of " + length + " bytes runs past its index's texts");
            }
            texts[t] = Arrays.copyOfRange(in, p, p + length);
            p += length;
        }
        return texts;
    }

    /**
     * The bytes of a value of the first layout ({@link NamesFormat#INT_LENGTHS}: each count and
     * each text's length an {@code int}) in the current one.
     */
    private static byte[] upgrade(final byte[] old) {
        final ByteBuffer in = ByteBuffer.wrap(old);
        final int n = old.length >= HEADER ? in.getInt(1) : -1;
        if (n < 0 || (long) HEADER + 8L * n + 4 > old.length) {
            throw new IllegalArgumentException("a count of " + n + " does not fit " + old.length + " bytes");
        }
        final int area = HEADER + 8 * n + 4;
        final List<Added> all = new ArrayList<>(n);
        for (int k = 0; k < n; k++) {
            in.position(area + in.getInt(HEADER + 4 * n + 4 * k));
            final byte[][] texts = new byte[in.getInt()][];
            for (int t = 0; t < texts.length; t++) {
                texts[t] = new byte[in.getInt()];
                in.get(texts[t]);
            }
            all.add(new Added(in.getInt(HEADER + 4 * k), -1, NO_BYTES, 0, texts));
        }
        return new NamesView(null).with(all);
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
