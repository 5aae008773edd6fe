package io.onlinelearner.metrics;

import java.util.Arrays;

/**
 * A bounded series of (x, y) points that keeps the whole run in view: it accepts a point only when
 * {@code x} is a multiple of its stride, and when full it drops every other point and doubles the
 * stride. Memory is fixed whatever the run's length, and a record whose {@code x} is not sampled
 * costs one division and no lock.
 */
final class DecimatingSeries {

    private final long[] xs;
    private final double[] ys;
    private volatile long stride;
    private int size;

    /** A series of at most {@code capacity} points (even, at least 2), first sampling every {@code stride}. */
    DecimatingSeries(final int capacity, final long stride) {
        if (capacity < 2 || capacity % 2 != 0 || stride < 1) {
            throw new IllegalArgumentException("capacity must be even and >= 2, stride >= 1");
        }
        this.xs = new long[capacity];
        this.ys = new double[capacity];
        this.stride = stride;
    }

    /**
     * True when a point at {@code x} would be considered now (a multiple of the stride): a caller
     * whose {@code y} costs something to compute asks first. The stride only grows, so a false
     * answer stays false.
     */
    boolean samples(final long x) {
        return x % stride == 0;
    }

    /**
     * Offers one point; kept when {@code x} is a multiple of the current stride, beyond the last
     * point's (a record processed again after a transaction abort is not drawn twice), and
     * {@code y} is finite.
     */
    void offer(final long x, final double y) {
        if (x % stride != 0 || !Double.isFinite(y)) {
            return;
        }
        synchronized (this) {
            if (x % stride != 0 || size > 0 && x <= xs[size - 1]) {
                return;
            }
            while (size == xs.length) {
                compact();
            }
            if (x % stride != 0) {
                return;
            }
            xs[size] = x;
            ys[size] = y;
            size++;
        }
    }

    /** A copy of the points: {@code [xs, ys]} as parallel arrays, and the current stride. */
    synchronized Points points() {
        return new Points(Arrays.copyOf(xs, size), Arrays.copyOf(ys, size), stride);
    }

    private void compact() {
        final long next = stride * 2;
        int kept = 0;
        for (int i = 0; i < size; i++) {
            if (xs[i] % next == 0) {
                xs[kept] = xs[i];
                ys[kept] = ys[i];
                kept++;
            }
        }
        size = kept;
        stride = next;
    }

    /**
     * The points of a series at one moment.
     *
     * @param xs     the x values, ascending
     * @param ys     the y values
     * @param stride the sampling stride when copied
     */
    record Points(long[] xs, double[] ys, long stride) {}
}
