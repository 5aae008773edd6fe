package io.onlinelearner.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.onlinelearner.drift.PageHinkleyState;
import io.onlinelearner.features.FeatureNames;
import io.onlinelearner.features.SparseMoments;
import io.onlinelearner.features.SparseWeights;
import io.onlinelearner.learner.Counters;
import io.onlinelearner.learner.LazyMoments;
import io.onlinelearner.learner.ModelState;
import io.onlinelearner.learner.RoundState;
import io.onlinelearner.model.Position;
import io.onlinelearner.model.TrainingTopic;
import io.onlinelearner.schedule.PlateauState;
import io.onlinelearner.stopping.Checkpoint;
import io.onlinelearner.stopping.StoppingState;
import io.onlinelearner.stopping.Weights;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

/**
 * Formats 8 to 4, a hashed model's state: every field round-trips through format 8, which carries
 * no texts; {@code format8-hashed.bin} (two indices holding one entry, stored once, its moments as
 * their gradient) is read back and written again byte for byte; {@code format7-hashed.bin} (one
 * moment pair stored as its gradient) is read back; the committed {@code src/test/resources/serde/format4-hashed.bin} (written once
 * by the serializer of format 4, texts included) is still read as exactly the state it was written
 * from, texts included; {@code format5-hashed.bin} (the format-4 bytes without their texts) is read
 * as the same state; and {@code format6-hashed.bin} is read as the same state too.
 */
class ModelStateFormat4Test {

    private static final Path FIXTURE = Path.of("src", "test", "resources", "serde", "format4-hashed.bin");
    private static final Path FORMAT_5 = Path.of("src", "test", "resources", "serde", "format5-hashed.bin");
    private static final Path FORMAT_6 = Path.of("src", "test", "resources", "serde", "format6-hashed.bin");
    private static final Path FORMAT_7 = Path.of("src", "test", "resources", "serde", "format7-hashed.bin");
    private static final Path FORMAT_8 = Path.of("src", "test", "resources", "serde", "format8-hashed.bin");
    private static final double BETA1 = 0.9;
    private static final double BETA2 = 0.999;

    private final ModelStateSerde serde = new ModelStateSerde(0.5);

    static ModelState hashed() {
        final Checkpoint live = new Checkpoint(
                new Weights.Sparse(SparseWeights.of(new int[] {3, 17, 1023}, new double[] {0.5, -1.25, 2.0}, 0.75)),
                52,
                new Position(TrainingTopic.LABELS, 3, 1234));
        final LazyMoments moments = new LazyMoments(SparseMoments.of(
                new int[] {3, 17, 1023}, new double[] {0.1, 0.2, 0.3}, new double[] {0.4, 0.5, 0.6}, 0.7, 0.8, 42));
        return ModelState.of(1024, true, live, moments, 0.0125)
                .withRound(new RoundState(5, 17, 3.25, 0.75, 2))
                .withStopping(new StoppingState(
                        2,
                        0.5,
                        3,
                        new Checkpoint(
                                new Weights.Sparse(SparseWeights.of(new int[] {3}, new double[] {0.25}, 0.5)),
                                30,
                                Position.train(3, 999))))
                .withFrozen(new Checkpoint(new Weights.Sparse(SparseWeights.ofBias(-1.0)), 40, null))
                .withPlateau(new PlateauState(0.625, 3, 1))
                .withDrift(new PageHinkleyState(31, 0.125, 51.5, true))
                .withGeneration(4)
                .withCounters(new Counters(11, 1.5, 6))
                .withNames(FeatureNames.of(
                        new int[] {3, 1023}, List.of(List.of("hour", "user^id=ü1*item^cat=books"), List.of("promo"))));
    }

    @Test
    void shouldRoundTripEveryFieldOfAHashedModel() {
        final ModelState initial = ModelState.of(
                16, false, new Checkpoint(new Weights.Sparse(SparseWeights.ZERO), 0, null), LazyMoments.ZERO, 0.001);
        for (final ModelState state : new ModelState[] {hashed().withNames(FeatureNames.NONE), initial}) {
            final byte[] bytes = serde.serialize("t", state);
            assertThat(bytes[0]).isEqualTo((byte) 8);
            assertThat(serde.deserialize("t", bytes)).isEqualTo(state);
        }
        assertThat(serde.deserialize("t", serde.serialize("t", hashed())))
                .as("format 8 leaves the texts to their own store")
                .isEqualTo(hashed().withNames(FeatureNames.NONE));
    }

    @Test
    void shouldStillReadTheCommittedFormat4FixtureWithItsTexts() throws IOException {
        final byte[] committed = Files.readAllBytes(FIXTURE);
        assertThat(committed[0]).isEqualTo((byte) 4);
        assertThat(serde.deserialize("t", committed)).isEqualTo(hashed());
    }

    /**
     * {@link #hashed()} without texts, index 17's moments those of one step from zero with gradient
     * -2.5 under β1 = 0.9 and β2 = 0.999.
     */
    static ModelState withFirstStep() {
        final double g = -2.5;
        return hashed().withNames(FeatureNames.NONE)
                .withMoments(new LazyMoments(SparseMoments.of(
                        new int[] {3, 17, 1023},
                        new double[] {0.1, 0.0 + (1 - BETA1) * (g - 0.0), 0.3},
                        new double[] {0.4, 0.0 + (1 - BETA2) * (g * g - 0.0), 0.6},
                        0.7,
                        0.8,
                        42)));
    }

