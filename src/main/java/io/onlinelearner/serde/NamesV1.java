package io.onlinelearner.serde;

import io.onlinelearner.features.FeatureNames;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads feature texts written in version 1 of {@link NamesFormat} (until 2026-12-07): the same
 * header, then per index an {@code int} count and per text an {@code int} length and its UTF-8
 * bytes. Only read, so that texts stored by an earlier learner are rewritten in version 2.
 */
final class NamesV1 {

    private static final int HEADER = 1 + Integer.BYTES;

    private NamesV1() {}

    /**
     * The texts in {@code bytes}, a value of version 1.
     *
     * @throws IllegalArgumentException when the bytes are not of that version
     */
    static FeatureNames decode(final byte[] bytes) {
        if (bytes.length < HEADER + Integer.BYTES || bytes[0] != NamesFormat.VERSION_1) {
            throw new IllegalArgumentException(
                    "feature texts of " + bytes.length + " bytes, not of format " + NamesFormat.VERSION_1);
        }
        final ByteBuffer buffer = ByteBuffer.wrap(bytes);
        final int n = buffer.getInt(1);
        if (n < 0 || (long) HEADER + 8L * n + 4 > bytes.length) {
            throw new IllegalArgumentException("a count of " + n + " does not fit " + bytes.length + " bytes");
        }
        final int areaStart = HEADER + 8 * n + 4;
        if (areaStart + buffer.getInt(HEADER + 8 * n) != bytes.length) {
            throw new IllegalArgumentException("feature texts of " + bytes.length + " bytes, not as announced");
        }
        final int[] indices = new int[n];
        final List<List<String>> names = new ArrayList<>(n);
        try {
            for (int k = 0; k < n; k++) {
                indices[k] = buffer.getInt(HEADER + 4 * k);
                buffer.position(areaStart + buffer.getInt(HEADER + 4 * n + 4 * k));
                final int count = buffer.getInt();
                final List<String> texts = new ArrayList<>(count);
                for (int t = 0; t < count; t++) {
                    final byte[] text = new byte[buffer.getInt()];
                    buffer.get(text);
                    texts.add(new String(text, StandardCharsets.UTF_8));
                }
                names.add(texts);
            }
        } catch (final BufferUnderflowException | IllegalArgumentException | NegativeArraySizeException e) {
            throw new IllegalArgumentException("feature texts of version 1 that do not read: " + e, e);
        }
        return FeatureNames.of(indices, names);
    }
}
