package io.onlinelearner.features;

import io.onlinelearner.model.HashedFeatures;
import java.util.Arrays;

/** Checks and merges shared by the sparse values. */
final class Sparse {

    private Sparse() {}

    static void checkIndices(final int[] indices, final int length) {
        if (indices.length != length) {
            throw new IllegalArgumentException("lengths differ: " + indices.length + " indices, " + length + " values");
        }
        for (int k = 0; k < indices.length; k++) {
            if (indices[k] < 0 || (k > 0 && indices[k] <= indices[k - 1])) {
                throw new IllegalArgumentException("indices must be non-negative and strictly increasing");
            }
        }
    }

    static boolean allFinite(final double[] values) {
        for (final double value : values) {
            if (!Double.isFinite(value)) {
                return false;
            }
        }
        return true;
    }

    /**
     * The union of {@code stored} and {@code x}'s indices, in increasing order; {@code stored} itself
     * (shared, never written) when {@code x} brings no new index.
     */
    static int[] union(final int[] stored, final HashedFeatures x) {
        return Insertions.of(stored, x).union(stored);
    }

    /**
     * {@code values} (parallel to {@code from}) laid out over {@code to}, a superset of {@code from}
     * in increasing order, 0 at the indices {@code from} lacks; a copy in every case.
     */
    static double[] spread(final int[] from, final double[] values, final int[] to) {
        if (from == to) {
            return values.clone();
        }
        final double[] out = new double[to.length];
        int i = 0;
        for (int k = 0; k < to.length && i < from.length; k++) {
            if (to[k] == from[i]) {
                out[k] = values[i++];
            }
        }
        return out;
    }

    /**
     * The indices of a record that a sorted index array lacks, each with where it goes in that
     * array: what turns the array and its parallel values into their union with the record by bulk
     * copies of the runs between them.
     *
     * @param indices the new indices, increasing
     * @param at      for each, the position in the stored array before which it goes (non-decreasing)
     */
    record Insertions(int[] indices, int[] at) {

        /** The indices of {@code x} that {@code stored} (increasing) lacks. */
        static Insertions of(final int[] stored, final HashedFeatures x) {
            int[] indices = null;
            int[] at = null;
            int fresh = 0;
            int from = 0;
            for (int k = 0; k < x.size(); k++) {
                final int found = java.util.Arrays.binarySearch(stored, from, stored.length, x.index(k));
                if (found >= 0) {
                    from = found + 1;
                    continue;
                }
                from = -found - 1;
                if (indices == null) {
                    indices = new int[x.size() - k];
                    at = new int[x.size() - k];
                }
                indices[fresh] = x.index(k);
                at[fresh++] = from;
            }
            return fresh == 0 ? NONE : new Insertions(Arrays.copyOf(indices, fresh), Arrays.copyOf(at, fresh));
        }

        private static final Insertions NONE = new Insertions(new int[0], new int[0]);

        /** True when the record brings no new index. */
        boolean isEmpty() {
            return indices.length == 0;
        }

        /** {@code stored} with the new indices; {@code stored} itself (shared, never written) when none. */
        int[] union(final int[] stored) {
            if (isEmpty()) {
                return stored;
            }
            final int[] out = new int[stored.length + indices.length];
            int from = 0;
            for (int r = 0; r < indices.length; r++) {
                System.arraycopy(stored, from, out, from + r, at[r] - from);
                out[at[r] + r] = indices[r];
                from = at[r];
            }
            System.arraycopy(stored, from, out, from + indices.length, stored.length - from);
            return out;
        }

        /** A copy of {@code values} (parallel to the stored indices) laid out over the union, 0 at the new indices. */
        double[] spread(final double[] values) {
            if (isEmpty()) {
                return values.clone();
            }
            final double[] out = new double[values.length + indices.length];
            int from = 0;
            for (int r = 0; r < indices.length; r++) {
                System.arraycopy(values, from, out, from + r, at[r] - from);
                from = at[r];
            }
            System.arraycopy(values, from, out, from + indices.length, values.length - from);
            return out;
        }
    }
}
