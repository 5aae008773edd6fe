package io.onlinelearner.topology;

import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.zip.CRC32;
import org.apache.kafka.clients.producer.Partitioner;
import org.apache.kafka.common.Cluster;

/**
 * A producer partitioner that does what librdkafka's default ({@code consistent_random}) does:
 * {@code crc32(key) % partitions}, and a random partition for a null or empty key. A Java producer
 * configured with it writes as kcat, or a Python, Go, .NET or Node client would by default.
 */
public final class Crc32Partitioner implements Partitioner {

    /** The partition librdkafka's {@code consistent_random} chooses for a non-empty {@code key} among {@code count}. */
    public static int partitionOf(final byte[] key, final int count) {
        final CRC32 crc = new CRC32();
        crc.update(key);
        return (int) ((crc.getValue() & 0xffffffffL) % count);
    }

    @Override
    public int partition(
            final String topic,
            final Object key,
            final byte[] keyBytes,
            final Object value,
            final byte[] valueBytes,
            final Cluster cluster) {
        final int count = cluster.partitionCountForTopic(topic);
        return keyBytes == null || keyBytes.length == 0
                ? ThreadLocalRandom.current().nextInt(count)
                : partitionOf(keyBytes, count);
    }

    @Override
    public void configure(final Map<String, ?> configs) {}

    @Override
    public void close() {}
}
