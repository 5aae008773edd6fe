package io.onlinelearner.serde;

import io.onlinelearner.labels.ModelLabels;
import io.onlinelearner.labels.Remembered;
import io.onlinelearner.labels.ServedLoss;
import io.onlinelearner.learner.Prediction;
import io.onlinelearner.model.FeatureVector;
import io.onlinelearner.model.HashedFeatures;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Function;

/**
 * The values of the remembered-requests store, each under its key of {@link PendingKeys}: a
 * request ({@link #request}); the age indexes' values that earlier versions wrote ({@link #id},
 * {@link #entry}); a model's label counts ({@link #counts}) and served-loss window ({@link
 * #window}); and format 1 of a model's bookkeeping, counts and window in one value, read but no
 * longer written ({@link #labels(byte[], int)}).
 *
 * <p>The counts change with every request, the window only when a label joins: kept apart (format
 * 2), a request rewrites a few bytes instead of the whole window. A model's counts are its
 * {@code c} value, or its {@code m} value when it has no {@code c}; its window is its {@code w}
 * value, or its {@code m} value's when it has no {@code w} (no label has joined since the
 * upgrade), or empty ({@link #labels(Function, String, int)}). Values start with a format version
 * byte.
 */
public final class PendingFormat {

    private static final byte VERSION = 1;
    /** The version of a request value whose features are hashed (named features). */
    private static final byte HASHED = 2;
    /** The version of a model's counts and window kept apart. */
    private static final byte APART = 2;
    /** The stored code of which parameters answered is its index here: never reorder. */
    private static final List<Prediction.Answering> ANSWERING = List.of(
            Prediction.Answering.INITIAL,
            Prediction.Answering.LIVE,
            Prediction.Answering.BEST,
            Prediction.Answering.FROZEN);

    private PendingFormat() {}

    /**
     * The value of a request's key: everything remembered. A dense request's features are its
     * values (format 1); a hashed request's (format 2) are its indices, values and kept texts:
     * {@code int k, int[k] indices, double[k] values, int texts (-1: none kept), texts × (int
     * length, UTF-8), int[k + 1] text starts}.
     */
    public static byte[] request(final Remembered r) {
        final byte[] id = utf8(r.idJson());
        final byte[] features = r.features() instanceof HashedFeatures hashed ? hashed(hashed) : dense(r.x());
        final ByteBuffer b = ByteBuffer.allocate(
                1 + 2 * Long.BYTES + Double.BYTES + 1 + 2 * Long.BYTES + Integer.BYTES + id.length + features.length);
        b.put(r.features() instanceof HashedFeatures ? HASHED : VERSION)
                .putLong(r.timestamp())
                .putLong(r.sequence())
                .putDouble(r.prediction())
                .put((byte) ANSWERING.indexOf(r.parameters()))
                .putLong(r.updates())
                .putLong(r.generation())
                .putInt(id.length)
                .put(id)
                .put(features);
        return b.array();
    }

    private static byte[] dense(final double[] x) {
        final ByteBuffer b = ByteBuffer.allocate(Integer.BYTES + x.length * Double.BYTES);
        b.putInt(x.length);
        for (final double v : x) {
            b.putDouble(v);
        }
        return b.array();
    }

    private static byte[] hashed(final HashedFeatures x) {
        final String[] texts = x.texts();
        final byte[][] utf8 = texts == null ? new byte[0][] : new byte[texts.length][];
        int textBytes = 0;
        for (int t = 0; t < utf8.length; t++) {
            utf8[t] = utf8(texts[t]);
            textBytes += Integer.BYTES + utf8[t].length;
        }
        final int k = x.size();
        final ByteBuffer b = ByteBuffer.allocate(Integer.BYTES
                + k * (Integer.BYTES + Double.BYTES)
                + Integer.BYTES
                + textBytes
                + (texts == null ? 0 : (k + 1) * Integer.BYTES));
        b.putInt(k);
        for (int i = 0; i < k; i++) {
            b.putInt(x.index(i));
        }
        for (int i = 0; i < k; i++) {
            b.putDouble(x.value(i));
        }
        b.putInt(texts == null ? -1 : texts.length);
        for (final byte[] text : utf8) {
            b.putInt(text.length).put(text);
        }
        if (texts != null) {
            for (final int start : x.textStarts()) {
                b.putInt(start);
            }
        }
        return b.array();
    }

    /** The request of {@link #request(Remembered)}'s bytes. */
    public static Remembered request(final byte[] bytes) {
        final ByteBuffer b = ByteBuffer.wrap(bytes);
        final byte version = b.get();
        if (version != VERSION && version != HASHED) {
            throw new IllegalArgumentException(
                    "remembered-request format " + version + " is not " + VERSION + " or " + HASHED);
        }
        final long timestamp = b.getLong();
        final long sequence = b.getLong();
        final double prediction = b.getDouble();
        final Prediction.Answering parameters = ANSWERING.get(b.get());
        final long updates = b.getLong();
        final long generation = b.getLong();
        final String id = string(b);
        final FeatureVector features = version == HASHED ? readHashed(b) : new FeatureVector.Dense(readDense(b));
        return new Remembered(id, features, prediction, parameters, updates, generation, timestamp, sequence);
    }

