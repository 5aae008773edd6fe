package io.onlinelearner.serde;

import java.util.Arrays;

/**
 * An interaction's text as {@link NamesFormat} keeps it by reference: its two parts, each a literal
 * text in place in a stored value, joined with {@code *}. Compared with a text without building it,
 * and built only when read out.
 */
final class JoinedText {

    /** The byte that joins an interaction's two parts. */
    static final byte STAR = '*';

    private JoinedText() {}

    /** A literal text in place: {@code length} bytes of {@code bytes} from {@code at}. */
    record Span(byte[] bytes, int at, int length) {}

    /** True when {@code first}, {@code *} and {@code second} are {@code text}. */
    static boolean equals(final Span first, final Span second, final byte[] text) {
        final int a = first.length();
        return a + 1 + second.length() == text.length
                && text[a] == STAR
                && Arrays.equals(first.bytes(), first.at(), first.at() + a, text, 0, a)
                && Arrays.equals(second.bytes(), second.at(), second.at() + second.length(), text, a + 1, text.length);
    }

    /** {@code first}, {@code *} and {@code second} in one text. */
    static byte[] join(final Span first, final Span second) {
        final byte[] out = new byte[first.length() + 1 + second.length()];
        System.arraycopy(first.bytes(), first.at(), out, 0, first.length());
        out[first.length()] = STAR;
        System.arraycopy(second.bytes(), second.at(), out, first.length() + 1, second.length());
        return out;
    }

    /** How many {@code *} {@code text} holds. */
    static int stars(final byte[] text) {
        int stars = 0;
        for (final byte b : text) {
            if (b == STAR) {
                stars++;
            }
        }
        return stars;
    }
}
