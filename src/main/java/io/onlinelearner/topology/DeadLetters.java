package io.onlinelearner.topology;

import io.onlinelearner.model.RecordRejectedException;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Builds dead letters: the input key and value unchanged, the input headers kept, and the reason
 * and source added under the header names Kafka Streams' own dead-letter queue uses (KIP-1034),
 * plus the learner's machine-readable reason code.
 */
public final class DeadLetters {

    /** The exception class, as Kafka Streams names it. */
    public static final String EXCEPTION = "__streams.errors.exception";
    /** The human-readable reason. */
    public static final String MESSAGE = "__streams.errors.message";
    /** The source topic. */
    public static final String TOPIC = "__streams.errors.topic";
    /** The source partition, in decimal. */
    public static final String PARTITION = "__streams.errors.partition";
    /** The source offset, in decimal. */
    public static final String OFFSET = "__streams.errors.offset";
    /** The learner's reason code, e.g. {@code wrong-dimension}. */
    public static final String REASON = "learner.errors.reason";

    private DeadLetters() {}

    /**
     * The dead letter for {@code input}, rejected for {@code rejection}, naming {@code source} (the
     * record's input topic, partition and offset, also when it reached the learner through a
     * repartition topic; null when unknown). The learner's own {@link Origin} headers are dropped.
     */
    public static Record<byte[], byte[]> of(
            final Record<byte[], byte[]> input, final Origin source, final RecordRejectedException rejection) {
        final Headers headers = Origin.strip(new RecordHeaders(input.headers().toArray()));
        add(headers, EXCEPTION, rejection.getClass().getName());
        add(headers, MESSAGE, rejection.getMessage());
        add(headers, REASON, rejection.reason().code());
        if (source != null) {
            add(headers, TOPIC, source.topic());
            add(headers, PARTITION, String.valueOf(source.partition()));
            add(headers, OFFSET, String.valueOf(source.offset()));
        }
        return new Record<>(input.key(), input.value(), input.timestamp(), headers);
    }

    private static void add(final Headers headers, final String name, final String value) {
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
