package io.onlinelearner.serde;

import io.onlinelearner.features.SparseMoments;
import io.onlinelearner.features.SparseWeights;
import io.onlinelearner.learner.LazyMoments;
import io.onlinelearner.learner.ModelState;
import io.onlinelearner.stopping.Weights;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;
import org.apache.kafka.common.errors.SerializationException;

/**
 * What a hashed model changed since its <em>base</em> (its state as {@link ModelStateSerde} last
 * wrote it in full): the state's scalars, its bias and the entries (index, θ, m, v) that differ from
 * the base's, so that a record of a model with thousands of indices writes tens of entries instead
 * of all of them. Layout (big-endian):
 *
 * <pre>
 * byte    version (1)
 * int     the base's length in bytes      int  the base's CRC32C      int  the base's CRC-32
 * byte    flags, then the header of format 3 (features d … nonFiniteLosses), as {@link HashedFormat}
 * double  bias, bias m, bias v
 * int n, n indices as gaps ({@link IndexGaps}), n × (double θ, double m, double v)
 * </pre>
 *
 * A value names its base ({@link Base}: its length and two checksums, 64 bits), and applies to that
 * base only ({@link #appliesTo}): recent entries never apply to another base, e.g. one written
 * later. A base's checkpoints (best snapshot, frozen) are its own: a state whose checkpoints,
 * indices or texts differ from the base's otherwise than by entries changed or added is not written
 * as recent entries ({@link #changed} gives null).
 */
public final class RecentEntries {

    /** The version byte. */
    static final byte VERSION = 1;

    private static final int ENTRY_BYTES = 3 * Double.BYTES;
    private static final int BASE_BYTES = 3 * Integer.BYTES;
    private static final int FIXED_BYTES =
            1 + BASE_BYTES + ModelStateSerde.HEADER_BYTES - 1 + 3 * Double.BYTES + Integer.BYTES;

    private RecentEntries() {}

    /**
     * A base as its recent entries name it: two checksums of different polynomials, so that
     * recent entries left over another base of the same length apply to it with a chance of
     * 2^-64, not 2^-32.
     *
     * @param length  its length in bytes
     * @param crc32c  the CRC32C of its bytes
     * @param crc32   the CRC-32 of its bytes
     */
    public record Base(int length, int crc32c, int crc32) {

        /** The name of the base {@code bytes}. */
        public static Base of(final byte[] bytes) {
            final CRC32C crc32c = new CRC32C();
            crc32c.update(bytes, 0, bytes.length);
            final CRC32 crc32 = new CRC32();
            crc32.update(bytes, 0, bytes.length);
            return new Base(bytes.length, (int) crc32c.getValue(), (int) crc32.getValue());
        }
    }

    /**
     * The indices, increasing, whose entries a state {@code current} must carry as recent entries
     * over a base that {@code stored} equals once its entries at {@code recent} (increasing) are
     * applied: {@code recent} and every index at which {@code current}'s θ, m or v differ, bit for
     * bit, from {@code stored}'s or that {@code stored} lacks. Null when {@code current} is not
     * {@code stored} with entries changed or added: a dense model, another size or intercept,
     * moments kept apart from the weights' indices, kept texts, an index dropped, or checkpoints
     * that are not the very objects of {@code stored}.
     */
    public static int[] changed(final ModelState stored, final ModelState current, final int[] recent) {
        if (!writable(stored)
                || !writable(current)
                || stored.features() != current.features()
                || stored.intercept() != current.intercept()
                || stored.frozen() != current.frozen()
                || stored.stopping().snapshot() != current.stopping().snapshot()) {
            return null;
        }
        final SparseWeights before = weights(stored);
        final SparseMoments beforeMoments = moments(stored);
        final SparseWeights after = weights(current);
        final SparseMoments afterMoments = moments(current);
        final int[] changed = new int[after.size()];
        int n = 0;
        int b = 0;
        for (int a = 0; a < after.size(); a++) {
            final int index = after.index(a);
            if (b < before.size() && before.index(b) < index) {
                return null;
            }
            if (b < before.size() && before.index(b) == index) {
                if (!same(before.weightAt(b), after.weightAt(a))
                        || !same(beforeMoments.mAt(b), afterMoments.mAt(a))
                        || !same(beforeMoments.vAt(b), afterMoments.vAt(a))) {
                    changed[n++] = index;
                }
                b++;
            } else {
                changed[n++] = index;
            }
        }
        return b < before.size() ? null : union(recent, Arrays.copyOf(changed, n));
    }

    /** The recent entries of {@code state} at {@code indices} (increasing, each one of its own), over {@code base}. */
    public static byte[] write(final ModelState state, final int[] indices, final Base base) {
        final SparseWeights live = weights(state);
        final SparseMoments moments = moments(state);
        final int size = FIXED_BYTES + IndexGaps.bytes(k -> indices[k], indices.length) + indices.length * ENTRY_BYTES;
        final ByteBuffer buffer = ByteBuffer.allocate(size);
        buffer.put(VERSION).putInt(base.length()).putInt(base.crc32c()).putInt(base.crc32());
        buffer.put((byte) (HashedFormat.flags(state) | HashedFormat.SHARED_INDICES));
        ModelStateSerde.putHeader(buffer, state);
        buffer.putDouble(live.bias()).putDouble(moments.biasM()).putDouble(moments.biasV());
        buffer.putInt(indices.length);
        IndexGaps.put(buffer, k -> indices[k], indices.length);
        int k = 0;
        for (final int index : indices) {
            while (live.index(k) != index) {
                k++;
            }
            buffer.putDouble(live.weightAt(k)).putDouble(moments.mAt(k)).putDouble(moments.vAt(k));
        }
        return buffer.array();
    }

