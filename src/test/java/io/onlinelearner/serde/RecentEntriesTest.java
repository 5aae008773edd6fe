package io.onlinelearner.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.onlinelearner.features.FeatureNames;
import io.onlinelearner.features.HashingConfig;
import io.onlinelearner.learner.Learner;
import io.onlinelearner.learner.LearnerSpec;
import io.onlinelearner.learner.ModelState;
import io.onlinelearner.learner.PredictParameters;
import io.onlinelearner.model.Command;
import io.onlinelearner.model.Example;
import io.onlinelearner.model.HashedFeatures;
import io.onlinelearner.model.Loss;
import io.onlinelearner.model.ModelSpec;
import io.onlinelearner.model.Position;
import io.onlinelearner.optim.AdamHyperparameters;
import io.onlinelearner.optim.EpsilonPlacement;
import io.onlinelearner.stopping.Checkpoint;
import io.onlinelearner.stopping.StoppingConfig;
import io.onlinelearner.stopping.StoppingState;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.Random;
import java.util.stream.IntStream;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

/** A hashed model's recent entries: what they carry, and the state they give over their base. */
class RecentEntriesTest {

    private static final AdamHyperparameters ADAM = new AdamHyperparameters(
            0.05, 0.9, 0.999, 1e-8, EpsilonPlacement.HAT, false, 0, false, OptionalDouble.empty());
    private static final Learner LEARNER = new Learner(new LearnerSpec(
            new ModelSpec(OptionalInt.empty(), true, Loss.SQUARED, new double[0], 0.0, 100),
            ADAM,
            new StoppingConfig(2, 1, 0, OptionalDouble.empty(), 0, true),
            Optional.empty(),
            Optional.empty(),
            PredictParameters.BEST,
            Optional.of(new HashingConfig(18, 0, List.of(), true, 1, 100))));
    private static final int[] NONE = new int[0];

    private final ModelStateSerde serde = new ModelStateSerde(ADAM.learningRate(), ADAM.beta1(), ADAM.beta2());
    private final Random random = new Random(7);

    /** A record of 8 features: 4 of a few, 4 of many indices. */
    private Example example() {
        final int[] indices = IntStream.range(0, 8)
                .map(k -> k < 4 ? random.nextInt(12) : 1_000 + random.nextInt(200_000))
                .distinct()
                .sorted()
                .toArray();
        final double[] values =
                Arrays.stream(indices).mapToDouble(i -> random.nextGaussian()).toArray();
        return new Example(HashedFeatures.of(indices, values), random.nextGaussian());
    }

    private ModelState train(final ModelState state, final long offset) {
        return LEARNER.train(state, example(), Position.train(0, offset)).state();
    }

    private ModelState trained(final int records) {
        ModelState state = null;
        for (int k = 0; k < records; k++) {
            state = train(state, k);
        }
        return state;
    }

    @Test
    void shouldGiveEveryLaterStateOverItsBaseBitForBitFromTheEntriesThatChanged() {
        final ModelState first = trained(30);
        final byte[] base = serde.serialize("", first);
        ModelState stored = first;
        int[] recent = NONE;
        for (int k = 0; k < 25; k++) {
            final ModelState next = train(stored, 30 + k);
            recent = RecentEntries.changed(stored, next, recent);
            assertThat(recent).as("the new record's indices at least").hasSizeGreaterThanOrEqualTo(4);
            final byte[] entries = RecentEntries.write(next, recent, RecentEntries.Base.of(base));
            final ModelState read = RecentEntries.over(serde.deserialize("", base), base, entries);
            assertThat(serde.serialize("", read)).isEqualTo(serde.serialize("", next));
            assertThat(read).isEqualTo(next);
            stored = next;
        }
        assertThat(recent.length)
                .as("indices changed since the base")
                .isLessThan(first.moments().size() + 200);
    }

