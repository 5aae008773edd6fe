package io.onlinelearner.stopping;

import io.onlinelearner.model.DoubleVector;
import io.onlinelearner.model.Position;

/**
 * A model's parameters together with the number of updates they absorbed and their lineage: the
 * live parameters, early stopping's best snapshot and the frozen parameters of a stopped model are
 * all checkpoints, so each reports its own {@code updates} and {@code trainedThrough}.
 *
 * @param theta          the flat parameter vector (weights, then the bias when there is one)
 * @param updates        the number of Adam updates these parameters had absorbed
 * @param trainedThrough the last training record applied to them; null before the first update
 */
public record Checkpoint(DoubleVector theta, long updates, Position trainedThrough) {

    /** Parameters without lineage, e.g. in tests of early stopping alone. */
    public Checkpoint(final double[] parameters, final long updates) {
        this(DoubleVector.of(parameters), updates, null);
    }

    /** A copy of the flat parameter vector. */
    public double[] parameters() {
        return theta.toArray();
    }
}