    /** True when {@code recent}, recent entries, were written over {@code base}, the bytes of a base. */
    public static boolean appliesTo(final byte[] recent, final byte[] base) {
        final ByteBuffer buffer = ByteBuffer.wrap(recent);
        if (recent.length < FIXED_BYTES || buffer.get() != VERSION || buffer.getInt() != base.length) {
            return false;
        }
        final Base name = Base.of(base);
        return buffer.getInt() == name.crc32c() && buffer.getInt() == name.crc32();
    }

    /**
     * The state that a model's base and recent entries hold together: {@code state}, read from
     * {@code base}, with {@code recent} (null: none) applied when it was written over that base.
     *
     * @throws SerializationException when {@code recent} names {@code base} but is corrupt
     */
    public static ModelState over(final ModelState state, final byte[] base, final byte[] recent) {
        return recent != null && appliesTo(recent, base) ? apply(state, recent) : state;
    }

    /**
     * The state that {@code recent} gives over {@code base}, the state its base holds: the scalars
     * and bias of {@code recent}, its entries in place of or added to the base's, and the base's
     * checkpoints.
     *
     * @throws SerializationException when {@code recent} is corrupt or does not fit {@code base}
     */
    public static ModelState apply(final ModelState base, final byte[] recent) {
        try {
            final ByteBuffer buffer = ByteBuffer.wrap(recent);
            if (buffer.get() != VERSION) {
                throw new IllegalArgumentException("version " + recent[0]);
            }
            buffer.position(1 + BASE_BYTES);
            final int flags = buffer.get();
            final ModelStateSerde.Header header = ModelStateSerde.Header.read(buffer, ModelStateSerde.VERSION, flags);
            final double bias = buffer.getDouble();
            final double biasM = buffer.getDouble();
            final double biasV = buffer.getDouble();
            final int n = count(buffer);
            final int[] indices = IndexGaps.get(buffer, n);
            if (buffer.remaining() != n * ENTRY_BYTES || !writable(base)) {
                throw new IllegalArgumentException(buffer.remaining() + " bytes of entries for " + n + " indices");
            }
            final SparseWeights live = weights(base);
            final SparseMoments moments = moments(base);
            final int[] all = union(live.indices(), indices);
            final double[][] entries = merged(live, moments, all, indices, buffer);
            return header.state(
                    (flags & ModelStateSerde.INTERCEPT) != 0,
                    new Weights.Sparse(SparseWeights.adopt(all, entries[0], bias)),
                    new LazyMoments(SparseMoments.adopt(all, entries[1], entries[2], biasM, biasV, header.t())),
                    base.stopping().snapshot(),
                    base.frozen());
        } catch (RuntimeException e) {
            throw new SerializationException("corrupt recent entries (" + recent.length + " bytes): " + e, e);
        }
    }

    /** θ, m and v at {@code all}: the base's {@code live} and {@code moments}, those at {@code indices} read from {@code entries}. */
    private static double[][] merged(
            final SparseWeights live,
            final SparseMoments moments,
            final int[] all,
            final int[] indices,
            final ByteBuffer entries) {
        final double[] theta = new double[all.length];
        final double[] m = new double[all.length];
        final double[] v = new double[all.length];
        int b = 0;
        int r = 0;
        for (int k = 0; k < all.length; k++) {
            if (r < indices.length && indices[r] == all[k]) {
                theta[k] = entries.getDouble();
                m[k] = entries.getDouble();
                v[k] = entries.getDouble();
                r++;
                if (b < live.size() && live.index(b) == all[k]) {
                    b++;
                }
            } else {
                theta[k] = live.weightAt(b);
                m[k] = moments.mAt(b);
                v[k] = moments.vAt(b);
                b++;
            }
        }
        return new double[][] {theta, m, v};
    }

    private static boolean writable(final ModelState state) {
        return state.live().weights() instanceof Weights.Sparse
                && state.moments() instanceof LazyMoments lazy
                && lazy.moments().hasIndicesOf(weights(state))
                && state.names().size() == 0;
    }

    private static boolean same(final double a, final double b) {
        return Double.doubleToRawLongBits(a) == Double.doubleToRawLongBits(b);
    }

    /** The increasing union of two increasing arrays. */
    static int[] union(final int[] a, final int[] b) {
        final int[] all = new int[a.length + b.length];
        int i = 0;
        int j = 0;
        int n = 0;
        while (i < a.length || j < b.length) {
            if (j == b.length || (i < a.length && a[i] < b[j])) {
                all[n++] = a[i++];
            } else {
                if (i < a.length && a[i] == b[j]) {
                    i++;
                }
                all[n++] = b[j++];
            }
        }
        return n == all.length ? all : Arrays.copyOf(all, n);
    }

    private static int count(final ByteBuffer buffer) {
        final int n = buffer.getInt();
        if (n < 0 || n > buffer.remaining()) {
            throw new IllegalArgumentException("a count of " + n + " does not fit the record");
        }
        return n;
    }

    private static SparseWeights weights(final ModelState state) {
        return ((Weights.Sparse) state.live().weights()).weights();
    }

    private static SparseMoments moments(final ModelState state) {
        return ((LazyMoments) state.moments()).moments();
    }
}
