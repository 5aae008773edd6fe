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

    private static final int MAX_VARINT_BYTES = 5;

    private IndexGaps() {}

    /** The bytes that {@link #put} writes for the {@code k} indices {@code index(0..k-1)}. */
    static int bytes(final IntUnaryOperator index, final int k) {
        int size = 0;
        int previous = 0;
        for (int j = 0; j < k; j++) {
            final int at = index.applyAsInt(j);
            size += varintBytes(at - previous);
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
            int gap = at - previous;
            while ((gap & ~0x7F) != 0) {
                out[p++] = (byte) ((gap & 0x7F) | 0x80);
                gap >>>= 7;
            }
            out[p++] = (byte) gap;
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
        final byte[] in = buffer.array();
        final int end = buffer.arrayOffset() + buffer.limit();
        int p = buffer.arrayOffset() + buffer.position();
        final int[] indices = new int[k];
        long previous = -1;
        for (int j = 0; j < k; j++) {
            long gap = 0;
            int shift = 0;
            byte b;
            do {
                if (shift == 7 * MAX_VARINT_BYTES) {
                    throw new IllegalArgumentException("an index gap of more than " + MAX_VARINT_BYTES + " bytes");
                }
                if (p == end) {
                    throw new BufferUnderflowException();
                }
                b = in[p++];
                gap |= (long) (b & 0x7F) << shift;
                shift += 7;
            } while (b < 0);
            final long at = (j == 0 ? 0 : previous) + gap;
            if (at <= previous || at > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("index " + at + " after " + previous + " is not increasing");
            }
            indices[j] = (int) at;
            previous = at;
        }
        buffer.position(p - buffer.arrayOffset());
        return indices;
    }

    private static int varintBytes(final int value) {
        return value < 1 << 7 ? 1 : value < 1 << 14 ? 2 : value < 1 << 21 ? 3 : value < 1 << 28 ? 4 : 5;
    }
}
