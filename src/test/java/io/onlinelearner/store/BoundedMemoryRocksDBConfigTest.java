package io.onlinelearner.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Options;

/** What the setter does to one store's options, and what it needs. */
class BoundedMemoryRocksDBConfigTest {

    private static final long BOUND = 32L << 20;

    @Test
    void shouldCacheIndexAndFilterBlocksInTheSharedCacheAndSizeTheMemtablesFromTheBound() {
        try (Options options = new Options()) {
            options.setTableFormatConfig(new BlockBasedTableConfig());
            new BoundedMemoryRocksDBConfig()
                    .setConfig("store", options, Map.of(BoundedMemoryRocksDBConfig.TOTAL_BYTES_CONFIG, BOUND));
            final BlockBasedTableConfig table = (BlockBasedTableConfig) options.tableFormatConfig();
            assertThat(table.cacheIndexAndFilterBlocks()).isTrue();
            assertThat(table.cacheIndexAndFilterBlocksWithHighPriority()).isTrue();
            assertThat(table.pinL0FilterAndIndexBlocksInCache()).isTrue();
            assertThat(table.pinTopLevelIndexAndFilter()).isTrue();
            assertThat(table.blockSize()).isEqualTo(16L << 10);
            assertThat(options.maxWriteBufferNumber()).isEqualTo(3);
            assertThat(options.writeBufferSize()).isEqualTo((BOUND / 2) / 3);
            assertThat(options.writeBufferManager())
                    .isSameAs(BoundedMemoryRocksDBConfig.shared(BOUND).writeBuffers());
        }
    }

    @Test
    void shouldShareOneCacheAndWriteBufferManagerPerBound() {
        final SharedMemory memory = BoundedMemoryRocksDBConfig.shared(BOUND);
        assertThat(BoundedMemoryRocksDBConfig.shared(BOUND)).isSameAs(memory);
        assertThat(memory.totalBytes()).isEqualTo(BOUND);
        assertThat(memory.memtableBytes()).isEqualTo(BOUND / 2);
        assertThat(BoundedMemoryRocksDBConfig.shared(BOUND * 2)).isNotSameAs(memory);
    }

    @Test
    void shouldKeepKafkaStreamsMemtableSizeWhenTheBoundIsLarge() {
        try (Options options = new Options()) {
            options.setTableFormatConfig(new BlockBasedTableConfig());
            new BoundedMemoryRocksDBConfig()
                    .setConfig("store", options, Map.of(BoundedMemoryRocksDBConfig.TOTAL_BYTES_CONFIG, "1073741824"));
            assertThat(options.writeBufferSize()).isEqualTo(16L << 20);
        }
    }

    @Test
    void shouldRefuseToConfigureAStoreWithoutABound() {
        try (Options options = new Options()) {
            options.setTableFormatConfig(new BlockBasedTableConfig());
            assertThatThrownBy(() -> new BoundedMemoryRocksDBConfig().setConfig("store", options, Map.of()))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining(BoundedMemoryRocksDBConfig.TOTAL_BYTES_CONFIG);
        }
    }
}
