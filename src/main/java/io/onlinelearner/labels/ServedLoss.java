package io.onlinelearner.labels;

import java.util.Arrays;

/**
 * The losses of a model's latest outcomes, at most {@link #capacity()} of them, for their mean: a
 * value; {@link #with(double)} returns a new one. The mean is summed oldest first, so it is the
 * same wherever it is computed.
 *
 * <p>A window is a range of an append-only buffer ({@link Tail}) that the windows grown from one
 * another share: {@link #with(double)} on the newest of them writes the loss into the free slot
 * after its range and returns the longer range, so a label costs one slot, not a copy of the whole
 * window; only when the buffer is full, or when an older window grows, are its newest losses copied
 * into a new buffer. A slot is written once, before any window that covers it exists, so no window
 * ever sees its losses change.
 */
public final class ServedLoss {

    /** Free slots a buffer keeps beyond the capacity, as a fraction of it: a copy every capacity / 4 labels. */
    private static final int SLACK_DIVISOR = 4;
    /** The fewest slots of a buffer. */
    private static final int MIN_BUFFER = 16;

    private final int capacity;
    private final Tail tail;
    private final int from;
    private final int to;
    private volatile double mean = Double.NaN;
    private volatile boolean meanKnown;

    /**
     * The buffer of {@link ServedLoss} windows that grew from one another: mutable, written only
     * past {@link #used}, and never handed out of this class.
     */
    private static final class Tail {
        private final double[] losses;
        private int used;

        private Tail(final double[] losses, final int used) {
            this.losses = losses;
            this.used = used;
        }
    }

    private ServedLoss(final int capacity, final Tail tail, final int from, final int to) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity " + capacity + " < 1");
        }
        this.capacity = capacity;
        this.tail = tail;
        this.from = from;
        this.to = to;
    }

    /** No outcome yet, keeping at most {@code capacity}. */
    public static ServedLoss empty(final int capacity) {
        return new ServedLoss(capacity, new Tail(new double[0], 0), 0, 0);
    }

    /**
     * The window holding {@code losses}, oldest first, keeping at most {@code capacity}: only the
     * newest {@code capacity} of them when there are more (the window was made smaller).
     */
    public static ServedLoss of(final int capacity, final double[] losses) {
        final int from = Math.max(0, losses.length - capacity);
        final double[] kept = Arrays.copyOfRange(losses, from, losses.length);
        return new ServedLoss(capacity, new Tail(kept, kept.length), 0, kept.length);
    }

    /** This window with one more loss; the oldest drops out when it is full. */
    public ServedLoss with(final double loss) {
        final int kept = Math.min(size(), capacity - 1);
        synchronized (tail) {
            if (to == tail.used && to < tail.losses.length) {
                tail.losses[to] = loss;
                tail.used = to + 1;
                return new ServedLoss(capacity, tail, to - kept, to + 1);
            }
        }
        final double[] next = new double[buffer(kept + 1)];
        System.arraycopy(tail.losses, to - kept, next, 0, kept);
        next[kept] = loss;
        return new ServedLoss(capacity, new Tail(next, kept + 1), 0, kept + 1);
    }

    private int buffer(final int needed) {
        final long most = (long) capacity + Math.max(MIN_BUFFER, capacity / SLACK_DIVISOR);
        return (int) Math.min(most, Math.max(MIN_BUFFER, 2L * needed));
    }

    /** The mean of the losses in the window, or NaN when it is empty; computed once per window. */
    public double mean() {
        if (!meanKnown) {
            mean = sum() / size();
            meanKnown = true;
        }
        return mean;
    }

    private double sum() {
        double sum = 0;
        for (int i = from; i < to; i++) {
            sum += tail.losses[i];
        }
        return sum;
    }

    /** How many losses the window holds at most. */
    public int capacity() {
        return capacity;
    }

    /** How many losses it holds. */
    public int size() {
        return to - from;
    }

    /** The slots of the buffer it shares with the windows grown from it: what it costs in memory, in doubles. */
    public int footprint() {
        return tail.losses.length;
    }

    /** The losses, oldest first (a copy). */
    public double[] losses() {
        return Arrays.copyOfRange(tail.losses, from, to);
    }

    @Override
    public boolean equals(final Object other) {
        return other instanceof ServedLoss that
                && capacity == that.capacity
                && Arrays.equals(tail.losses, from, to, that.tail.losses, that.from, that.to);
    }

    @Override
    public int hashCode() {
        int hash = 31 * capacity;
        for (int i = from; i < to; i++) {
            hash = 31 * hash + Double.hashCode(tail.losses[i]);
        }
        return hash;
    }

    @Override
    public String toString() {
        return "ServedLoss[capacity=" + capacity + ", losses=" + Arrays.toString(losses()) + "]";
    }
}
