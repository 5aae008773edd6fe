package io.onlinelearner.features;

import io.onlinelearner.model.HashedFeatures;

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
        int fresh = 0;
        int from = 0;
        for (int k = 0; k < x.size(); k++) {
            final int at = java.util.Arrays.binarySearch(stored, from, stored.length, x.index(k));
            if (at < 0) {
                fresh++;
                from = -at - 1;
            } else {
                from = at + 1;
            }
        }
        if (fresh == 0) {
            return stored;
        }
        final int[] union = new int[stored.length + fresh];
        int i = 0;
        int j = 0;
        int out = 0;
        while (i < stored.length || j < x.size()) {
            if (j == x.size() || (i < stored.length && stored[i] < x.index(j))) {
                union[out++] = stored[i++];
            } else {
                if (i < stored.length && stored[i] == x.index(j)) {
                    i++;
                }
                union[out++] = x.index(j++);
            }
        }
        return union;
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
}
