package io.onlinelearner.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.onlinelearner.topology.Names;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Sends one command to a model and waits for the learner's answer: the event on {@code control}
 * that the command caused. It checks that both topics exist, notes the end of every
 * {@code control} partition, then produces the command (acks=all, idempotent), then reads
 * {@code control} with {@code isolation.level=read_committed} from those ends until an event for
 * the model with cause {@code command} arrives whose timestamp is not older than the command's.
 * The learner stamps each event with the timestamp of the record that caused it, so the client
 * never reports an event of an earlier command (not even one whose transaction commits only after
 * the command was sent) nor one of a transaction that a crash rolled back.
 *
 * <p>It logs nothing itself; every failure is an exception with a one-line message.
 */
public final class CommandClient implements AutoCloseable {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Duration POLL = Duration.ofMillis(100);

    private final KafkaProducer<byte[], byte[]> producer;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final String bootstrapServers;
    private final String commandsTopic;
    private final String controlTopic;

    /**
     * A client for the cluster described by {@code clientProperties} (bootstrap servers, security;
     * keys that are neither producer nor consumer settings are left out).
     */
    public CommandClient(final Properties clientProperties, final String commandsTopic, final String controlTopic) {
        this.bootstrapServers = clientProperties.getProperty(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG);
        this.commandsTopic = commandsTopic;
        this.controlTopic = controlTopic;
        this.producer = new KafkaProducer<>(
                producerProperties(clientProperties), new ByteArraySerializer(), new ByteArraySerializer());
        try {
            this.consumer = new KafkaConsumer<>(
                    consumerProperties(clientProperties), new ByteArrayDeserializer(), new ByteArrayDeserializer());
        } catch (RuntimeException e) {
            producer.close(Duration.ZERO);
            throw e;
        }
    }

    /**
     * Sends {@code command} (a record value for {@code commands}) for the model {@code id} (empty:
     * {@code default}, keyed so) and returns the event it caused.
     *
     * @return the event as parsed JSON, or empty when none arrived within {@code timeout}
     * @throws ClusterUnavailableException when Kafka does not answer within {@code timeout}
     * @throws IllegalStateException       when a topic is missing or the command cannot be written
     */
    public Optional<JsonNode> send(final String id, final byte[] command, final Duration timeout)
            throws InterruptedException {
        final String model = Names.model(id);
        final long deadline = System.nanoTime() + timeout.toNanos();
        final long sentAt;
        try {
            final List<TopicPartition> partitions = partitions(controlTopic, remaining(deadline));
            partitions(commandsTopic, remaining(deadline));
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            for (final TopicPartition partition : partitions) {
                consumer.position(partition, remaining(deadline));
            }
            sentAt = producer.send(new ProducerRecord<>(commandsTopic, model.getBytes(StandardCharsets.UTF_8), command))
                    .get(remaining(deadline).toMillis(), TimeUnit.MILLISECONDS)
                    .timestamp();
        } catch (org.apache.kafka.common.errors.TimeoutException | TimeoutException e) {
            throw new ClusterUnavailableException(
                    "Kafka at " + bootstrapServers + " did not answer within " + timeout.toSeconds() + " s", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(
                    "cannot send the command to " + commandsTopic + ": "
                            + e.getCause().getMessage(),
                    e.getCause());
        }
        while (System.nanoTime() < deadline) {
            for (final ConsumerRecord<byte[], byte[]> record : consumer.poll(min(POLL, remaining(deadline)))) {
                final Optional<JsonNode> event =
                        record.timestamp() < sentAt ? Optional.empty() : commandEvent(record, model);
                if (event.isPresent()) {
                    return event;
                }
            }
        }
        return Optional.empty();
    }

    private List<TopicPartition> partitions(final String topic, final Duration timeout) {
        final List<TopicPartition> partitions = consumer.partitionsFor(topic, timeout).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition()))
                .toList();
        if (partitions.isEmpty()) {
            throw new IllegalStateException("topic " + topic + " does not exist on " + bootstrapServers
                    + " (is the configuration the learner's?)");
        }
        return partitions;
    }

    private static Duration remaining(final long deadline) {
        return Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
    }

    private static Duration min(final Duration a, final Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static Optional<JsonNode> commandEvent(final ConsumerRecord<byte[], byte[]> record, final String model) {
        if (record.key() == null
                || !model.equals(new String(record.key(), StandardCharsets.UTF_8))
                || record.value() == null) {
            return Optional.empty();
        }
        try {
            final JsonNode event = MAPPER.readTree(record.value());
            return "command".equals(event.path("cause").asText()) ? Optional.of(event) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The producer settings of {@code client}, with acks=all and idempotence, never transactional. */
    static Properties producerProperties(final Properties client) {
        final Properties p = only(client, ProducerConfig.configNames());
        p.setProperty(ProducerConfig.ACKS_CONFIG, "all");
        p.setProperty(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
        return p;
    }

    static Properties consumerProperties(final Properties client) {
        final Properties p = only(client, ConsumerConfig.configNames());
        p.remove(ConsumerConfig.GROUP_ID_CONFIG);
        p.setProperty(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.setProperty(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.setProperty(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        return p;
    }

    /** The keys of {@code client} among {@code names}. */
    static Properties only(final Properties client, final Set<String> names) {
        final Properties p = new Properties();
        final Map<String, String> kept = client.stringPropertyNames().stream()
                .filter(names::contains)
                .collect(Collectors.toMap(k -> k, client::getProperty));
        p.putAll(kept);
        return p;
    }

    @Override
    public void close() {
        try {
            producer.close(Duration.ofSeconds(5));
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }
}