    /**
     * {@link #withFirstStep()} with index 40 added, holding index 17's entry bit for bit: weight,
     * and moments of one step from zero with gradient -2.5.
     */
    static ModelState withSharedEntry() {
        final double g = -2.5;
        final double m = 0.0 + (1 - BETA1) * (g - 0.0);
        final double v = 0.0 + (1 - BETA2) * (g * g - 0.0);
        final ModelState base = withFirstStep();
        final int[] indices = {3, 17, 40, 1023};
        return base.withLive(new Checkpoint(
                        new Weights.Sparse(SparseWeights.of(indices, new double[] {0.5, -1.25, -1.25, 2.0}, 0.75)),
                        base.live().updates(),
                        base.live().trainedThrough()))
                .withMoments(new LazyMoments(SparseMoments.of(
                        indices, new double[] {0.1, m, m, 0.3}, new double[] {0.4, v, v, 0.6}, 0.7, 0.8, 42)));
    }

    @Test
    void shouldReadTheCommittedFormat8FixtureAndWriteItAgainByteForByte() throws IOException {
        final byte[] committed = Files.readAllBytes(FORMAT_8);
        final ModelStateSerde withBetas = new ModelStateSerde(0.5, BETA1, BETA2);
        assertThat(committed[0]).isEqualTo((byte) 8);
        assertThat(serde.deserialize("t", committed)).isEqualTo(withSharedEntry());
        assertThat(withBetas.serialize("t", withSharedEntry())).isEqualTo(committed);
        assertThat(committed.length - withBetas.serialize("t", withFirstStep()).length)
                .as("index 40: one gap byte and one reference byte; index 17's entry stored once")
                .isEqualTo(2);
        assertThat(serde.serialize("t", withFirstStep()).length - withBetas.serialize("t", withFirstStep()).length)
                .as("index 17's two moments stored as one gradient")
                .isEqualTo(Double.BYTES);
        assertThat(withBetas.serialize("t", hashed()))
                .as("moments that no step from zero gives are stored as they are")
                .hasSameSizeAs(serde.serialize("t", hashed()));
    }

    @Test
    void shouldReadTheCommittedFormat7Fixture() throws IOException {
        final byte[] committed = Files.readAllBytes(FORMAT_7);
        assertThat(committed[0]).isEqualTo((byte) 7);
        assertThat(serde.deserialize("t", committed)).isEqualTo(withFirstStep());
        assertThat(new ModelStateSerde(0.5, BETA1, BETA2).serialize("t", withFirstStep()).length)
                .as("format 8 adds the count of entries, a reference per index, and for each checkpoint a"
                        + " byte saying its indices are not its reference's (the snapshot's one weight,"
                        + " not the live one, needs a byte of bits)")
                .isEqualTo(committed.length + Integer.BYTES + 3 + 2 + 1);
    }

    @Test
    void shouldReadTheCommittedFormat6Fixture() throws IOException {
        final byte[] committed = Files.readAllBytes(FORMAT_6);
        final ModelState withoutTexts = hashed().withNames(FeatureNames.NONE);
        assertThat(committed[0]).isEqualTo((byte) 6);
        assertThat(committed[1] & HashedFormat.SHARED_INDICES)
                .as("the moments' indices are the live weights'")
                .isNotZero();
        assertThat(serde.deserialize("t", committed)).isEqualTo(withoutTexts);
        assertThat(serde.serialize("t", withoutTexts).length)
                .as("format 8 adds 1-β1, 1-β2, one byte of flags for three moment pairs, the count of"
                        + " entries, a reference per index, and a byte for each checkpoint and of bits for"
                        + " the snapshot's weight")
                .isEqualTo(committed.length + 2 * Double.BYTES + 1 + Integer.BYTES + 3 + 2 + 1);
        assertThat(committed.length)
                .as("live indices 12 -> 4 bytes, the moments' count and indices (16 bytes) gone,"
                        + " the snapshot's one index 4 -> 1 byte")
                .isEqualTo(Files.readAllBytes(FORMAT_5).length - 8 - 16 - 3);
    }

    @Test
    void shouldStillReadTheCommittedFormat5Fixture() throws IOException {
        final byte[] committed = Files.readAllBytes(FORMAT_5);
        assertThat(committed[0]).isEqualTo((byte) 5);
        assertThat(serde.deserialize("t", committed)).isEqualTo(hashed().withNames(FeatureNames.NONE));
        final byte[] format4 = Files.readAllBytes(FIXTURE);
        final byte[] head = Arrays.copyOf(format4, committed.length);
        head[0] = 5;
        assertThat(head).as("format 4 without its texts").isEqualTo(committed);
    }

    @Test
    void shouldRefuseTruncatedPaddedOrCorruptHashedBytes() {
        final byte[] bytes = serde.serialize("t", hashed());
        assertThatThrownBy(() -> serde.deserialize("t", Arrays.copyOf(bytes, bytes.length - 3)))
                .isInstanceOf(SerializationException.class);
        assertThatThrownBy(() -> serde.deserialize("t", Arrays.copyOf(bytes, bytes.length + 1)))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("trailing");
        final byte[] unsorted = serde.serialize("t", hashed());
        final int firstIndex = ModelStateSerde.HEADER_BYTES + Integer.BYTES;
        unsorted[firstIndex + 1] = 0; // the second index's gap: 0, so not increasing
        assertThatThrownBy(() -> serde.deserialize("t", unsorted)).isInstanceOf(SerializationException.class);
    }
}
