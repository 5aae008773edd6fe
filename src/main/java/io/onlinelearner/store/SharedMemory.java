package io.onlinelearner.store;

import org.rocksdb.Cache;
import org.rocksdb.LRUCache;
import org.rocksdb.RocksDB;
import org.rocksdb.WriteBufferManager;

/**
 * The off-heap memory that all bounded RocksDB stores share: one LRU block cache of
 * {@code totalBytes} (a tenth of it reserved for index and filter blocks, which are cached at high
 * priority) and a write-buffer manager whose memtables, up to {@code memtableBytes}, are charged
 * to that cache, so that the cache's capacity bounds data blocks, index and filter blocks and
 * memtables together.
 *
 * @param totalBytes    the bound on all of it
 * @param memtableBytes the part the memtables may take before the largest is flushed
 * @param cache         the shared block cache
 * @param writeBuffers  the shared write-buffer manager, charged to {@code cache}
 */
public record SharedMemory(long totalBytes, long memtableBytes, Cache cache, WriteBufferManager writeBuffers) {

    /** The share of the cache kept for index and filter blocks (RocksDB's high-priority pool). */
    public static final double INDEX_FILTER_RATIO = 0.1;
    /** The share of the bound the memtables may take. */
    public static final double MEMTABLE_RATIO = 0.5;

    /**
     * Allocates the cache and the write-buffer manager for a bound of {@code totalBytes}. The cache
     * is not strict: RocksDB cannot charge memtables to a strict cache, so the bound may be
     * exceeded briefly while a block is read.
     */
    static SharedMemory allocate(final long totalBytes) {
        RocksDB.loadLibrary();
        final long memtableBytes = (long) (totalBytes * MEMTABLE_RATIO);
        final Cache cache = new LRUCache(totalBytes, -1, false, INDEX_FILTER_RATIO);
        return new SharedMemory(totalBytes, memtableBytes, cache, new WriteBufferManager(memtableBytes, cache));
    }
}
