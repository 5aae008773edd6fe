package io.onlinelearner.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/** The gaps between increasing indices as unsigned LEB128 varints, and what reading them refuses. */
class IndexGapsTest {

    @Test
    void shouldWriteEachGapInSevenBitGroupsLowFirst() {
        final int[] indices = {0, 1, 128, 16512, Integer.MAX_VALUE};
        final int size = IndexGaps.bytes(k -> indices[k], indices.length);
        final ByteBuffer buffer = ByteBuffer.allocate(size);

        IndexGaps.put(buffer, k -> indices[k], indices.length);

        assertThat(buffer.array())
                .containsExactly(
                        0x00, // 0
                        0x01, // +1
                        0x7F, // +127
                        0x80, 0x80, 0x01, // +16384
                        0xFF, 0xFE, 0xFE, 0xFF, 0x07); // +2147467135
        assertThat(IndexGaps.get(ByteBuffer.wrap(buffer.array()), indices.length))
                .containsExactly(indices);
    }

    @Test
    void shouldRefuseIndicesThatDoNotIncreaseOrLeaveTheIntRange() {
        assertThatThrownBy(() -> IndexGaps.get(ByteBuffer.wrap(new byte[] {5, 0}), 2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not increasing");
        assertThatThrownBy(() -> IndexGaps.get(
                        ByteBuffer.wrap(new byte[] {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x07, 1}), 2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not increasing");
        assertThatThrownBy(() -> IndexGaps.get(
                        ByteBuffer.wrap(
                                new byte[] {(byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, 1}),
                        1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("more than 5 bytes");
        assertThatThrownBy(() -> IndexGaps.get(ByteBuffer.wrap(new byte[] {3, (byte) 0x80}), 2))
                .isInstanceOf(BufferUnderflowException.class);
    }

    @Test
    void shouldReadAndWriteFromTheBuffersPositionAndMoveItPastTheIndices() {
        final ByteBuffer buffer = ByteBuffer.allocate(8);
        buffer.put((byte) 42);
        IndexGaps.put(buffer, k -> new int[] {200, 201}[k], 2);
        assertThat(buffer.position()).isEqualTo(4);
        buffer.put((byte) 43);

        final ByteBuffer read = ByteBuffer.wrap(buffer.array());
        assertThat(read.get()).isEqualTo((byte) 42);
        assertThat(IndexGaps.get(read, 2)).containsExactly(200, 201);
        assertThat(read.get()).isEqualTo((byte) 43);
    }
}
