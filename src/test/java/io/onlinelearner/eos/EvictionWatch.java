package io.onlinelearner.eos;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Watches {@code control} for {@code EVICTED} events, so that the crash test can kill the learner
 * while an eviction's outputs sit in an open transaction: it tails the topic read_uncommitted and
 * compares the offset of each {@code EVICTED} event with the partition's last stable offset (what
 * a read_committed consumer's end offset is). An event at or past it is in an open transaction.
 */
final class EvictionWatch implements AutoCloseable {

    private final KafkaConsumer<String, String> tail;
    private final KafkaConsumer<String, String> committed;
    private final List<TopicPartition> partitions;
    private final Map<TopicPartition, Set<Long>> evictedAt = new HashMap<>();
    private final Set<String> distinct = new HashSet<>();

    EvictionWatch(final String bootstrap, final String control, final int partitionCount) {
        tail = consumer(bootstrap, "read_uncommitted");
        committed = consumer(bootstrap, "read_committed");
        partitions = IntStream.range(0, partitionCount)
                .mapToObj(p -> new TopicPartition(control, p))
                .toList();
        tail.assign(partitions);
        tail.seekToBeginning(partitions);
    }

    /** True when an {@code EVICTED} event is in a transaction that is still open, after reading what is new. */
    boolean inOpenTransaction() {
        for (final ConsumerRecord<String, String> r : tail.poll(Duration.ofMillis(50))) {
            if (r.value() != null && r.value().contains("\"event\":\"EVICTED\"")) {
                evictedAt
                        .computeIfAbsent(new TopicPartition(r.topic(), r.partition()), tp -> new HashSet<>())
                        .add(r.offset());
                distinct.add(r.value());
            }
        }
        final Map<TopicPartition, Long> stable = committed.endOffsets(partitions);
        return evictedAt.entrySet().stream()
                .anyMatch(e -> e.getValue().stream().anyMatch(offset -> offset >= stable.get(e.getKey())));
    }

    /** The different {@code EVICTED} events seen so far, committed, open or aborted (a redone one is the same). */
    int seen() {
        return distinct.size();
    }

    @Override
    public void close() {
        tail.close();
        committed.close();
    }

    private static KafkaConsumer<String, String> consumer(final String bootstrap, final String isolation) {
        return new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                        ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation,
                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false"),
                new StringDeserializer(),
                new StringDeserializer());
    }
}
