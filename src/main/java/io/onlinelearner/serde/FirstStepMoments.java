package io.onlinelearner.serde;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.function.IntToDoubleFunction;

/**
 * Lazy Adam's moments of a hashed model as formats 7 and 8 of the model state store them ({@link
 * HashedFormat}; in format 8, those of its distinct entries, {@link SharedEntries}): an index that
 * has had one gradient {@code g} since its moments were 0 holds exactly {@code m = (1−β1)·g} and
 * {@code v = (1−β2)·(g·g)} (one step of {@code SparseAdam} from zero), so its pair is stored as one
 * double, the gradient, instead of two. Most indices of a hashed model are such: the rare values of
 * a categorical feature and their interactions.
 *
 * <p>Nothing is guessed: an entry is stored as a gradient only when recomputing {@code m} and
 * {@code v} from it gives their very bits back, checked at writing; every other entry is stored as
 * it is. So any pair of moments, whatever produced it, reads back bit for bit. The two constants
 * {@code 1−β1} and {@code 1−β2} are stored with the moments, so reading needs no configuration.
 * Layout (big-endian), for {@code k} entries:
 *
 * <pre>
 * double  1−β1, double 1−β2
 * byte[(k+7)/8]  bit j % 8 of byte j / 8 set when entry j is stored as its gradient g
 * double[k]      g for those entries, m for the others
 * double[k − gradients]  v of the others, in order
 * </pre>
 */
final class FirstStepMoments {

    /** The neighbours of {@code m / (1−β1)} tried on each side, in units in the last place. */
    private static final int ULPS = 2;

    /**
     * How far, relative to {@code v}, the second moment of {@code m / (1−β1)} may be for the
     * neighbours to be tried: theirs differ from it by a few units in the last place, so a pair
     * farther off is not a first step and is stored as it is without them.
     */
    private static final double NEAR = 1e-9;

    private FirstStepMoments() {}

    /**
     * The gradient {@code g} whose one step from zero gives exactly {@code m} and {@code v} with
     * these constants, or NaN when there is none near {@code m / c1}.
     */
    static double gradientOf(final double m, final double v, final double c1, final double c2) {
        if (Double.isNaN(c1) || Double.isNaN(c2)) {
            return Double.NaN;
        }
        final double guess = m / c1;
        if (gives(guess, m, v, c1, c2)) {
            return guess;
        }
        if (!(Math.abs(c2 * (guess * guess) - v) <= NEAR * Math.abs(v))) {
            return Double.NaN;
        }
        double below = guess;
        double above = guess;
        for (int u = 0; u < ULPS; u++) {
            below = Math.nextDown(below);
            above = Math.nextUp(above);
            if (gives(below, m, v, c1, c2)) {
                return below;
            }
            if (gives(above, m, v, c1, c2)) {
                return above;
            }
        }
        return Double.NaN;
    }

    private static boolean gives(final double g, final double m, final double v, final double c1, final double c2) {
        return Double.doubleToRawLongBits(c1 * g) == Double.doubleToRawLongBits(m)
                && Double.doubleToRawLongBits(c2 * (g * g)) == Double.doubleToRawLongBits(v);
    }

    /**
     * The {@code k} entries {@code m(0..k-1)} and {@code v(0..k-1)} classified with the constants
     * {@code c1 = 1−β1} and {@code c2 = 1−β2} (NaN constants store every entry as it is), ready to
     * be sized and then written into the state's buffer in one pass.
     */
    static Plan plan(
            final int k, final IntToDoubleFunction m, final IntToDoubleFunction v, final double c1, final double c2) {
        final double[] first = new double[k];
        final byte[] bits = new byte[(k + 7) / 8];
        int others = 0;
        for (int j = 0; j < k; j++) {
            final double mj = m.applyAsDouble(j);
            final double g = gradientOf(mj, v.applyAsDouble(j), c1, c2);
            if (Double.isNaN(g)) {
                first[j] = mj;
                others++;
            } else {
                first[j] = g;
                bits[j >>> 3] |= (byte) (1 << (j & 7));
            }
        }
        return new Plan(c1, c2, bits, first, others, v);
    }

    /**
     * What {@link #plan} decided for one state's moments: the flags, the doubles written first
     * (gradients, or first moments), and how many second moments follow, read from {@code v}.
     * Used once, by the writer that made it.
     */
    record Plan(double c1, double c2, byte[] bits, double[] first, int others, IntToDoubleFunction v) {

        /** The bytes {@link #put} writes. */
        int bytes() {
            return 2 * Double.BYTES + bits.length + (first.length + others) * Double.BYTES;
        }

        /** Writes the moments at the buffer's position and moves past them. */
        void put(final ByteBuffer buffer) {
            buffer.putDouble(c1).putDouble(c2).put(bits);
            final int at = buffer.position();
            buffer.asDoubleBuffer().put(first);
            buffer.position(at + first.length * Double.BYTES);
            for (int j = 0; j < first.length; j++) {
                if (!isGradient(bits, j)) {
                    buffer.putDouble(v.applyAsDouble(j));
                }
            }
        }
    }

    /**
     * Reads {@code k} entries at the buffer's position and moves past them.
     *
     * @return {@code {m, v}}, each {@code k} long
     * @throws BufferUnderflowException when the buffer ends before them
     */
    static double[][] read(final ByteBuffer buffer, final int k) {
        final double c1 = buffer.getDouble();
        final double c2 = buffer.getDouble();
        final byte[] bits = new byte[(k + 7) / 8];
        buffer.get(bits);
        final double[] m = Doubles.getArray(buffer, k);
        int gradients = 0;
        for (int j = 0; j < k; j++) {
            gradients += isGradient(bits, j) ? 1 : 0;
        }
        final double[] stored = Doubles.getArray(buffer, k - gradients);
        final double[] v = new double[k];
        int next = 0;
        for (int j = 0; j < k; j++) {
            if (isGradient(bits, j)) {
                final double g = m[j];
                m[j] = c1 * g;
                v[j] = c2 * (g * g);
            } else {
                v[j] = stored[next++];
            }
        }
        return new double[][] {m, v};
    }

    private static boolean isGradient(final byte[] bits, final int j) {
        return (bits[j >>> 3] & (1 << (j & 7))) != 0;
    }
}
