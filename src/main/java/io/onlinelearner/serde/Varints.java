package io.onlinelearner.serde;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;

/**
 * Unsigned LEB128 varints of non-negative {@code int}s, on a heap buffer's array: 7 bits per byte,
 * low bits first, the high bit set on every byte but the last. Small values (index gaps, table
 * references) take one or two bytes instead of four.
 */
final class Varints {

    /** The most bytes a varint of an {@code int} takes. */
    static final int MAX_BYTES = 5;

    private Varints() {}

    /** The bytes {@link #put} writes for {@code value}. */
    static int bytes(final int value) {
        return value < 1 << 7 ? 1 : value < 1 << 14 ? 2 : value < 1 << 21 ? 3 : value < 1 << 28 ? 4 : 5;
    }

    /** Writes non-negative {@code value} at {@code out[p]}, and returns the position after it. */
    static int put(final byte[] out, final int p, final int value) {
        int at = p;
        int rest = value;
        while ((rest & ~0x7F) != 0) {
            out[at++] = (byte) ((rest & 0x7F) | 0x80);
            rest >>>= 7;
        }
        out[at++] = (byte) rest;
        return at;
    }

    /**
     * Reads the varint at {@code in[at]}, which must end before {@code end}: its value in the high
     * 32 bits of the result, the position after it in the low 32 bits.
     *
     * @throws IllegalArgumentException when it runs past {@code end} or exceeds {@link Integer#MAX_VALUE}
     */
    static long at(final byte[] in, final int at, final int end) {
        long value = 0;
        int shift = 0;
        int p = at;
        byte b;
        do {
            if (p >= end || shift == 7 * MAX_BYTES) {
                throw new IllegalArgumentException("a varint runs past its bytes at " + at);
            }
            b = in[p++];
            value |= (long) (b & 0x7F) << shift;
            shift += 7;
        } while (b < 0);
        if (value > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("a varint of " + value + " at " + at);
        }
        return value << 32 | p;
    }

    /**
     * Reads varints one after another from a heap buffer's array, from its position to its limit.
     * Mutable: one reader per read, local to it.
     */
    static final class Reader {

        private final ByteBuffer buffer;
        private final byte[] in;
        private final int end;
        private int at;

        /** Reads from {@code buffer}'s position. */
        Reader(final ByteBuffer buffer) {
            this.buffer = buffer;
            this.in = buffer.array();
            this.end = buffer.arrayOffset() + buffer.limit();
            this.at = buffer.arrayOffset() + buffer.position();
        }

        /**
         * The next varint's value, up to 35 bits.
         *
         * @throws IllegalArgumentException for a varint of more than 5 bytes
         * @throws BufferUnderflowException when the buffer ends within it
         */
        long next() {
            long value = 0;
            int shift = 0;
            byte b;
            do {
                if (shift == 7 * MAX_BYTES) {
                    throw new IllegalArgumentException("a varint of more than " + MAX_BYTES + " bytes");
                }
                if (at == end) {
                    throw new BufferUnderflowException();
                }
                b = in[at++];
                value |= (long) (b & 0x7F) << shift;
                shift += 7;
            } while (b < 0);
            return value;
        }

        /** Moves the buffer's position past the varints read. */
        void done() {
            buffer.position(at - buffer.arrayOffset());
        }
    }
}
