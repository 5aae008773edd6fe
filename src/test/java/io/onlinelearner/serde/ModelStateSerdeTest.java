package io.onlinelearner.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.onlinelearner.drift.PageHinkleyState;
import io.onlinelearner.learner.Counters;
import io.onlinelearner.learner.ModelState;
import io.onlinelearner.learner.Moments;
import io.onlinelearner.learner.RoundState;
import io.onlinelearner.model.DoubleVector;
import io.onlinelearner.model.Position;
import io.onlinelearner.model.TrainingTopic;
import io.onlinelearner.schedule.PlateauState;
import io.onlinelearner.stopping.Checkpoint;
import io.onlinelearner.stopping.StoppingState;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class ModelStateSerdeTest {

    private static final int HEADER = 159;

    private final ModelStateSerde serde = new ModelStateSerde(
            io.onlinelearner.config.LearnerConfig.defaults().adam().learningRate());

    /** A state in which every field differs from its initial value. */
    static ModelState full() {
        return ModelState.of(
                        2,
                        true,
                        new Checkpoint(DoubleVector.of(1, 2, 3), 52, new Position(TrainingTopic.LABELS, 3, 1234)),
                        new Moments(
                                DoubleVector.of(0.1, 0.2, 0.3),
                                DoubleVector.of(0.4, 0.5, 0.6),
                                DoubleVector.of(0.7, 0.8, 0.9),
                                42),
                        0.0125)
                .withRound(new RoundState(5, 17, 3.25, 0.75, 2))
                .withStopping(new StoppingState(
                        2, 0.5, 3, new Checkpoint(DoubleVector.of(4, 5, 6), 30, Position.train(3, 999))))
                .withFrozen(new Checkpoint(DoubleVector.of(7, 8, 9), 40, null))
                .withPlateau(new PlateauState(0.625, 3, 1))
                .withDrift(new PageHinkleyState(31, 0.125, 51.5, true))
                .withGeneration(4)
                .withCounters(new Counters(11, 1.5, 6));
    }

    private static ModelState minimal() {
        return ModelState.initial(1, false, new Checkpoint(DoubleVector.of(-0.0), 0, null), false, 0.001);
    }

    @Test
    void shouldRoundTripEveryFieldOfFormats3And9() {
        final byte[] bytes = serde.serialize("t", minimal());
        assertThat(bytes[0]).as("no frozen checkpoint: format 3").isEqualTo((byte) 3);
        assertThat(serde.deserialize("t", bytes)).isEqualTo(minimal());
        final byte[] frozen = serde.serialize("t", full());
        assertThat(frozen[0]).as("a frozen checkpoint: format 9").isEqualTo((byte) 9);
        assertThat(serde.deserialize("t", frozen)).isEqualTo(full());
    }

    @Test
    void shouldStoreAFrozenCheckpointThatIsTheBestSnapshotOrTheLiveOneAsAByte() {
        final ModelState atBest = full().withFrozen(full().stopping().snapshot());
        final ModelState atLive = full().withFrozen(full().live());
        final int stored = serde.serialize("t", full()).length;
        for (final ModelState state : new ModelState[] {atBest, atLive}) {
            final byte[] bytes = serde.serialize("t", state);
            assertThat(bytes).as("three doubles and the lineage fewer").hasSize(stored - 3 * 8 - 8 - 13);
            assertThat(serde.deserialize("t", bytes)).isEqualTo(state);
        }
        assertThat(serde.serialize("t", atBest)[stored - 3 * 8 - 8 - 13 - 1])
                .as("the byte naming the best snapshot, last")
                .isEqualTo(FrozenSource.BEST);
    }

    @Test
    void shouldReadTheCommittedFormat9FixtureAndWriteItAgainByteForByte() throws IOException {
        final byte[] committed =
                Files.readAllBytes(Path.of("src", "test", "resources", "serde", "format9-frozen-at-best.bin"));
        final ModelState atBest = full().withFrozen(full().stopping().snapshot());
        assertThat(committed[0]).isEqualTo((byte) 9);
        assertThat(serde.deserialize("t", committed)).isEqualTo(atBest);
        assertThat(serde.serialize("t", atBest)).isEqualTo(committed);
    }

    @Test
    void shouldRefuseAFrozenCheckpointAtAnAbsentSnapshotOrFromAnUnknownPlace() {
        final ModelState atLive = full().withFrozen(full().live());
        final byte[] unknown = serde.serialize("t", atLive);
        unknown[unknown.length - 1] = 3;
        assertThatThrownBy(() -> serde.deserialize("t", unknown))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("frozen checkpoint source 3");
        final ModelState noSnapshot = atLive.withStopping(StoppingState.INITIAL);
        final byte[] absent = serde.serialize("t", noSnapshot);
        absent[absent.length - 1] = FrozenSource.BEST;
        assertThatThrownBy(() -> serde.deserialize("t", absent))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("the best snapshot, which is absent");
    }

    @Test
    void shouldRoundTripEachNewFieldOnItsOwn() {
        final ModelState base = minimal();
        final ModelState[] variants = {
            base.withLr(0.5),
            base.afterStep(new Checkpoint(DoubleVector.of(2.0), 7, Position.train(1, 77)), Moments.zero(1, true), 1.0),
            base.withLive(new Checkpoint(DoubleVector.of(2.0), 7, new Position(TrainingTopic.LABELS, 0, 5))),
            base.withDrift(new PageHinkleyState(3, 1.5, 2.5, false)),
            base.withDrift(new PageHinkleyState(3, 1.5, 2.5, true)),
            base.withCounters(Counters.INITIAL.nonFiniteLoss()),
            base.withGeneration(9),
            base.roundClosed(0.25, StoppingState.INITIAL, new PlateauState(0.25, 1, 2), 0.0005),
            base.stopped(new Checkpoint(DoubleVector.of(9.0), 3, Position.train(0, 2))),
            base.stopped(base.live()).resumed(base.live(), base.moments()),
        };
        for (final ModelState state : variants) {
            assertThat(serde.deserialize("t", serde.serialize("t", state))).isEqualTo(state);
        }
    }

    @Test
    void shouldBeCompact() {
        assertThat(serde.serialize("t", minimal())).hasSize(HEADER + 3 * 8);
        assertThat(serde.serialize("t", full()))
                .as("a frozen checkpoint stored, after the byte that says so")
                .hasSize(HEADER + 6 * 3 * 8 + 2 * (8 + 13) + 1);
    }

    @Test
    void shouldWriteTheArraysBigEndianAfterTheHeaderInTheDocumentedOrder() {
        final ByteBuffer bytes = ByteBuffer.wrap(serde.serialize("t", full()));
        final double[] expected = {1, 2, 3, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 4, 5, 6};
        assertThat(bytes.get(38)).as("the live lineage's topic, labels").isEqualTo((byte) 1);
        assertThat(bytes.getInt(39)).isEqualTo(3);
        assertThat(bytes.getLong(43)).isEqualTo(1234L);
        assertThat(bytes.getLong(HEADER - 8))
                .as("nonFiniteLosses, the header's last field")
                .isEqualTo(6L);
        bytes.position(HEADER);
        for (final double value : expected) {
            assertThat(bytes.getDouble()).isEqualTo(value);
        }
        assertThat(bytes.getLong()).isEqualTo(30L);
        assertThat(bytes.get()).as("topic train").isEqualTo((byte) 0);
        assertThat(bytes.getInt()).isEqualTo(3);
        assertThat(bytes.getLong()).isEqualTo(999L);
        assertThat(bytes.get()).as("the frozen checkpoint is stored").isEqualTo(FrozenSource.STORED);
        assertThat(new double[] {bytes.getDouble(), bytes.getDouble(), bytes.getDouble()})
                .containsExactly(7, 8, 9);
        assertThat(bytes.getLong()).isEqualTo(40L);
        assertThat(bytes.get()).as("no position").isEqualTo((byte) -1);
    }

    @Test
    void shouldRefuseAnUnknownVersionByName() {
        final byte[] bytes = serde.serialize("t", minimal());
        bytes[0] = 10;
        assertThatThrownBy(() -> serde.deserialize("t", bytes))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("format version 10")
                .hasMessageContaining("versions 1 to 9");
    }

    @Test
    void shouldRefuseTruncatedOrPaddedBytes() {
        final byte[] bytes = serde.serialize("t", full());
        assertThatThrownBy(() -> serde.deserialize("t", Arrays.copyOf(bytes, bytes.length - 3)))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("corrupt model state");
        assertThatThrownBy(() -> serde.deserialize("t", Arrays.copyOf(bytes, bytes.length + 1)))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("trailing");
    }

    @Test
    void shouldMapNullToNull() {
        assertThat(serde.serialize("t", null)).isNull();
        assertThat(serde.deserialize("t", null)).isNull();
    }
}
