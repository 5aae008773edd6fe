package io.onlinelearner.app;

import io.onlinelearner.config.RecordLimits;
import io.onlinelearner.topology.Names;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Writes text lines to a topic, one record a line: {@code KEY<separator>VALUE}, split at the first
 * separator, both as UTF-8; blank lines are skipped. An empty key names the model {@code default}
 * and is sent as the key {@code default}, so that its records meet in the partition the learner
 * expects for that model (the {@code model} command keys it so too).
 * Records go with Kafka's Java producer (acks=all, idempotent), so keys are partitioned with
 * murmur2 as the learner expects, and may be as large as the topics the learner creates accept
 * ({@link RecordLimits#DEFAULT_BYTES} unless the configuration sets {@code max.request.size}), so
 * that an oversized input reaches the learner's dead letters as {@code too-large}. So that the
 * learner can be fed without Kafka's own tools.
 */
public final class LineProducer implements AutoCloseable {

    private static final Duration ANSWER = Duration.ofSeconds(30);

    private final KafkaProducer<byte[], byte[]> producer;
    private final Admin admin;
    private final String bootstrapServers;

    /** A producer for the cluster of {@code clientProperties} (bootstrap servers, security). */
    public LineProducer(final Properties clientProperties) {
        this.bootstrapServers = clientProperties.getProperty(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG);
        final Properties producerProperties = CommandClient.producerProperties(clientProperties);
        producerProperties.setProperty(ProducerConfig.MAX_BLOCK_MS_CONFIG, "30000");
        producerProperties.putIfAbsent(
                ProducerConfig.MAX_REQUEST_SIZE_CONFIG, String.valueOf(RecordLimits.DEFAULT_BYTES));
        producerProperties.putIfAbsent(ProducerConfig.BUFFER_MEMORY_CONFIG, String.valueOf(RecordLimits.DEFAULT_BYTES));
        this.producer = new KafkaProducer<>(producerProperties, new ByteArraySerializer(), new ByteArraySerializer());
        try {
            this.admin = Admin.create(CommandClient.only(clientProperties, AdminClientConfig.configNames()));
        } catch (RuntimeException e) {
            producer.close(Duration.ZERO);
            throw e;
        }
    }

    /**
     * Sends every line of {@code lines} to {@code topic} and waits until all are acknowledged.
     *
     * @return how many records were sent
     * @throws IllegalArgumentException    for a non-blank line without {@code separator}, naming its number;
     *                                     the lines before it are sent, none after it
     * @throws IllegalStateException       when the topic does not exist or a record is refused
     * @throws ClusterUnavailableException when Kafka does not answer within 30 s
     */
    public long send(final String topic, final BufferedReader lines, final String separator) {
        requireTopic(topic);
        final AtomicReference<Exception> refused = new AtomicReference<>();
        long sent = 0;
        long number = 0;
        try {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                final int at = line.indexOf(separator);
                if (at < 0) {
                    producer.flush();
                    throw new IllegalArgumentException("line " + number + " has no key separator '" + separator
                            + "' (write KEY" + separator + "VALUE; an empty key is the model default); "
                            + sent + (sent == 1 ? " record before it was sent" : " records before it were sent"));
                }
                final ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(
                        topic,
                        Names.model(line.substring(0, at)).getBytes(StandardCharsets.UTF_8),
                        line.substring(at + separator.length()).getBytes(StandardCharsets.UTF_8));
                producer.send(record, (metadata, e) -> {
                    if (e != null) {
                        refused.compareAndSet(null, e);
                    }
                });
                sent++;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        producer.flush();
        if (refused.get() != null) {
            throw new IllegalStateException(
                    "writing to " + topic + " failed: " + refused.get().getMessage(), refused.get());
        }
        return sent;
    }

    private void requireTopic(final String topic) {
        try {
            admin.describeTopics(List.of(topic)).allTopicNames().get(ANSWER.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                throw new IllegalStateException("topic " + topic + " does not exist on " + bootstrapServers, e);
            }
            throw new IllegalStateException(
                    "cannot describe topic " + topic + ": " + e.getCause().getMessage(), e);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new ClusterUnavailableException(
                    "Kafka at " + bootstrapServers + " did not answer within " + ANSWER.toSeconds() + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClusterUnavailableException("interrupted while asking Kafka at " + bootstrapServers, e);
        }
    }

    @Override
    public void close() {
        admin.close(Duration.ZERO);
        producer.close(Duration.ZERO);
    }
}
