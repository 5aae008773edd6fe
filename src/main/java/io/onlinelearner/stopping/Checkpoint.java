package io.onlinelearner.stopping;

import io.onlinelearner.model.DoubleVector;
import io.onlinelearner.model.Position;
import java.util.Objects;

/**
 * A model's parameters together with the number of updates they absorbed and their lineage: the
 * live parameters, early stopping's best snapshot and the frozen parameters of a stopped model are
 * all checkpoints, so each reports its own {@code updates} and {@code trainedThrough}.
 *
 * @param weights        the parameters, dense or sparse
 * @param updates        the number of updates these parameters had absorbed
 * @param trainedThrough the last training record applied to them; null before the first update
 */
public record Checkpoint(Weights weights, long updates, Position trainedThrough) {

    /** Checks that there are parameters. */
    public Checkpoint {
        Objects.requireNonNull(weights, "weights");
    }

    /** Dense parameters {@code theta} (weights, then the bias when there is one). */
    public Checkpoint(final DoubleVector theta, final long updates, final Position trainedThrough) {
        this(new Weights.Dense(theta), updates, trainedThrough);
    }

    /** Dense parameters without lineage, e.g. in tests of early stopping alone. */
    public Checkpoint(final double[] parameters, final long updates) {
        this(DoubleVector.of(parameters), updates, null);
    }

    /**
     * The flat dense parameter vector.
     *
     * @throws IllegalStateException for a hashed model's sparse weights
     */
    public DoubleVector theta() {
        if (weights instanceof Weights.Dense dense) {
            return dense.theta();
        }
        throw new IllegalStateException("a hashed model's weights are sparse: no flat parameter vector");
    }

    /** A copy of the flat dense parameter vector; see {@link #theta()}. */
    public double[] parameters() {
        return theta().toArray();
    }
}
