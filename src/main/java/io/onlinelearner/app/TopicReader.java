package io.onlinelearner.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads one of the learner's topics as a {@code read_committed} consumer outside any group, from
 * the start of every partition, and hands each record over as one line of JSON: its topic,
 * partition, offset, timestamp, key, value (as written when it is JSON, else as text, else as
 * base64 under {@code valueBase64}) and headers (the dead letters' reasons among them). It stops
 * at the end each partition had when it began (its last stable offset: an open transaction's
 * records come after it), unless told to follow. So that the learner's outputs can be seen without
 * Kafka's own tools, as {@link LineProducer} feeds it without them.
 */
public final class TopicReader implements AutoCloseable {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Duration POLL = Duration.ofMillis(200);

    private final Consumer<byte[], byte[]> consumer;
    private final String bootstrapServers;

    /** A reader for the cluster of {@code clientProperties} (bootstrap servers, security). */
    public TopicReader(final Properties clientProperties) {
        this(
                new KafkaConsumer<>(
                        CommandClient.consumerProperties(clientProperties),
                        new ByteArrayDeserializer(),
                        new ByteArrayDeserializer()),
                clientProperties.getProperty(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG));
    }

    /** A reader through {@code consumer} (a read-committed one), of the cluster at {@code bootstrapServers}. */
    TopicReader(final Consumer<byte[], byte[]> consumer, final String bootstrapServers) {
        this.consumer = consumer;
        this.bootstrapServers = bootstrapServers;
    }

    /**
     * Reads {@code topic} from its start, writing each record's line to {@code out}.
     *
     * @param max     at most this many records
     * @param follow  when true, keeps reading past the end until stopped or interrupted
     * @param timeout how long Kafka may take to name the topic's partitions and their ends, and,
     *                without {@code follow}, to hand over records while some are still to come
     * @return the number of records read (also when interrupted or {@link #stop stopped})
     * @throws ClusterUnavailableException when Kafka does not answer within {@code timeout}
     * @throws IllegalStateException       when the topic does not exist
     */
    public long read(
            final String topic, final long max, final boolean follow, final PrintWriter out, final Duration timeout) {
        final List<TopicPartition> partitions;
        final Map<TopicPartition, Long> ends;
        try {
            partitions = consumer.partitionsFor(topic, timeout).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition()))
                    .toList();
            if (partitions.isEmpty()) {
                throw new IllegalStateException("topic " + topic + " does not exist on " + bootstrapServers);
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            ends = consumer.endOffsets(partitions, timeout);
        } catch (org.apache.kafka.common.errors.TimeoutException e) {
            throw new ClusterUnavailableException(
                    "Kafka at " + bootstrapServers + " did not answer within " + timeout.toSeconds() + " s", e);
        }
        long read = 0;
        long progressAt = System.nanoTime();
        try {
            while (read < max && (follow || !reached(ends))) {
                for (final ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                    final TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                    if (read == max || (!follow && record.offset() >= ends.get(partition))) {
                        continue;
                    }
                    out.println(line(record));
                    out.flush();
                    read++;
                    progressAt = System.nanoTime();
                }
                if (!follow && System.nanoTime() - progressAt > timeout.toNanos() && !reached(ends)) {
                    throw new ClusterUnavailableException(
                            "Kafka at " + bootstrapServers + " handed over no record of " + topic + " for "
                                    + timeout.toSeconds() + " s before its end",
                            null);
                }
            }
        } catch (InterruptException e) {
            Thread.currentThread().interrupt();
        } catch (WakeupException e) {
            // stopped by stop(): what was read so far stands
        }
        return read;
    }

    /** True when every partition is read to its end; the partitions read to their end are paused. */
    private boolean reached(final Map<TopicPartition, Long> ends) {
        final List<TopicPartition> done = ends.entrySet().stream()
                .filter(e -> consumer.position(e.getKey()) >= e.getValue())
                .map(Map.Entry::getKey)
                .toList();
        consumer.pause(done);
        return done.size() == ends.size();
    }

    /** One record as a line of JSON. */
    static String line(final ConsumerRecord<byte[], byte[]> record) {
        final ObjectNode line = JsonNodeFactory.instance.objectNode();
        line.put("topic", record.topic());
        line.put("partition", record.partition());
        line.put("offset", record.offset());
        line.put("timestamp", record.timestamp());
        line.put("key", record.key() == null ? null : text(record.key()));
        putValue(line, record.value());
        final ObjectNode headers = line.putObject("headers");
        for (final Header header : record.headers()) {
            headers.put(header.key(), header.value() == null ? null : text(header.value()));
        }
        try {
            return MAPPER.writeValueAsString(line);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write a record as JSON", e);
        }
    }

    private static void putValue(final ObjectNode line, final byte[] value) {
        if (value == null) {
            line.putNull("value");
            return;
        }
        final String json = json(value);
        if (json != null) {
            line.putRawValue("value", new RawValue(json));
            return;
        }
        try {
            line.put(
                    "value",
                    StandardCharsets.UTF_8
                            .newDecoder()
                            .onMalformedInput(CodingErrorAction.REPORT)
                            .onUnmappableCharacter(CodingErrorAction.REPORT)
                            .decode(ByteBuffer.wrap(value))
                            .toString());
        } catch (CharacterCodingException e) {
            line.put("valueBase64", Base64.getEncoder().encodeToString(value));
        }
    }

    /**
     * The value's own text when it is one JSON value, its line breaks made spaces (in JSON they
     * can only be whitespace), so that it is shown as written: {@code 1.50} stays {@code 1.50},
     * {@code 1e400} a number; else null.
     */
    private static String json(final byte[] value) {
        try (var parser = MAPPER.createParser(value)) {
            if (parser.nextToken() == null) {
                return null;
            }
            parser.skipChildren();
            if (parser.nextToken() != null) {
                return null;
            }
        } catch (IOException e) {
            return null;
        }
        return text(value).replace('\r', ' ').replace('\n', ' ').strip();
    }

    private static String text(final byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** Ends a {@link #read} in progress on another thread (e.g. at Ctrl-C); it returns its count. */
    public void stop() {
        consumer.wakeup();
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(5));
    }
}
