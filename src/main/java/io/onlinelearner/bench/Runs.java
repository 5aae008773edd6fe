package io.onlinelearner.bench;

import io.onlinelearner.config.LearnerConfig;
import io.onlinelearner.model.InputFormat;
import io.onlinelearner.model.InputParser;
import io.onlinelearner.model.RecordRejectedException;
import io.onlinelearner.topology.Names;
import io.onlinelearner.topology.Source;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;

/** The three ways of processing the benchmark's records, each timed from its start to its last record. */
final class Runs {

    private static final Duration POLL = Duration.ofMillis(100);

    private Runs() {}

    /**
     * A plain consumer in a new group reading {@code records} JSON training records of {@code topic},
     * decoding each key and parsing each value as the learner does.
     */
    static Measurement raw(
            final String bootstrap,
            final String topic,
            final String guarantee,
            final long records,
            final int maxFeatures,
            final Duration timeout)
            throws TimeoutException {
        return raw(bootstrap, Map.of(Source.TRAIN, topic), InputFormat.JSON, guarantee, records, maxFeatures, timeout);
    }

    /**
     * A plain consumer in a new group reading {@code records} records of the {@code topics}, decoding
     * each key and parsing each value in {@code format} as the learner does for its input.
     */
    static Measurement raw(
            final String bootstrap,
            final Map<Source, String> topics,
            final InputFormat format,
            final String guarantee,
            final long records,
            final int maxFeatures,
            final Duration timeout)
            throws TimeoutException {
        final InputParser parser = InputParser.forFormat(
                format, maxFeatures, LearnerConfig.defaults().inputMaxBytes());
        final Map<String, Source> sources = new HashMap<>();
        topics.forEach((source, topic) -> sources.put(topic, source));
        final long start = System.nanoTime();
        final long cpuStart = ProcessCpu.nanos();
        final double threadStart = ProcessCpu.currentThreadSeconds();
        final double jitStart = ProcessCpu.jitSeconds();
        final ThreadCpu.Snapshot threadsStart = ThreadCpu.snapshot();
        long first = 0;
        long count = 0;
        long sink = 0;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(
                Map.<String, Object>of(
                        CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrap,
                        "group.id",
                        "bench-raw-" + start,
                        "auto.offset.reset",
                        "earliest",
                        "enable.auto.commit",
                        false,
                        "isolation.level",
                        isolation(guarantee)),
                new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(sources.keySet());
            final long deadline = start + timeout.toNanos();
            while (count < records) {
                if (System.nanoTime() > deadline) {
                    throw new TimeoutException("raw consumer read " + count + " of " + records + " records");
                }
                for (final ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                    if (count++ == 0) {
                        first = System.nanoTime();
                    }
                    sink += Names.model(record.key()).length()
                            + parse(parser, sources.get(record.topic()), record.value());
                }
            }
            final long end = System.nanoTime();
            final double cpu = ProcessCpu.secondsSince(cpuStart);
            final double threadCpu = ProcessCpu.currentThreadSeconds() - threadStart;
            final double jit = ProcessCpu.jitSeconds() - jitStart;
            final Map<ThreadCpu.Group, Long> byThread = ThreadCpu.snapshot().since(threadsStart);
            final long heap = HeapProbe.usedAfterGc();
            if (sink == Long.MIN_VALUE) {
                throw new IllegalStateException("unreachable");
            }
            return new Measurement(
                    guarantee,
                    Runner.RAW,
                    count,
                    (first - start) / 1e9,
                    (end - start) / 1e9,
                    heap,
                    -1,
                    cpu,
                    threadCpu,
                    jit,
                    byThread);
        }
    }

    /**
     * A Kafka Streams application running {@code topology} until {@code progress} counts
     * {@code records}; its state folder is left in place for the caller to measure.
     */
    static Measurement streams(
            final Runner runner,
            final Function<Progress, Topology> topology,
            final Properties properties,
            final String guarantee,
            final long records,
            final Duration timeout)
            throws InterruptedException, TimeoutException {
        final Progress progress = new Progress();
        final long start = System.nanoTime();
        final long cpuStart = ProcessCpu.nanos();
        final double jitStart = ProcessCpu.jitSeconds();
        final ThreadCpu.Snapshot threadsStart = ThreadCpu.snapshot();
        final KafkaStreams streams = new KafkaStreams(topology.apply(progress), properties);
        try {
            streams.start();
            final long end = progress.await(records, timeout);
            final double cpu = ProcessCpu.secondsSince(cpuStart);
            final double threadCpu =
                    ProcessCpu.streamThreadSeconds(properties.getProperty(StreamsConfig.APPLICATION_ID_CONFIG));
            final double jit = ProcessCpu.jitSeconds() - jitStart;
            final Map<ThreadCpu.Group, Long> byThread = ThreadCpu.snapshot().since(threadsStart);
            final long heap = HeapProbe.usedAfterGc();
            final long resident = ResidentMemory.bytes();
            return new Measurement(
                    guarantee,
                    runner,
                    records,
                    (progress.firstNanos() - start) / 1e9,
                    (end - start) / 1e9,
                    heap,
                    resident,
                    cpu,
                    threadCpu,
                    jit,
                    byThread);
        } finally {
            streams.close(Duration.ofSeconds(60));
        }
    }

    private static int parse(final InputParser parser, final Source source, final byte[] value) {
        try {
            switch (source) {
                case PREDICT:
                    return parser.parsePredict(value).dimension();
                case COMMANDS:
                    return parser.parseCommand(value).name().length();
                default:
                    return parser.parseExample(value).dimension();
            }
        } catch (RecordRejectedException e) {
            return 0;
        }
    }

    private static String isolation(final String guarantee) {
        return guarantee.startsWith("exactly_once") ? "read_committed" : "read_uncommitted";
    }
}
