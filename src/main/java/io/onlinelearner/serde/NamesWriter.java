package io.onlinelearner.serde;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * Builds a new value of {@link NamesFormat} from a held one ({@link NamesView}) and the entries a
 * record or a merge adds: the unchanged runs of indices and entries copied in bulk, the added ones
 * written between them. Values are never written after they are built.
 */
final class NamesWriter {

    /**
     * The entries to add at {@code index}: at position {@code at} of the held value, or new when
     * negative, after the {@code count} held ones, whose encoded entries are {@code held}; {@code
     * more} holds the new entries, each encoded ({@link NamesFormat#literal}, {@link
     * NamesFormat#reference}), and {@code moreCount} says how many they are.
     */
    record Added(int index, int at, byte[] held, int count, byte[] more, int moreCount) {

        int bytes() {
            return Varints.bytes(count + moreCount) + held.length + more.length;
        }

        void write(final byte[] out, final int p) {
            final int after = Varints.put(out, p, count + moreCount);
            System.arraycopy(held, 0, out, after, held.length);
            System.arraycopy(more, 0, out, after + held.length, more.length);
        }
    }

    private NamesWriter() {}

    /** {@code view}'s value with {@code added} (in increasing index order) merged in. */
    static byte[] with(final NamesView view, final List<Added> added) {
        final int n = view.size();
        final int fresh = (int) added.stream().filter(a -> a.at() < 0).count();
        final int total = n + fresh;
        int area = n == 0 ? 0 : view.start(n);
        for (final Added a : added) {
            area += a.bytes() - (a.at() >= 0 ? view.start(a.at() + 1) - view.start(a.at()) : 0);
        }
        final byte[] out = new byte[NamesView.HEADER + 8 * total + 4 + area];
        final ByteBuffer indices = ByteBuffer.wrap(out);
        indices.put(NamesFormat.VERSION).putInt(total);
        final ByteBuffer starts = ByteBuffer.wrap(out).position(NamesView.HEADER + 4 * total);
        final int textsStart = NamesView.HEADER + 8 * total + 4;
        int p = textsStart;
        int k = 0;
        for (final Added a : added) {
            final int until = a.at() >= 0 ? a.at() : -a.at() - 1;
            p = copy(view, k, until, indices, starts, out, p, textsStart);
            k = Math.max(k, until);
            indices.putInt(a.index());
            starts.putInt(p - textsStart);
            a.write(out, p);
            p += a.bytes();
            if (a.at() >= 0) {
                k++;
            }
        }
        p = copy(view, k, n, indices, starts, out, p, textsStart);
        starts.putInt(p - textsStart);
        return out;
    }

    /** Copies held indices {@code [from, until)} and their entries in bulk; returns the position after them. */
    private static int copy(
            final NamesView view,
            final int from,
            final int until,
            final ByteBuffer indices,
            final ByteBuffer starts,
            final byte[] out,
            final int p,
            final int textsStart) {
        if (from >= until) {
            return p;
        }
        final int shift = p - textsStart - view.start(from);
        for (int k = from; k < until; k++) {
            indices.putInt(view.index(k));
            starts.putInt(view.start(k) + shift);
        }
        final int length = view.start(until) - view.start(from);
        System.arraycopy(view.bytes(), view.areaStart() + view.start(from), out, p, length);
        return p + length;
    }
}
