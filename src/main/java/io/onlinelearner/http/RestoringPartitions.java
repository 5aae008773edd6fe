package io.onlinelearner.http;

import io.onlinelearner.topology.Names;
import java.util.Collection;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.processor.StateRestoreListener;

/**
 * The partitions of the model store ({@link Names#STORE}) that this instance's active tasks are
 * restoring now, as Kafka Streams tells its global {@link StateRestoreListener}. Kafka Streams
 * 4.1's store provider picks a partition's store among a RUNNING thread's active tasks, those its
 * state updater is restoring included, and a thread stays RUNNING while it restores a task found
 * corrupted (under exactly-once, e.g. after a failed commit, the store is wiped and restored from
 * its changelog): a read then could miss a model, or find an older state of it.
 * {@link StreamsModelDirectory} treats these partitions as not ready instead. Kafka Streams ends each restoration it starts, or suspends it
 * when the task leaves; {@link #clear} forgets every mark when the client enters RUNNING, which
 * it does only once no active task is restoring, so that a missed end never keeps a partition out
 * for good. Thread-safe: the restoring threads write, HTTP threads read.
 */
public final class RestoringPartitions implements StateRestoreListener {

    private final Set<Integer> partitions = ConcurrentHashMap.newKeySet();

    @Override
    public void onRestoreStart(
            final TopicPartition changelog,
            final String storeName,
            final long startingOffset,
            final long endingOffset) {
        if (Names.STORE.equals(storeName)) {
            partitions.add(changelog.partition());
        }
    }

    @Override
    public void onBatchRestored(
            final TopicPartition changelog,
            final String storeName,
            final long batchEndOffset,
            final long numRestored) {}

    @Override
    public void onRestoreEnd(final TopicPartition changelog, final String storeName, final long totalRestored) {
        if (Names.STORE.equals(storeName)) {
            partitions.remove(changelog.partition());
        }
    }

    @Override
    public void onRestoreSuspended(final TopicPartition changelog, final String storeName, final long totalRestored) {
        onRestoreEnd(changelog, storeName, totalRestored);
    }

    /** True while partition {@code partition} of the model store is being restored here. */
    public boolean restoring(final int partition) {
        return partitions.contains(partition);
    }

    /** True while any of {@code storePartitions} is being restored here. */
    public boolean anyRestoring(final Collection<Integer> storePartitions) {
        return storePartitions.stream().anyMatch(partitions::contains);
    }

    /** Forgets every mark: the client entered RUNNING, so no active task restores now. */
    public void clear() {
        partitions.clear();
    }
}
