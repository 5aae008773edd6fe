package io.onlinelearner.model;

import java.util.Arrays;

/**
 * One parsed record: the features {@code x} and the label {@code y}. Values are finite, and
 * {@code x} has at least one feature; {@link RecordParser} guarantees both.
 *
 * @param x the features
 * @param y the label
 */
public record Example(double[] x, double y) {

    /** The number of features. */
    public int dimension() {
        return x.length;
    }

    @Override
    public boolean equals(final Object other) {
        return other instanceof Example that && Double.compare(y, that.y) == 0 && Arrays.equals(x, that.x);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(x) + Double.hashCode(y);
    }

    @Override
    public String toString() {
        return "Example[x=" + Arrays.toString(x) + ", y=" + y + "]";
    }
}
