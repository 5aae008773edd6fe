package io.onlinelearner.serde;

import io.onlinelearner.features.SparseWeights;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;

/**
 * A hashed model's checkpoint weights (its best snapshot, its frozen model) as format 8 of the
 * model state stores them ({@link HashedFormat}), against the weights written before them (the
 * live ones for the snapshot, the snapshot for the frozen model): a weight that equals, bit for
 * bit, the reference's weight at its index is one bit instead of eight bytes, and indices that
 * are the reference's are not written again. Lazy Adam leaves alone every index that a record
 * does not bring, so most of a snapshot's weights are still the live ones a few rounds later, and
 * a frozen model is its best snapshot. Layout (big-endian):
 *
 * <pre>
 * int            k
 * byte           1 when the k indices are the reference's; 0 when they follow as gaps ({@link IndexGaps})
 * byte[(k+7)/8]  bit j % 8 of byte j / 8 set when weight j is the reference's weight at its index
 * double[k − set]  the other weights, in order
 * double         bias
 * </pre>
 */
final class CheckpointWeights {

    private CheckpointWeights() {}

    /** {@code weights} against {@code reference}: which are the reference's, ready to be sized and written. */
    static Plan plan(final SparseWeights weights, final SparseWeights reference) {
        final int k = weights.size();
        boolean sameIndices = k == reference.size();
        for (int j = 0; sameIndices && j < k; j++) {
            sameIndices = weights.index(j) == reference.index(j);
        }
        final byte[] bits = new byte[(k + 7) / 8];
        int same = 0;
        int at = 0;
        for (int j = 0; j < k; j++) {
            final int index = weights.index(j);
            while (at < reference.size() && reference.index(at) < index) {
                at++;
            }
            if (at < reference.size()
                    && reference.index(at) == index
                    && Double.doubleToRawLongBits(reference.weightAt(at))
                            == Double.doubleToRawLongBits(weights.weightAt(j))) {
                bits[j >>> 3] |= (byte) (1 << (j & 7));
                same++;
            }
        }
        return new Plan(weights, sameIndices, bits, same);
    }

    /**
     * What {@link #plan} decided for one checkpoint. Used once, by the writer that made it.
     *
     * @param weights     the checkpoint's weights
     * @param sameIndices whether their indices are the reference's
     * @param bits        which of them are the reference's weights
     * @param same        how many are
     */
    record Plan(SparseWeights weights, boolean sameIndices, byte[] bits, int same) {

        /** The bytes {@link #put} writes. */
        int bytes() {
            return Integer.BYTES
                    + 1
                    + (sameIndices ? 0 : IndexGaps.bytes(weights::index, weights.size()))
                    + bits.length
                    + (weights.size() - same) * Double.BYTES
                    + Double.BYTES;
        }

        /** Writes the weights at a heap buffer's position and moves past them. */
        void put(final ByteBuffer buffer) {
            final int k = weights.size();
            buffer.putInt(k).put((byte) (sameIndices ? 1 : 0));
            if (!sameIndices) {
                IndexGaps.put(buffer, weights::index, k);
            }
            buffer.put(bits);
            for (int j = 0; j < k; j++) {
                if (!isReferences(bits, j)) {
                    buffer.putDouble(weights.weightAt(j));
                }
            }
            buffer.putDouble(weights.bias());
        }
    }

    /**
     * Reads a checkpoint's weights at a heap buffer's position, taking those marked so (and the
     * indices, when marked so) from {@code reference}, and moves past them.
     *
     * @throws IllegalArgumentException when the count does not fit, the indices are not increasing,
     *                                  or a weight or the indices marked as the reference's do not
     *                                  match it
     * @throws BufferUnderflowException when the buffer ends before them
     */
    static SparseWeights read(final ByteBuffer buffer, final SparseWeights reference) {
        final int k = buffer.getInt();
        final byte sameIndices = buffer.get();
        if ((sameIndices & ~1) != 0 || sameIndices == 1 && k != reference.size()) {
            throw new IllegalArgumentException(
                    "a checkpoint of " + k + " indices marked " + sameIndices + " against " + reference.size());
        }
        if (sameIndices == 0 && (k < 0 || k > buffer.remaining())) {
            throw new IllegalArgumentException("a count of " + k + " does not fit the record");
        }
        final int[] indices = sameIndices == 1 ? reference.indices() : IndexGaps.get(buffer, k);
        final byte[] bits = new byte[(k + 7) / 8];
        buffer.get(bits);
        final double[] weights = new double[k];
        int at = 0;
        for (int j = 0; j < k; j++) {
            if (isReferences(bits, j)) {
                while (at < reference.size() && reference.index(at) < indices[j]) {
                    at++;
                }
                if (at == reference.size() || reference.index(at) != indices[j]) {
                    throw new IllegalArgumentException("no reference weight at index " + indices[j]);
                }
                weights[j] = reference.weightAt(at);
            } else {
                weights[j] = buffer.getDouble();
            }
        }
        return SparseWeights.adopt(indices, weights, buffer.getDouble());
    }

    /** Whether weight {@code j} is marked as the reference's. */
    private static boolean isReferences(final byte[] bits, final int j) {
        return (bits[j >>> 3] & (1 << (j & 7))) != 0;
    }
}
