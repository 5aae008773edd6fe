package io.onlinelearner.stopping;

import java.util.Arrays;

/**
 * A copy of a model's parameters together with the number of updates they had absorbed: what
 * early stopping keeps as its best snapshot and what a stopped model is frozen to.
 *
 * @param parameters the flat parameter vector (weights, then the bias when there is one)
 * @param updates    the number of Adam updates these parameters had absorbed
 */
public record Checkpoint(double[] parameters, long updates) {

    @Override
    public boolean equals(final Object other) {
        return other instanceof Checkpoint that && updates == that.updates
                && Arrays.equals(parameters, that.parameters);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(parameters) + Long.hashCode(updates);
    }

    @Override
    public String toString() {
        return "Checkpoint[updates=" + updates + ", parameters=" + Arrays.toString(parameters) + "]";
    }
}
