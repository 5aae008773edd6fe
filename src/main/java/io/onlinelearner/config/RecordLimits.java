package io.onlinelearner.config;

import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * The size of the largest record the learner writes, and the client and topic settings that let it
 * through. Kafka's defaults stop at 1 MiB ({@code max.request.size}, {@code message.max.bytes}),
 * but a model's changelog record is its whole state (1.2 MB at d = 50,000; a hashed model grows
 * with the indices it touches, and its feature texts with them), its snapshot carries every
 * weight, and the dead letter of an input value just under 1 MiB is over it once its headers are
 * added. A record the producer or the broker refuses fails the stream thread, and under
 * exactly-once the thread then fails on the same record at every retry: no model of its task
 * learns again. So, unless the user set them ({@link LearnerConfig} applies them): the producer's {@code max.request.size} and
 * {@code buffer.memory} are raised to the limit, Kafka Streams creates its changelog topics with
 * {@code max.message.bytes} at the limit ({@code topic.max.message.bytes}), and the learner creates
 * its own topics so too, its input topics with room for a dead letter's headers below the limit. The broker's {@code socket.request.max.bytes} (100 MiB by default) is
 * above it.
 */
public final class RecordLimits {

    /** The limit unless the inputs may be larger: 64 MiB. */
    public static final int DEFAULT_BYTES = 64 << 20;
    /** Room for a dead letter's headers above the largest input value. */
    public static final int HEADER_ROOM_BYTES = 64 << 10;
    /** Kafka's default {@code max.request.size}. */
    static final int KAFKA_MAX_REQUEST_BYTES = 1 << 20;
    /** The producer's {@code max.request.size} as Kafka Streams reads it, prefixed. */
    static final String PRODUCER_MAX_REQUEST_SIZE = "producer." + ProducerConfig.MAX_REQUEST_SIZE_CONFIG;
    /** The Kafka Streams property whose value its changelog topics are created with. */
    public static final String CHANGELOG_MAX_MESSAGE_BYTES = "topic.max.message.bytes";

    private RecordLimits() {}

    /**
     * The {@code max.message.bytes} of an input topic the learner creates, under a limit of
     * {@code limit} for what it writes: {@link #HEADER_ROOM_BYTES} less, so that the dead letter of
     * any record the topic accepts, with the learner's headers added, is within the limit.
     */
    public static int inputTopicBytes(final int limit) {
        return limit - HEADER_ROOM_BYTES;
    }

    /**
     * The producer's effective {@code max.request.size} in Kafka Streams' configuration
     * {@code configs}: {@code producer.max.request.size}, else {@code max.request.size}, else
     * Kafka's default of 1 MiB.
     */
    public static int producerMaxRequestBytes(final Map<String, ?> configs) {
        final Object value = configs.containsKey(PRODUCER_MAX_REQUEST_SIZE)
                ? configs.get(PRODUCER_MAX_REQUEST_SIZE)
                : configs.get(ProducerConfig.MAX_REQUEST_SIZE_CONFIG);
        return value == null
                ? KAFKA_MAX_REQUEST_BYTES
                : Integer.parseInt(String.valueOf(value).trim());
    }

    /** The limit for inputs of at most {@code inputMaxBytes}: 64 MiB, or more when a dead letter could be larger. */
    public static int bytes(final int inputMaxBytes) {
        return (int) Math.min(Integer.MAX_VALUE, Math.max(DEFAULT_BYTES, (long) inputMaxBytes + HEADER_ROOM_BYTES));
    }
}
