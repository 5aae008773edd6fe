package io.onlinelearner.serde;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.function.IntUnaryOperator;

/**
 * Strictly increasing, non-negative indices written as the gaps between them (the first as it
 * is), each an unsigned LEB128 varint: 7 bits per byte, low bits first, the high bit set on every
 * byte but the last. A hashed model's touched indices are spread over up to 2^31 buckets, so their
 * gaps are small: about 1.5 bytes an index at 2^18 buckets instead of 4. Format 6 of the model state
 * ({@link HashedFormat}) stores its index arrays so.
 */
final class IndexGaps {

    private IndexGaps() {}

    /** The bytes that {@link #put} writes for the {@code k} indices {@code index(0..k-1)}. */
    static int bytes(final IntUnaryOperator index, final int k) {
        int size = 0;
        int previous = 0;
        for (int j = 0; j < k; j++) {
            final int at = index.applyAsInt(j);
            size += Varints.bytes(at - previous);
            previous = at;
        }
        return size;
    }

    /** Writes the {@code k} indices {@code index(0..k-1)}, increasing, as gaps, into a heap buffer's array. */
    static void put(final ByteBuffer buffer, final IntUnaryOperator index, final int k) {
        final byte[] out = buffer.array();
        int p = buffer.arrayOffset() + buffer.position();
        int previous = 0;
        for (int j = 0; j < k; j++) {
            final int at = index.applyAsInt(j);
            p = Varints.put(out, p, at - previous);
            previous = at;
        }
        buffer.position(p - buffer.arrayOffset());
    }

    /**
     * Reads {@code k} indices written by {@link #put} from a heap buffer's array.
     *
     * @throws IllegalArgumentException  for a varint of more than 5 bytes, or indices that are not
     *                                   strictly increasing and within {@code [0, 2^31)}
     * @throws BufferUnderflowException when the buffer ends within them
     */
    static int[] get(final ByteBuffer buffer, final int k) {
        final Varints.Reader gaps = new Varints.Reader(buffer);
        final int[] indices = new int[k];
        long previous = -1;
        for (int j = 0; j < k; j++) {
            final long at = (j == 0 ? 0 : previous) + gaps.next();
            if (at <= previous || at > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("index " + at + " after " + previous + " is not increasing");
            }
            indices[j] = (int) at;
            previous = at;
        }
        gaps.done();
        return indices;
    }
}
