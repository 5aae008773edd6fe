package io.onlinelearner.model;

import java.util.Arrays;

/**
 * An immutable vector of doubles with value semantics: two vectors are equal when their elements
 * are bit for bit equal (as {@link Arrays#equals(double[], double[])}), so that the records built
 * from vectors (parameters, moments, snapshots) get a correct {@code equals}, {@code hashCode} and
 * {@code toString} for free.
 *
 * <p>{@link #wrap(double[])} adopts an array without copying it, for the hot path that has just
 * computed the array and hands it over; nothing may write into it afterwards.
 */
public final class DoubleVector {

    private static final DoubleVector EMPTY = new DoubleVector(new double[0]);

    private final double[] values;

    private DoubleVector(final double[] values) {
        this.values = values;
    }

    /** A vector with a copy of {@code values}. */
    public static DoubleVector of(final double... values) {
        return new DoubleVector(values.clone());
    }

    /**
     * A vector over {@code values} itself, without a copy: the caller hands the array over and never
     * writes into it again.
     */
    public static DoubleVector wrap(final double[] values) {
        return values.length == 0 ? EMPTY : new DoubleVector(values);
    }

    /** {@code n} zeros. */
    public static DoubleVector zeros(final int n) {
        return wrap(new double[n]);
    }

    /** The empty vector. */
    public static DoubleVector empty() {
        return EMPTY;
    }

    /** The number of elements. */
    public int length() {
        return values.length;
    }

    /** Element {@code i}. */
    public double get(final int i) {
        return values[i];
    }

    /** A copy of the elements. */
    public double[] toArray() {
        return values.clone();
    }

    /** A copy of the first {@code n} elements. */
    public double[] head(final int n) {
        return Arrays.copyOf(values, n);
    }

    /**
     * The backing array, for hot paths that only read it (an optimiser step, a dot product).
     * Never write into it: the vector is shared as a value.
     */
    public double[] readOnlyArray() {
        return values;
    }

    /** True when every element is finite. */
    public boolean isFinite() {
        for (final double value : values) {
            if (!Double.isFinite(value)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean equals(final Object other) {
        return other instanceof DoubleVector that && Arrays.equals(values, that.values);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return Arrays.toString(values);
    }
}
