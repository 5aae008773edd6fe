package io.onlinelearner.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.onlinelearner.learner.ModelState;
import io.onlinelearner.optim.AdamState;
import io.onlinelearner.stopping.Checkpoint;
import io.onlinelearner.stopping.StoppingState;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class ModelStateSerdeTest {

    private final ModelStateSerde serde = new ModelStateSerde();

    private static ModelState full() {
        return new ModelState(2, true, new double[] {1, 2, 3}, new AdamState(new double[] {0.1, 0.2, 0.3},
                new double[] {0.4, 0.5, 0.6}, new double[] {0.7, 0.8, 0.9}, 42), 5, 17, 3.25, 0.75, 1.5,
                new StoppingState(2, 0.5, 3, new Checkpoint(new double[] {4, 5, 6}, 30)),
                new Checkpoint(new double[] {7, 8, 9}, 40), 11);
    }

    private static ModelState minimal() {
        return new ModelState(1, false, new double[] {-0.0}, AdamState.initial(1, false), 0, 0, 0.0, Double.NaN,
                Double.NaN, StoppingState.INITIAL, null, 0);
    }

    @Test
    void shouldRoundTripEveryField() {
        for (final ModelState state : new ModelState[] {full(), minimal()}) {
            final byte[] bytes = serde.serialize("t", state);
            assertThat(serde.deserialize("t", bytes)).isEqualTo(state);
        }
    }

    @Test
    void shouldBeCompact() {
        assertThat(serde.serialize("t", minimal())).hasSize(70 + 3 * 8);
        assertThat(serde.serialize("t", full())).hasSize(70 + 6 * 3 * 8 + 2 * 8);
    }

    @Test
    void shouldWriteTheArraysBigEndianAfterTheHeaderInTheDocumentedOrder() {
        final ByteBuffer bytes = ByteBuffer.wrap(serde.serialize("t", full()));
        final double[] expected = {1, 2, 3, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 4, 5, 6};
        bytes.position(70);
        for (final double value : expected) {
            assertThat(bytes.getDouble()).isEqualTo(value);
        }
        assertThat(bytes.getLong()).isEqualTo(30L);
        assertThat(new double[] {bytes.getDouble(), bytes.getDouble(), bytes.getDouble()}).containsExactly(7, 8, 9);
        assertThat(bytes.getLong()).isEqualTo(40L);
    }

    @Test
    void shouldRefuseAnUnknownVersionByName() {
        final byte[] bytes = serde.serialize("t", minimal());
        bytes[0] = 9;
        assertThatThrownBy(() -> serde.deserialize("t", bytes)).isInstanceOf(SerializationException.class)
                .hasMessageContaining("format version 9").hasMessageContaining("only version 1");
    }

    @Test
    void shouldRefuseTruncatedOrPaddedBytes() {
        final byte[] bytes = serde.serialize("t", full());
        assertThatThrownBy(() -> serde.deserialize("t", Arrays.copyOf(bytes, bytes.length - 3)))
                .isInstanceOf(SerializationException.class).hasMessageContaining("corrupt model state");
        assertThatThrownBy(() -> serde.deserialize("t", Arrays.copyOf(bytes, bytes.length + 1)))
                .isInstanceOf(SerializationException.class).hasMessageContaining("trailing");
    }

    @Test
    void shouldMapNullToNull() {
        assertThat(serde.serialize("t", null)).isNull();
        assertThat(serde.deserialize("t", null)).isNull();
    }
}
