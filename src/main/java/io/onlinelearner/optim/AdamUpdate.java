package io.onlinelearner.optim;

import java.util.Arrays;

/**
 * The outcome of one Adam step: the new parameters and the new optimiser state. Neither has been
 * written anywhere yet; the caller checks {@link #isFinite()} and only then keeps it.
 *
 * @param parameters the parameters after the step
 * @param state      the optimiser state after the step
 */
public record AdamUpdate(double[] parameters, AdamState state) {

    /** True when every parameter and every moment is finite. */
    public boolean isFinite() {
        return Vectors.allFinite(parameters) && state.isFinite();
    }

    @Override
    public boolean equals(final Object other) {
        return other instanceof AdamUpdate that
                && Arrays.equals(parameters, that.parameters)
                && state.equals(that.state);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(parameters) + state.hashCode();
    }

    @Override
    public String toString() {
        return "AdamUpdate[parameters=" + Arrays.toString(parameters) + ", state=" + state + "]";
    }
}
