package io.onlinelearner.bench;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The framework baseline: the trivial stateful Kafka Streams application that counts records per
 * key in a persistent (RocksDB), cached, changelogged store, the same kind of store the learner
 * keeps its models in. It reads, updates and writes the store once per record, as the learner
 * does, and does nothing else; {@link #echoing} also writes each record, unchanged, to an output
 * topic, for workloads where the learner answers every record (the labels workload: a prediction
 * per request, an outcome per label).
 */
final class CountingBaseline {

    static final String STORE = "count-per-key";

    private CountingBaseline() {}

    /** The topology reading the {@code topics}, counting each record into {@code progress}. */
    static Topology topology(final Collection<String> topics, final Progress progress) {
        return counting(topics, progress, false);
    }

    /**
     * The same topology, which also writes each record it counted, key and value unchanged, to
     * {@code sink}: one output per input, as the learner's prediction per request and outcome per label.
     */
    static Topology echoing(final Collection<String> topics, final String sink, final Progress progress) {
        final Topology topology = counting(topics, progress, true);
        topology.addSink("echo", sink, new ByteArraySerializer(), new ByteArraySerializer(), "count");
        return topology;
    }

    private static Topology counting(final Collection<String> topics, final Progress progress, final boolean echo) {
        final Topology topology = new Topology();
        topology.addSource(
                "source", new ByteArrayDeserializer(), new ByteArrayDeserializer(), topics.toArray(new String[0]));
        topology.addProcessor("count", () -> new CountProcessor(progress, echo), "source");
        topology.addStateStore(counts(), "count");
        return topology;
    }

    private static StoreBuilder<KeyValueStore<String, Long>> counts() {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STORE), Serdes.String(), Serdes.Long())
                .withCachingEnabled();
    }

    private static final class CountProcessor implements Processor<byte[], byte[], byte[], byte[]> {

        private final Progress progress;
        private final boolean echo;
        private ProcessorContext<byte[], byte[]> context;
        private KeyValueStore<String, Long> store;

        CountProcessor(final Progress progress, final boolean echo) {
            this.progress = progress;
            this.echo = echo;
        }

        @Override
        public void init(final ProcessorContext<byte[], byte[]> context) {
            this.context = context;
            store = context.getStateStore(STORE);
        }

        @Override
        public void process(final Record<byte[], byte[]> record) {
            final String key = record.key() == null ? "default" : new String(record.key(), StandardCharsets.UTF_8);
            final Long count = store.get(key);
            store.put(key, count == null ? 1L : count + 1);
            if (echo) {
                context.forward(record);
            }
            progress.record();
        }
    }
}
