package io.onlinelearner.optim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalDouble;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/** The step written over the caller's arrays gives bit for bit what the allocating step returns. */
class AdamInPlaceProperties {

    @Property(tries = 200)
    void shouldMatchTheAllocatingStepBitForBit(
            @ForAll @IntRange(min = 1, max = 40) final int n,
            @ForAll @LongRange(min = 0, max = 5000) final long step,
            @ForAll final EpsilonPlacement placement,
            @ForAll final boolean amsgrad,
            @ForAll final boolean decoupled,
            @ForAll final boolean decay,
            @ForAll final boolean clip,
            @ForAll final long seed) {
        final Random random = new Random(seed);
        final double[] theta = random.doubles(n, -3, 3).toArray();
        final double[] gradient = random.doubles(n, -50, 50).toArray();
        final AdamState state = new AdamState(
                random.doubles(n, -1, 1).toArray(),
                random.doubles(n, 0, 4).toArray(),
                amsgrad ? random.doubles(n, 0, 4).toArray() : new double[0],
                step);
        final Adam adam = new Adam(new AdamHyperparameters(
                0.01,
                0.9,
                0.999,
                1e-8,
                placement,
                amsgrad,
                decay ? 0.05 : 0.0,
                decoupled,
                clip ? OptionalDouble.of(1.0) : OptionalDouble.empty()));
        final AdamState before =
                new AdamState(state.m().clone(), state.v().clone(), state.vmax().clone(), step);
        final double[] thetaBefore = theta.clone();
        final AdamUpdate expected = adam.step(theta, gradient, state);
        assertThat(state).as("the allocating step writes nothing").isEqualTo(before);
        assertThat(theta).isEqualTo(thetaBefore);

        final AdamState copy =
                new AdamState(state.m().clone(), state.v().clone(), state.vmax().clone(), step);
        final double[] thetaCopy = theta.clone();
        final AdamUpdate inPlace = adam.stepInPlace(thetaCopy, gradient, copy);

        assertThat(inPlace).isEqualTo(expected);
        assertThat(inPlace.parameters()).isSameAs(thetaCopy);
        assertThat(inPlace.state().m()).isSameAs(copy.m());
        assertThat(inPlace.state().v()).isSameAs(copy.v());
    }
}
