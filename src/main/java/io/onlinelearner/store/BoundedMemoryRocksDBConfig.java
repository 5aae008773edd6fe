package io.onlinelearner.store;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Options;

/**
 * Kafka Streams' bounded-memory {@link RocksDBConfigSetter}: every RocksDB store of the process
 * that is given the same bound ({@link #TOTAL_BYTES_CONFIG}) shares one {@link SharedMemory}, an
 * LRU block cache of that capacity that also holds the index and filter blocks and is charged with
 * the memtables through a write-buffer manager. Their off-heap memory together then stays near the
 * bound, however many stores and partitions the instance holds, instead of Kafka Streams' default
 * of a 50 MiB block cache and three 16 MiB memtables per store.
 *
 * <p>Kafka Streams creates a setter per store from its class name, so the shared memory lives in a
 * static registry; it is never closed, as the stores share it for the life of the process.
 */
public final class BoundedMemoryRocksDBConfig implements RocksDBConfigSetter {

    /** The Kafka Streams property carrying the bound in bytes; set next to {@code rocksdb.config.setter}. */
    public static final String TOTAL_BYTES_CONFIG = "online-learner.rocksdb.total.off-heap.bytes";

    /** The block size: larger than RocksDB's 4 KiB so that index blocks stay small in the cache. */
    static final long BLOCK_SIZE = 16L << 10;
    /** Memtables per store, as Kafka Streams' default. */
    static final int MEMTABLES_PER_STORE = 3;
    /** The largest memtable of one store, as Kafka Streams' default. */
    static final long MAX_MEMTABLE_BYTES = 16L << 20;

    private static final Map<Long, SharedMemory> SHARED = new ConcurrentHashMap<>();

    /** The memory shared by every store bounded to {@code totalBytes}, created on first use. */
    public static SharedMemory shared(final long totalBytes) {
        return SHARED.computeIfAbsent(totalBytes, SharedMemory::allocate);
    }

    @Override
    public void setConfig(final String storeName, final Options options, final Map<String, Object> configs) {
        final SharedMemory memory = shared(totalBytes(configs));
        final BlockBasedTableConfig table = (BlockBasedTableConfig) options.tableFormatConfig();
        table.setBlockCache(memory.cache());
        table.setCacheIndexAndFilterBlocks(true);
        table.setCacheIndexAndFilterBlocksWithHighPriority(true);
        table.setPinL0FilterAndIndexBlocksInCache(true);
        table.setPinTopLevelIndexAndFilter(true);
        table.setBlockSize(BLOCK_SIZE);
        options.setWriteBufferManager(memory.writeBuffers());
        options.setMaxWriteBufferNumber(MEMTABLES_PER_STORE);
        options.setWriteBufferSize(Math.min(MAX_MEMTABLE_BYTES, memory.memtableBytes() / MEMTABLES_PER_STORE));
        options.setTableFormatConfig(table);
    }

    @Override
    public void close(final String storeName, final Options options) {
        // The cache and the write-buffer manager are shared by every store: they are not closed with one.
    }

    static long totalBytes(final Map<String, Object> configs) {
        final Object value = configs.get(TOTAL_BYTES_CONFIG);
        if (value == null) {
            throw new IllegalStateException(
                    BoundedMemoryRocksDBConfig.class.getName() + " needs " + TOTAL_BYTES_CONFIG + " (bytes)");
        }
        final long bytes = Long.parseLong(String.valueOf(value).trim());
        if (bytes <= 0) {
            throw new IllegalStateException(TOTAL_BYTES_CONFIG + " must be > 0, not " + bytes);
        }
        return bytes;
    }
}
