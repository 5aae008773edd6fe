package io.onlinelearner.serde;

import static org.assertj.core.api.Assertions.assertThat;

import io.onlinelearner.drift.PageHinkleyState;
import io.onlinelearner.learner.Counters;
import io.onlinelearner.learner.ModelState;
import io.onlinelearner.learner.ModelStatus;
import io.onlinelearner.learner.Moments;
import io.onlinelearner.learner.RoundState;
import io.onlinelearner.model.DoubleVector;
import io.onlinelearner.model.Position;
import io.onlinelearner.schedule.PlateauState;
import io.onlinelearner.stopping.Checkpoint;
import io.onlinelearner.stopping.StoppingState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Reads model states written by the format-2 serializer (files under {@code src/test/resources/serde},
 * produced once with that serializer, two from learner runs, and never regenerated) and checks every
 * decoded value: format 2's positions are on {@code train}, and it counted no non-finite losses.
 */
class ModelStateFormat2Test {

    private final ModelStateSerde serde = new ModelStateSerde(0.5);

    private ModelState read(final String name) throws IOException {
        final byte[] bytes =
                Files.readAllBytes(Path.of("src", "test", "resources", "serde", "format2-" + name + ".bin"));
        assertThat(bytes[0]).isEqualTo((byte) 2);
        return serde.deserialize("t", bytes);
    }

    @Test
    void shouldReadEveryFieldOfFormat2WithItsPositionsOnTrain() throws IOException {
        final ModelState full = ModelStateSerdeTest.full();
        final ModelState expected = full.withLive(
                        new Checkpoint(full.live().theta(), full.live().updates(), Position.train(3, 1234)))
                .withCounters(new Counters(11, 1.5, 0));
        assertThat(read("full")).isEqualTo(expected);
    }

    @Test
    void shouldReadATrainingStateWithPlateauAndDriftOfFormat2() throws IOException {
        final ModelState expected = ModelState.of(
                        1,
                        true,
                        new Checkpoint(
                                DoubleVector.of(1.176145963820743, 0.11643598296833493), 11, Position.train(0, 13)),
                        new Moments(
                                DoubleVector.of(0.6861694909177533, 0.6703105232365243),
                                DoubleVector.of(0.18371753456351575, 0.054378686879182),
                                DoubleVector.empty(),
                                11),
                        0.05)
                .withRound(new RoundState(2, 1, 1.457858355219653, 2.9152764084305747, 2))
                .withStopping(new StoppingState(
                        1,
                        1.6531462332505982,
                        0,
                        new Checkpoint(
                                DoubleVector.of(1.3609504900898433, 0.3533021656583405), 7, Position.train(0, 9))))
                .withPlateau(new PlateauState(1.6531462332505982, 0, 0))
                .withDrift(new PageHinkleyState(11, 1.245073744134267, 0.0, false))
                .withCounters(new Counters(0, 3.708533025073367, 0));
        assertThat(read("training")).isEqualTo(expected);
    }

    @Test
    void shouldReadAStoppedStateWithSkippedRecordsOfFormat2() throws IOException {
        final ModelState s = read("stopped");
        final Checkpoint frozen =
                new Checkpoint(DoubleVector.of(1.5184008957791142, 0.5153539106832973), 5, Position.train(0, 4));
        assertThat(s.status()).isEqualTo(ModelStatus.STOPPED);
        assertThat(s.frozen()).isEqualTo(frozen);
        assertThat(s.live()).isEqualTo(frozen);
        assertThat(s.stopping()).isEqualTo(new StoppingState(0, 0.9336297740344917, 0, frozen));
        assertThat(s.round()).isEqualTo(new RoundState(1, 0, 0.0, 0.9336297740344917, 1));
        assertThat(s.moments())
                .isEqualTo(new Moments(
                        DoubleVector.of(1.9285830213935604, 1.124437086179754),
                        DoubleVector.of(0.13318535048226046, 0.04392016876187621),
                        DoubleVector.empty(),
                        5));
        assertThat(s.plateau()).isEqualTo(PlateauState.INITIAL);
        assertThat(s.drift()).isEqualTo(PageHinkleyState.INITIAL);
        assertThat(s.lr()).isEqualTo(0.1);
        assertThat(s.generation()).isZero();
        assertThat(s.counters()).isEqualTo(new Counters(2, 3.911133722527486, 0));
    }

    @Test
    void shouldWriteWhatItReadsAsFormat3Or9AndReadItBackEqual() throws IOException {
        for (final String name : new String[] {"full", "training", "stopped"}) {
            final ModelState state = read(name);
            final byte[] again = serde.serialize("t", state);
            assertThat(again[0])
                    .isEqualTo(state.frozen() == null ? ModelStateSerde.VERSION : DenseFormat.FROZEN_BY_REFERENCE);
            assertThat(serde.deserialize("t", again)).isEqualTo(state);
        }
    }
}
