package io.onlinelearner.serde;

import io.onlinelearner.labels.Remembered;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The keys of the remembered-requests store, ordered as RocksDB orders bytes (unsigned,
 * lexicographic); their values are {@link PendingFormat}'s. Every key starts with one byte naming
 * its kind:
 *
 * <ul>
 *   <li>{@code r} model id: a request;
 *   <li>{@code o} model ts seq and {@code t} ts seq: the age indexes that earlier versions kept in
 *       the store (the model's requests by age; the task's); no longer written, deleted when found;
 *   <li>{@code c} model: the model's label counts;
 *   <li>{@code w} model: the model's served-loss window;
 *   <li>{@code m} model: format 1 of a model's bookkeeping, read but no longer written.
 * </ul>
 *
 * A model id is written with its length first, so that no id's keys are a prefix of another's; a
 * timestamp big-endian with its sign bit flipped, so that bytes sort as numbers.
 */
public final class PendingKeys {

    /** The kind byte of a request's key. */
    public static final byte REQUEST = 'r';
    /** The kind byte of a model's age index. */
    public static final byte BY_MODEL = 'o';
    /** The kind byte of the task's age index. */
    public static final byte BY_TIME = 't';
    /** The kind byte of a model's bookkeeping in format 1 (read only). */
    public static final byte LABELS = 'm';
    /** The kind byte of a model's label counts. */
    public static final byte COUNTS = 'c';
    /** The kind byte of a model's served-loss window. */
    public static final byte WINDOW = 'w';

    private PendingKeys() {}

    /** {@code r} model id. */
    public static byte[] requestKey(final String model, final String idJson) {
        final byte[] m = utf8(model);
        final byte[] id = utf8(idJson);
        return ByteBuffer.allocate(1 + Integer.BYTES + m.length + id.length)
                .put(REQUEST)
                .putInt(m.length)
                .put(m)
                .put(id)
                .array();
    }

    /** The model id of an {@code r} key. */
    public static String requestModel(final byte[] key) {
        final int length = ByteBuffer.wrap(key, 1, Integer.BYTES).getInt();
        return new String(key, 1 + Integer.BYTES, length, StandardCharsets.UTF_8);
    }

    /** {@code o} model: the prefix of every key of {@code model}'s age index. */
    public static byte[] byModelPrefix(final String model) {
        final byte[] m = utf8(model);
        return ByteBuffer.allocate(1 + Integer.BYTES + m.length)
                .put(BY_MODEL)
                .putInt(m.length)
                .put(m)
                .array();
    }

    /** {@code o} model ts seq. */
    public static byte[] byModelKey(final String model, final Remembered request) {
        final byte[] prefix = byModelPrefix(model);
        return ByteBuffer.allocate(prefix.length + 2 * Long.BYTES)
                .put(prefix)
                .putLong(sortable(request.timestamp()))
                .putLong(request.sequence())
                .array();
    }

    /** {@code t} ts seq. */
    public static byte[] byTimeKey(final Remembered request) {
        return ByteBuffer.allocate(1 + 2 * Long.BYTES)
                .put(BY_TIME)
                .putLong(sortable(request.timestamp()))
                .putLong(request.sequence())
                .array();
    }

    /** {@code m} model. */
    public static byte[] labelsKey(final String model) {
        return modelKey(LABELS, model);
    }

    /** {@code c} model. */
    public static byte[] countsKey(final String model) {
        return modelKey(COUNTS, model);
    }

    /** {@code w} model. */
    public static byte[] windowKey(final String model) {
        return modelKey(WINDOW, model);
    }

    private static byte[] modelKey(final byte kind, final String model) {
        final byte[] m = utf8(model);
        return ByteBuffer.allocate(1 + m.length).put(kind).put(m).array();
    }

    private static long sortable(final long timestamp) {
        return timestamp ^ Long.MIN_VALUE;
    }

    private static byte[] utf8(final String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
