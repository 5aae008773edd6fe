package io.onlinelearner.serde;

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

    /** Writes the {@code k} indices {@code index(0..k-1)}, increasing, as gaps. */
    static void put(final ByteBuffer buffer, final IntUnaryOperator index, final int k) {
        int previous = 0;
        for (int j = 0; j < k; j++) {
            final int at = index.applyAsInt(j);
            int gap = at - previous;
            while ((gap & ~0x7F) != 0) {
                buffer.put((byte) ((gap & 0x7F) | 0x80));
                gap >>>= 7;
            }
            buffer.put((byte) gap);
            previous = at;
        }
    }

    /**
     * Reads {@code k} indices written by {@link #put}.
     *
     * @throws IllegalArgumentException for a varint of more than 5 bytes, or indices that are not
     *                                  strictly increasing and within {@code [0, 2^31)}
     */
    static int[] get(final ByteBuffer buffer, final int k) {
        final int[] indices = new int[k];
        long previous = -1;
        for (int j = 0; j < k; j++) {
            final long at = (j == 0 ? 0 : previous) + varint(buffer);
            if (at <= previous || at > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("index " + at + " after " + previous + " is not increasing");
            }
            indices[j] = (int) at;
            previous = at;
        }
        return indices;
    }

    private static long varint(final ByteBuffer buffer) {
        long value = 0;
        for (int shift = 0, read = 0; read < MAX_VARINT_BYTES; shift += 7, read++) {
            final byte b = buffer.get();
            value |= (long) (b & 0x7F) << shift;
            if (b >= 0) {
                return value;
            }
        }
        throw new IllegalArgumentException("an index gap of more than " + MAX_VARINT_BYTES + " bytes");
    }

    private static int varintBytes(final int value) {
        return value < 1 << 7 ? 1 : value < 1 << 14 ? 2 : value < 1 << 21 ? 3 : value < 1 << 28 ? 4 : 5;
    }
}
