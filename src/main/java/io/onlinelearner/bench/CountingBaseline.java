package io.onlinelearner.bench;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
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
import org.apache.kafka.streams.state.Stores;

/**
 * The framework baseline: the trivial stateful Kafka Streams application that counts records per
 * key in a persistent (RocksDB), cached, changelogged store, the same kind of store the learner
 * keeps its models in. It reads, updates and writes the store once per record, as the learner
 * does, and does nothing else; {@link #echoing} also writes each record, unchanged, to an output
 * topic, for workloads where the learner answers every record (the labels workload: a prediction
 * per request, an outcome per label); {@link #sized} keeps per key a value as large as a model's
 * state instead of a count, for the scaling benchmark's many models.
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

    /**
     * The topology that keeps per key a value of {@code valueBytes} bytes (at least 8; a count in
     * its first eight), read, copied, updated and written back once per record: the store traffic of
     * a learner whose model states take as many bytes.
     */
    static Topology sized(final Collection<String> topics, final int valueBytes, final Progress progress) {
        if (valueBytes < Long.BYTES) {
            throw new IllegalArgumentException("a sized value holds at least a count: " + valueBytes + " bytes");
        }
        final Topology topology = reading(topics);
        topology.addProcessor("count", () -> new SizedProcessor(progress, valueBytes), "source");
        topology.addStateStore(
                Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STORE), Serdes.String(), Serdes.ByteArray())
                        .withCachingEnabled(),
                "count");
        return topology;
    }

    private static Topology counting(final Collection<String> topics, final Progress progress, final boolean echo) {
        final Topology topology = reading(topics);
        topology.addProcessor("count", () -> new CountProcessor(progress, echo), "source");
        topology.addStateStore(
                Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STORE), Serdes.String(), Serdes.Long())
                        .withCachingEnabled(),
                "count");
        return topology;
    }

    /** A topology with one source, {@code "source"}, reading the {@code topics} as bytes. */
    private static Topology reading(final Collection<String> topics) {
        final Topology topology = new Topology();
        topology.addSource(
                "source", new ByteArrayDeserializer(), new ByteArrayDeserializer(), topics.toArray(new String[0]));
        return topology;
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

    private static final class SizedProcessor implements Processor<byte[], byte[], Void, Void> {

        private static final VarHandle COUNT = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

        private final Progress progress;
        private final int valueBytes;
        private KeyValueStore<String, byte[]> store;

        SizedProcessor(final Progress progress, final int valueBytes) {
            this.progress = progress;
            this.valueBytes = valueBytes;
        }

        @Override
        public void init(final ProcessorContext<Void, Void> context) {
            store = context.getStateStore(STORE);
        }

        @Override
        public void process(final Record<byte[], byte[]> record) {
            final String key = record.key() == null ? "default" : new String(record.key(), StandardCharsets.UTF_8);
            final byte[] previous = store.get(key);
            final byte[] next = previous == null ? new byte[valueBytes] : previous.clone();
            COUNT.set(next, 0, (long) COUNT.get(next, 0) + 1);
            store.put(key, next);
            progress.record();
        }
    }
}
