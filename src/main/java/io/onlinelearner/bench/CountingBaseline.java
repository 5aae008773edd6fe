package io.onlinelearner.bench;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * The framework baseline: the trivial stateful Kafka Streams application that counts records per
 * key in a persistent (RocksDB), cached, changelogged store, the same kind of store the learner
 * keeps its models in. It reads, updates and writes the store once per record, as the learner
 * does, and does nothing else.
 */
final class CountingBaseline {

    static final String STORE = "count-per-key";

    private CountingBaseline() {}

    /** The topology reading the {@code topics}, counting each record into {@code progress}. */
    static Topology topology(final Collection<String> topics, final Progress progress) {
        final Topology topology = new Topology();
        topology.addSource(
                "source", new ByteArrayDeserializer(), new ByteArrayDeserializer(), topics.toArray(new String[0]));
        topology.addProcessor("count", () -> new CountProcessor(progress), "source");
        topology.addStateStore(
                Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STORE), Serdes.String(), Serdes.Long())
                        .withCachingEnabled(),
                "count");
        return topology;
    }

    private static final class CountProcessor implements Processor<byte[], byte[], Void, Void> {

        private final Progress progress;
        private KeyValueStore<String, Long> store;

        CountProcessor(final Progress progress) {
            this.progress = progress;
        }

        @Override
        public void init(final ProcessorContext<Void, Void> context) {
            store = context.getStateStore(STORE);
        }

        @Override
        public void process(final Record<byte[], byte[]> record) {
            final String key = record.key() == null ? "default" : new String(record.key(), StandardCharsets.UTF_8);
            final Long count = store.get(key);
            store.put(key, count == null ? 1L : count + 1);
            progress.record();
        }
    }
}