    @Test
    void shouldListTheIndicesThatChangedOrWereAddedOnceEachInOrder() {
        final ModelState stored = trained(5);
        final ModelState same = stored.withCounters(stored.counters());
        assertThat(RecentEntries.changed(stored, same, NONE)).isEmpty();
        assertThat(RecentEntries.changed(stored, same, new int[] {2, 9})).containsExactly(2, 9);
        final HashedFeatures x = HashedFeatures.of(new int[] {3, 500_000}, new double[] {1, 1});
        final ModelState next =
                LEARNER.train(stored, new Example(x, 1.0), Position.train(0, 5)).state();
        assertThat(RecentEntries.changed(stored, next, new int[] {3, 4})).containsExactly(3, 4, 500_000);
    }

    @Test
    void shouldRefuseWhatIsNotEntriesChangedOrAdded() {
        final ModelState stored = trained(5);
        final ModelState next = train(stored, 5);
        final Checkpoint snapshot = next.live();
        assertThat(RecentEntries.changed(stored, next.withStopping(new StoppingState(0, 1.0, 1, snapshot)), NONE))
                .as("a new best snapshot")
                .isNull();
        final ModelState withSnapshot = stored.withStopping(new StoppingState(0, 1.0, 1, snapshot));
        assertThat(RecentEntries.changed(
                        withSnapshot,
                        next.withStopping(new StoppingState(
                                0,
                                1.0,
                                1,
                                new Checkpoint(snapshot.weights(), snapshot.updates(), snapshot.trainedThrough()))),
                        NONE))
                .as("an equal snapshot that is another object")
                .isNull();
        assertThat(RecentEntries.changed(stored, next.withFrozen(snapshot), NONE))
                .as("frozen")
                .isNull();
        final ModelState reset = LEARNER.command(stored, new Command.Reset()).state();
        assertThat(RecentEntries.changed(stored, train(reset, 6), NONE))
                .as("indices dropped")
                .isNull();
        assertThat(RecentEntries.changed(
                        stored, next.withNames(FeatureNames.of(new int[] {3}, List.of(List.of("a")))), NONE))
                .as("texts carried from format 4")
                .isNull();
        final ModelState dense =
                new Learner(LEARNER.settings().model(), ADAM, LEARNER.settings().stopping()).initialState(2);
        assertThat(RecentEntries.changed(dense, dense, NONE))
                .as("a dense model")
                .isNull();
    }

    @Test
    void shouldApplyOnlyOverTheBaseTheyNameAndRefuseCorruptEntries() {
        final ModelState stored = trained(10);
        final ModelState next = train(stored, 10);
        final byte[] base = serde.serialize("", stored);
        final byte[] entries =
                RecentEntries.write(next, RecentEntries.changed(stored, next, NONE), RecentEntries.Base.of(base));
        final byte[] later = serde.serialize("", next);
        assertThat(RecentEntries.appliesTo(entries, base)).isTrue();
        assertThat(RecentEntries.appliesTo(entries, later)).isFalse();
        final byte[] sameLength = base.clone();
        sameLength[sameLength.length - 1] ^= 1;
        assertThat(RecentEntries.appliesTo(entries, sameLength))
                .as("another base of the same length")
                .isFalse();
        assertThat(RecentEntries.over(next, later, entries))
                .as("another base: left as it is")
                .isSameAs(next);
        final ModelState read = serde.deserialize("", base);
        assertThat(RecentEntries.over(read, base, null)).isSameAs(read);
        final byte[] truncated = Arrays.copyOf(entries, entries.length - 1);
        assertThatThrownBy(() -> RecentEntries.over(read, base, truncated))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("corrupt recent entries");
        final byte[] other = entries.clone();
        other[0] = 2;
        assertThat(RecentEntries.appliesTo(other, base)).isFalse();
    }

    @Test
    void shouldUniteIncreasingIndices() {
        assertThat(RecentEntries.union(new int[] {1, 4, 9}, new int[] {2, 4, 10}))
                .containsExactly(1, 2, 4, 9, 10);
        assertThat(RecentEntries.union(NONE, new int[] {3})).containsExactly(3);
        assertThat(RecentEntries.union(new int[] {3}, NONE)).containsExactly(3);
    }
}
