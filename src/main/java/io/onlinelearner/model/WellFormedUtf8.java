package io.onlinelearner.model;

/**
 * Checks that bytes are well-formed UTF-8 (RFC 3629, the Unicode Standard's table 3-7): no stray
 * continuation byte, no truncated, overlong or surrogate sequence, nothing beyond U+10FFFF. JSON
 * text must be UTF-8 (RFC 8259); Jackson checks only the names it has not seen before, so a name
 * with an invalid byte could be read as a known one.
 */
public final class WellFormedUtf8 {

    private WellFormedUtf8() {}

    /** The index of the first byte of {@code bytes} that is not well-formed UTF-8, or -1 when all are. */
    public static int firstInvalid(final byte[] bytes) {
        return firstInvalid(bytes, bytes.length);
    }

    /** The index of the first of the first {@code length} bytes that is not well-formed UTF-8, or -1 when all are. */
    static int firstInvalid(final byte[] bytes, final int length) {
        int i = 0;
        while (i < length) {
            final int b = bytes[i];
            if (b >= 0) {
                i++;
                continue;
            }
            final int sequence = sequenceLength(bytes, i, length);
            if (sequence == 0) {
                return i;
            }
            i += sequence;
        }
        return -1;
    }

    /** The length of the well-formed sequence at {@code i}, whose first byte is not ASCII; 0 when it is not well-formed. */
    private static int sequenceLength(final byte[] bytes, final int i, final int n) {
        final int lead = bytes[i] & 0xFF;
        if (lead >= 0xC2 && lead <= 0xDF) {
            return continuation(bytes, n, i + 1, 0x80, 0xBF) ? 2 : 0;
        }
        if (lead >= 0xE0 && lead <= 0xEF) {
            final int low = lead == 0xE0 ? 0xA0 : 0x80;
            final int high = lead == 0xED ? 0x9F : 0xBF;
            return continuation(bytes, n, i + 1, low, high) && continuation(bytes, n, i + 2, 0x80, 0xBF) ? 3 : 0;
        }
        if (lead >= 0xF0 && lead <= 0xF4) {
            final int low = lead == 0xF0 ? 0x90 : 0x80;
            final int high = lead == 0xF4 ? 0x8F : 0xBF;
            return continuation(bytes, n, i + 1, low, high)
                            && continuation(bytes, n, i + 2, 0x80, 0xBF)
                            && continuation(bytes, n, i + 3, 0x80, 0xBF)
                    ? 4
                    : 0;
        }
        return 0;
    }

    private static boolean continuation(final byte[] bytes, final int n, final int i, final int low, final int high) {
        if (i >= n) {
            return false;
        }
        final int b = bytes[i] & 0xFF;
        return b >= low && b <= high;
    }
}