    private static double[] readDense(final ByteBuffer b) {
        final double[] x = new double[b.getInt()];
        for (int i = 0; i < x.length; i++) {
            x[i] = b.getDouble();
        }
        return x;
    }

    private static HashedFeatures readHashed(final ByteBuffer b) {
        final int k = b.getInt();
        final int[] indices = new int[k];
        final double[] values = new double[k];
        for (int i = 0; i < k; i++) {
            indices[i] = b.getInt();
        }
        for (int i = 0; i < k; i++) {
            values[i] = b.getDouble();
        }
        final int count = b.getInt();
        if (count < 0) {
            return HashedFeatures.of(indices, values);
        }
        final String[] texts = new String[count];
        for (int t = 0; t < count; t++) {
            texts[t] = string(b);
        }
        final int[] starts = new int[k + 1];
        for (int i = 0; i <= k; i++) {
            starts[i] = b.getInt();
        }
        return HashedFeatures.of(indices, values, texts, starts);
    }

    /** The value of a {@code o} key: the request's id. */
    public static byte[] id(final Remembered r) {
        return utf8(r.idJson());
    }

    /** The value of a {@code t} key: model and id. */
    public static byte[] entry(final String model, final Remembered r) {
        final byte[] m = utf8(model);
        final byte[] id = utf8(r.idJson());
        return ByteBuffer.allocate(Integer.BYTES + m.length + id.length)
                .putInt(m.length)
                .put(m)
                .put(id)
                .array();
    }

    /**
     * A model's bookkeeping read with {@code get} (the store's value of a key, or null), its window
     * holding at most {@code window} losses; null when the model has none.
     */
    public static ModelLabels labels(final Function<byte[], byte[]> get, final String model, final int window) {
        final byte[] counts = get.apply(PendingKeys.countsKey(model));
        if (counts == null) {
            final byte[] legacy = get.apply(PendingKeys.labelsKey(model));
            return legacy == null ? null : labels(legacy, window);
        }
        final ByteBuffer b = versioned(counts, APART);
        final long pending = b.getLong();
        final long joined = b.getLong();
        final byte[] losses = get.apply(PendingKeys.windowKey(model));
        if (losses != null) {
            return new ModelLabels(pending, joined, window(losses, window));
        }
        final byte[] legacy = get.apply(PendingKeys.labelsKey(model));
        final ServedLoss served = legacy == null
                ? ServedLoss.empty(window)
                : labels(legacy, window).served();
        return new ModelLabels(pending, joined, served);
    }

    /** The value of a {@code c} key: a model's counts. */
    public static byte[] counts(final ModelLabels labels) {
        return ByteBuffer.allocate(1 + 2 * Long.BYTES)
                .put(APART)
                .putLong(labels.pending())
                .putLong(labels.joined())
                .array();
    }

    /** The value of a {@code w} key: a model's served-loss window, oldest first. */
    public static byte[] window(final ServedLoss served) {
        final double[] losses = served.losses();
        final ByteBuffer b = ByteBuffer.allocate(1 + Integer.BYTES + losses.length * Double.BYTES);
        b.put(APART).putInt(losses.length);
        b.asDoubleBuffer().put(losses);
        return b.array();
    }

    /** The window of a {@code w} value, holding at most {@code window} losses (the newest, if it held more). */
    public static ServedLoss window(final byte[] bytes, final int window) {
        return ServedLoss.of(window, losses(versioned(bytes, APART)));
    }

    /** Format 1 of a model's bookkeeping, the value of an {@code m} key: for tests of reading it. */
    public static byte[] labels(final ModelLabels labels) {
        final double[] losses = labels.served().losses();
        final ByteBuffer b = ByteBuffer.allocate(1 + 2 * Long.BYTES + Integer.BYTES + losses.length * Double.BYTES);
        b.put(VERSION).putLong(labels.pending()).putLong(labels.joined()).putInt(losses.length);
        for (final double loss : losses) {
            b.putDouble(loss);
        }
        return b.array();
    }

    /** A model's bookkeeping in format 1, its window holding at most {@code window} losses (the newest, if it held more). */
    public static ModelLabels labels(final byte[] bytes, final int window) {
        final ByteBuffer b = versioned(bytes, VERSION);
        final long pending = b.getLong();
        final long joined = b.getLong();
        return new ModelLabels(pending, joined, ServedLoss.of(window, losses(b)));
    }

    private static double[] losses(final ByteBuffer b) {
        final double[] losses = new double[b.getInt()];
        b.asDoubleBuffer().get(losses);
        b.position(b.position() + losses.length * Double.BYTES);
        return losses;
    }

    private static ByteBuffer versioned(final byte[] bytes, final byte expected) {
        final ByteBuffer b = ByteBuffer.wrap(bytes);
        final byte version = b.get();
        if (version != expected) {
            throw new IllegalArgumentException("remembered-request format " + version + " is not " + expected);
        }
        return b;
    }

    private static String string(final ByteBuffer b) {
        final byte[] bytes = new byte[b.getInt()];
        b.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static byte[] utf8(final String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
