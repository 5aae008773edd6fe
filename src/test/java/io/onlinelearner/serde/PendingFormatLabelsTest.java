package io.onlinelearner.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.onlinelearner.labels.ModelLabels;
import io.onlinelearner.labels.ServedLoss;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A model's bookkeeping in {@link PendingFormat}: format 2 keeps the counts ({@code c}) and the
 * served-loss window ({@code w}) apart; format 1 ({@code m}, both in one value) is still read,
 * each part only until its format 2 key is written.
 */
class PendingFormatLabelsTest {

    private final Map<String, byte[]> store = new HashMap<>();

    private ModelLabels read(final String model, final int window) {
        return PendingFormat.labels(key -> store.get(HexFormat.of().formatHex(key)), model, window);
    }

    private void put(final byte[] key, final byte[] value) {
        store.put(HexFormat.of().formatHex(key), value);
    }

    @Test
    void shouldReadTheCountsAndTheWindowKeptApart() {
        final ModelLabels labels = new ModelLabels(2, 5, ServedLoss.of(3, new double[] {0.25, 1.5, 4.0}));
        put(PendingKeys.countsKey("m"), PendingFormat.counts(labels));
        put(PendingKeys.windowKey("m"), PendingFormat.window(labels.served()));

        assertThat(read("m", 3)).isEqualTo(labels);
        assertThat(read("m", 2)).isEqualTo(new ModelLabels(2, 5, ServedLoss.of(2, new double[] {1.5, 4.0})));
        assertThat(PendingFormat.counts(labels)).hasSize(17).startsWith(2);
        assertThat(read("other", 3)).isNull();
    }

    @Test
    void shouldReadCountsWithoutAWindowAsAnEmptyWindow() {
        put(PendingKeys.countsKey("m"), PendingFormat.counts(new ModelLabels(1, 0, ServedLoss.empty(3))));

        assertThat(read("m", 3)).isEqualTo(new ModelLabels(1, 0, ServedLoss.empty(3)));
    }

    @Test
    void shouldReadFormat1AloneAndItsWindowUntilAWindowIsWritten() {
        final byte[] format1 = ByteBuffer.allocate(1 + 8 + 8 + 4 + 2 * 8)
                .put((byte) 1)
                .putLong(3)
                .putLong(7)
                .putInt(2)
                .putDouble(0.5)
                .putDouble(2.0)
                .array();
        put(PendingKeys.labelsKey("m"), format1);
        assertThat(read("m", 3)).isEqualTo(new ModelLabels(3, 7, ServedLoss.of(3, new double[] {0.5, 2.0})));

        put(PendingKeys.countsKey("m"), PendingFormat.counts(new ModelLabels(4, 7, ServedLoss.empty(3))));
        assertThat(read("m", 3)).isEqualTo(new ModelLabels(4, 7, ServedLoss.of(3, new double[] {0.5, 2.0})));

        put(PendingKeys.windowKey("m"), PendingFormat.window(ServedLoss.of(3, new double[] {0.5, 2.0, 9.0})));
        put(PendingKeys.countsKey("m"), PendingFormat.counts(new ModelLabels(3, 8, ServedLoss.empty(3))));
        assertThat(read("m", 3)).isEqualTo(new ModelLabels(3, 8, ServedLoss.of(3, new double[] {0.5, 2.0, 9.0})));
    }

    @Test
    void shouldRefuseAValueOfAnotherFormat() {
        put(PendingKeys.countsKey("m"), new byte[] {9, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0});

        assertThatThrownBy(() -> read("m", 3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("remembered-request format 9 is not 2");
    }
}
