package io.onlinelearner.serde;

import com.carrotsearch.hppc.LongIntHashMap;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.function.IntToDoubleFunction;

/**
 * A hashed model's entries (weight θ, moments m and v, per touched index) as format 8 of the model
 * state stores them ({@link HashedFormat}): an entry that several indices hold bit for bit is
 * stored once, and each index refers to it. Lazy Adam gives every index that a record brings for
 * the first time with the same value (a category, its interactions with other categories) the very
 * same gradient, moments and weight, and leaves them so until the index comes again: in the
 * benchmark's models two indices in three share their entry with another after 20 records.
 *
 * <p>Entries are grouped by the bits of {@code m}, then checked: an index joins the first index
 * with its {@code m} only when its {@code θ} and {@code v} have the same bits too, so every entry
 * reads back bit for bit whatever produced it. The pairs {@code (m, v)} are stored as {@link
 * FirstStepMoments} does. Layout (big-endian), for {@code k} indices:
 *
 * <pre>
 * int            n, the shared entries (each held by two indices or more)
 * varint[k]      per index: 0 for an entry of its own, r for shared entry r − 1 ({@link Varints})
 * the n shared entries, then the own ones in the indices' order, each pair (m, v) as
 *                {@link FirstStepMoments} stores it, then double[n + own] θ in the same order
 * </pre>
 */
final class SharedEntries {

    private SharedEntries() {}

    /**
     * The {@code k} entries {@code theta(j)}, {@code m(j)}, {@code v(j)} grouped, their pairs
     * planned with {@code c1 = 1−β1} and {@code c2 = 1−β2} (NaN: every pair as it is), ready to be
     * sized and written.
     */
    static Plan plan(
            final int k,
            final IntToDoubleFunction theta,
            final IntToDoubleFunction m,
            final IntToDoubleFunction v,
            final double c1,
            final double c2) {
        final int[] group = groups(k, theta, m, v);
        final int[] held = new int[k];
        for (int j = 0; j < k; j++) {
            if (group[j] >= 0) {
                held[group[j]]++;
            }
        }
        final int[] refs = new int[k];
        int shared = 0;
        int own = 0;
        for (int j = 0; j < k; j++) {
            if (group[j] == j && held[j] > 1) {
                refs[j] = ++shared;
            } else if (group[j] >= 0 && held[group[j]] > 1) {
                refs[j] = refs[group[j]];
            } else {
                own++;
            }
        }
        final int[] order = new int[shared + own];
        int next = shared;
        for (int j = 0; j < k; j++) {
            if (refs[j] == 0) {
                order[next++] = j;
            } else if (group[j] == j) {
                order[refs[j] - 1] = j;
            }
        }
        final FirstStepMoments.Plan pairs = FirstStepMoments.plan(
                order.length, i -> m.applyAsDouble(order[i]), i -> v.applyAsDouble(order[i]), c1, c2);
        return new Plan(shared, refs, order, pairs, theta);
    }

    /**
     * For each index, the first index with an entry of the same bits (itself when it is the first),
     * or -1 when an earlier index has its {@code m} but another {@code θ} or {@code v}.
     */
    private static int[] groups(
            final int k, final IntToDoubleFunction theta, final IntToDoubleFunction m, final IntToDoubleFunction v) {
        final int[] group = new int[k];
        final LongIntHashMap first = new LongIntHashMap(k);
        for (int j = 0; j < k; j++) {
            final long key = Double.doubleToRawLongBits(m.applyAsDouble(j));
            final int slot = first.indexOf(key);
            if (!first.indexExists(slot)) {
                first.indexInsert(slot, key, j);
                group[j] = j;
            } else {
                final int r = first.indexGet(slot);
                group[j] = same(theta, r, j) && same(v, r, j) ? r : -1;
            }
        }
        return group;
    }

    private static boolean same(final IntToDoubleFunction values, final int a, final int b) {
        return Double.doubleToRawLongBits(values.applyAsDouble(a))
                == Double.doubleToRawLongBits(values.applyAsDouble(b));
    }

    /**
     * What {@link #plan} decided for one state's entries. Used once, by the writer that made it.
     *
     * @param shared the entries held by two indices or more
     * @param refs   per index, 0 or its shared entry's number (1-based)
     * @param order  the indices whose entries are stored, shared ones first
     * @param pairs  the stored entries' moments
     * @param theta  the weights, by index
     */
    record Plan(int shared, int[] refs, int[] order, FirstStepMoments.Plan pairs, IntToDoubleFunction theta) {

        /** The bytes {@link #put} writes. */
        int bytes() {
            int size = Integer.BYTES + pairs.bytes() + order.length * Double.BYTES;
            for (final int ref : refs) {
                size += Varints.bytes(ref);
            }
            return size;
        }

        /** Writes the entries at a heap buffer's position and moves past them. */
        void put(final ByteBuffer buffer) {
            buffer.putInt(shared);
            final byte[] out = buffer.array();
            int p = buffer.arrayOffset() + buffer.position();
            for (final int ref : refs) {
                p = Varints.put(out, p, ref);
            }
            buffer.position(p - buffer.arrayOffset());
            pairs.put(buffer);
            for (final int j : order) {
                buffer.putDouble(theta.applyAsDouble(j));
            }
        }
    }

    /**
     * Reads {@code k} entries at a heap buffer's position and moves past them.
     *
     * @return {@code {θ, m, v}}, each {@code k} long
     * @throws IllegalArgumentException when a reference or the count of shared entries is out of range
     * @throws BufferUnderflowException when the buffer ends before them
     */
    static double[][] read(final ByteBuffer buffer, final int k) {
        final int shared = buffer.getInt();
        if (shared < 0 || shared > k / 2) {
            throw new IllegalArgumentException(shared + " shared entries for " + k + " indices");
        }
        final int[] refs = new int[k];
        final Varints.Reader reader = new Varints.Reader(buffer);
        int own = 0;
        for (int j = 0; j < k; j++) {
            final long ref = reader.next();
            if (ref > shared) {
                throw new IllegalArgumentException("entry " + ref + " of " + shared + " shared entries");
            }
            refs[j] = (int) ref;
            own += ref == 0 ? 1 : 0;
        }
        reader.done();
        final int stored = shared + own;
        final double[][] pairs = FirstStepMoments.read(buffer, stored);
        final double[] weights = Doubles.getArray(buffer, stored);
        final double[] theta = new double[k];
        final double[] m = new double[k];
        final double[] v = new double[k];
        int next = shared;
        for (int j = 0; j < k; j++) {
            final int at = refs[j] == 0 ? next++ : refs[j] - 1;
            theta[j] = weights[at];
            m[j] = pairs[0][at];
            v[j] = pairs[1][at];
        }
        return new double[][] {theta, m, v};
    }
}
