package io.onlinelearner.serde;

import com.carrotsearch.hppc.LongIntHashMap;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.function.IntToDoubleFunction;

/**
 * A hashed model's entries (weight θ, moments m and v, per touched index) as format 8 of the model
 * state stores them ({@link HashedFormat}): an entry that several indices hold bit for bit is
 * stored once, and each index refers to it. Lazy Adam gives every index that a record brings for
 * the first time with the same value (a category, its interactions with other categories) the very
 * same gradient, moments and weight, and leaves them so until the index comes again: in the
 * benchmark's models two indices in three share their entry with another after 20 records.
 *
 * <p>Entries are grouped by the bits of {@code m} (HPPC's {@code LongIntHashMap}, from each
 * {@code m} to its first index): the first index with an {@code m} stores its entry, and a later
 * one refers to it when its {@code θ} and {@code v} have the same bits too, or else stores its own
 * after the others. So every entry reads back bit for bit whatever produced it. The pairs {@code
 * (m, v)} are stored as {@link FirstStepMoments} does. Layout (big-endian), for {@code k} indices:
 *
 * <pre>
 * int            n, the entries referred to (one per distinct m, its first index's)
 * varint[k]      per index: r for entry r − 1, or 0 for an entry of its own ({@link Varints})
 * the n entries referred to, then the own ones in the indices' order: their pairs (m, v) as
 *                {@link FirstStepMoments} stores them, then double[n + own] θ in the same order
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
        final int[] refs = new int[k];
        final int[] order = new int[k];
        final int[] others = new int[k];
        int entries = 0;
        int own = 0;
        final LongIntHashMap first = new LongIntHashMap(k);
        for (int j = 0; j < k; j++) {
            final long key = Double.doubleToRawLongBits(m.applyAsDouble(j));
            final int slot = first.indexOf(key);
            if (!first.indexExists(slot)) {
                first.indexInsert(slot, key, j);
                order[entries] = j;
                refs[j] = ++entries;
            } else {
                final int r = first.indexGet(slot);
                if (same(theta, r, j) && same(v, r, j)) {
                    refs[j] = refs[r];
                } else {
                    others[own++] = j;
                }
            }
        }
        System.arraycopy(others, 0, order, entries, own);
        final int[] stored = entries + own == k ? order : Arrays.copyOf(order, entries + own);
        final FirstStepMoments.Plan pairs = FirstStepMoments.plan(
                stored.length, i -> m.applyAsDouble(stored[i]), i -> v.applyAsDouble(stored[i]), c1, c2);
        return new Plan(entries, refs, stored, pairs, theta);
    }

    private static boolean same(final IntToDoubleFunction values, final int a, final int b) {
        return Double.doubleToRawLongBits(values.applyAsDouble(a))
                == Double.doubleToRawLongBits(values.applyAsDouble(b));
    }

    /**
     * What {@link #plan} decided for one state's entries. Used once, by the writer that made it.
     *
     * @param entries the entries referred to, one per distinct {@code m} (its first index's)
     * @param refs    per index, 0 or the number (1-based) of the entry it refers to
     * @param order   the indices whose entries are stored: those referred to, then the others
     * @param pairs   the stored entries' moments
     * @param theta   the weights, by index
     */
    record Plan(int entries, int[] refs, int[] order, FirstStepMoments.Plan pairs, IntToDoubleFunction theta) {

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
            buffer.putInt(entries);
            final byte[] out = buffer.array();
            int p = buffer.arrayOffset() + buffer.position();
            for (final int ref : refs) {
                p = Varints.put(out, p, ref);
            }
            buffer.position(p - buffer.arrayOffset());
            pairs.put(buffer);
            final double[] weights = new double[order.length];
            for (int i = 0; i < order.length; i++) {
                weights[i] = theta.applyAsDouble(order[i]);
            }
            final int at = buffer.position();
            buffer.asDoubleBuffer().put(weights);
            buffer.position(at + weights.length * Double.BYTES);
        }
    }

    /**
     * Reads {@code k} entries at a heap buffer's position and moves past them.
     *
     * @return {@code {θ, m, v}}, each {@code k} long
     * @throws IllegalArgumentException when a reference or the count of entries is out of range
     * @throws BufferUnderflowException when the buffer ends before them
     */
    static double[][] read(final ByteBuffer buffer, final int k) {
        final int entries = buffer.getInt();
        if (entries < 0 || entries > k) {
            throw new IllegalArgumentException(entries + " entries referred to by " + k + " indices");
        }
        final int[] refs = new int[k];
        final Varints.Reader reader = new Varints.Reader(buffer);
        int own = 0;
        for (int j = 0; j < k; j++) {
            final long ref = reader.next();
            if (ref > entries) {
                throw new IllegalArgumentException("entry " + ref + " of " + entries);
            }
            refs[j] = (int) ref;
            own += ref == 0 ? 1 : 0;
        }
        reader.done();
        final int stored = entries + own;
        final double[][] pairs = FirstStepMoments.read(buffer, stored);
        final double[] weights = Doubles.getArray(buffer, stored);
        final double[] theta = new double[k];
        final double[] m = new double[k];
        final double[] v = new double[k];
        int next = entries;
        for (int j = 0; j < k; j++) {
            final int ref = refs[j];
            final int isOwn = (ref - 1) >>> 31;
            final int at = ref - 1 + isOwn * (next - ref + 1);
            next += isOwn;
            theta[j] = weights[at];
            m[j] = pairs[0][at];
            v[j] = pairs[1][at];
        }
        return new double[][] {theta, m, v};
    }
}
