package io.onlinelearner.labels;

import java.util.Arrays;

/**
 * The losses of a model's latest outcomes, at most {@link #capacity()} of them, for their mean: a
 * value; {@link #with(double)} returns a new one. The mean is summed oldest first, so it is the
 * same wherever it is computed.
 */
public final class ServedLoss {

    private final int capacity;
    private final double[] losses;

    private ServedLoss(final int capacity, final double[] losses) {
        this.capacity = capacity;
        this.losses = losses;
    }

    /** No outcome yet, keeping at most {@code capacity}. */
    public static ServedLoss empty(final int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity " + capacity + " < 1");
        }
        return new ServedLoss(capacity, new double[0]);
    }

    /**
     * The window holding {@code losses}, oldest first, keeping at most {@code capacity}: only the
     * newest {@code capacity} of them when there are more (the window was made smaller).
     */
    public static ServedLoss of(final int capacity, final double[] losses) {
        final int from = Math.max(0, losses.length - capacity);
        return new ServedLoss(capacity, Arrays.copyOfRange(losses, from, losses.length)).checked();
    }

    private ServedLoss checked() {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity " + capacity + " < 1");
        }
        return this;
    }

    /** This window with one more loss; the oldest drops out when it is full. */
    public ServedLoss with(final double loss) {
        final int kept = Math.min(losses.length, capacity - 1);
        final double[] next = new double[kept + 1];
        System.arraycopy(losses, losses.length - kept, next, 0, kept);
        next[kept] = loss;
        return new ServedLoss(capacity, next);
    }

    /** The mean of the losses in the window, or NaN when it is empty. */
    public double mean() {
        if (losses.length == 0) {
            return Double.NaN;
        }
        double sum = 0;
        for (final double loss : losses) {
            sum += loss;
        }
        return sum / losses.length;
    }

    /** How many losses the window holds at most. */
    public int capacity() {
        return capacity;
    }

    /** How many losses it holds. */
    public int size() {
        return losses.length;
    }

    /** The losses, oldest first (a copy). */
    public double[] losses() {
        return losses.clone();
    }

    @Override
    public boolean equals(final Object other) {
        return other instanceof ServedLoss that && capacity == that.capacity && Arrays.equals(losses, that.losses);
    }

    @Override
    public int hashCode() {
        return 31 * capacity + Arrays.hashCode(losses);
    }

    @Override
    public String toString() {
        return "ServedLoss[capacity=" + capacity + ", losses=" + Arrays.toString(losses) + "]";
    }
}
