package io.onlinelearner.optim;

import java.util.HashMap;
import java.util.Map;

/**
 * Spare {@code double} arrays by length, for a caller that owns its model states: the scratch
 * arrays of a step (the gradient, a copy of parameters a checkpoint shares) come from here and go
 * back, and the arrays a replaced state no longer shares with its successor are given here, so
 * that steps allocate nothing. An array taken from the pool holds arbitrary values: its taker
 * writes every element.
 *
 * <p>A pool belongs to one owner (a stream processor, i.e. one thread): it is not thread-safe, and
 * an array may be given back only when nothing will read it again. It holds at most
 * {@link #SPARES_PER_LENGTH} arrays of each of at most {@link #LENGTHS} lengths, so its memory
 * stays bounded whatever the models.
 */
public final class ArrayPool {

    /** Spare arrays kept per length. */
    static final int SPARES_PER_LENGTH = 8;
    /** Distinct lengths kept; past this, arrays of a new length are dropped. */
    static final int LENGTHS = 16;

    private final Map<Integer, Spares> byLength = new HashMap<>();

    /** An empty pool. */
    public ArrayPool() {}

    /** An array of {@code length}: a spare one (arbitrary contents) if any, else a new one. */
    public double[] take(final int length) {
        final Spares spares = byLength.get(length);
        return spares == null || spares.count == 0 ? new double[length] : spares.pop();
    }

    /**
     * Keeps {@code array} for a later {@link #take}; the caller must not read or write it again.
     * Giving the same array twice keeps it once.
     */
    public void give(final double[] array) {
        if (array.length == 0) {
            return;
        }
        Spares spares = byLength.get(array.length);
        if (spares == null) {
            if (byLength.size() >= LENGTHS) {
                return;
            }
            spares = new Spares();
            byLength.put(array.length, spares);
        }
        spares.push(array);
    }

    /** The spare arrays held now, of every length. */
    public int spares() {
        int total = 0;
        for (final Spares spares : byLength.values()) {
            total += spares.count;
        }
        return total;
    }

    private static final class Spares {
        private final double[][] arrays = new double[SPARES_PER_LENGTH][];
        private int count;

        double[] pop() {
            final double[] array = arrays[--count];
            arrays[count] = null;
            return array;
        }

        void push(final double[] array) {
            for (int i = 0; i < count; i++) {
                if (arrays[i] == array) {
                    return;
                }
            }
            if (count < arrays.length) {
                arrays[count++] = array;
            }
        }
    }
}
