package io.onlinelearner.topology;

import io.onlinelearner.model.RecordRejectedException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.AbstractRecords;
import org.apache.kafka.common.record.CompressionType;
import org.apache.kafka.common.record.RecordBatch;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Builds dead letters: the input key and value unchanged, the input headers kept, and the reason
 * and source added under the header names Kafka Streams' own dead-letter queue uses (KIP-1034),
 * plus the learner's machine-readable reason code for a rejected record. A record that failed
 * unexpectedly (a bug, not bad input) gets the headers Kafka Streams 4.2+ would give it, stack
 * trace included, and no reason code: the learner writes it itself, as the Kafka version it pins
 * (4.1) has no dead-letter queue of its own.
 */
public final class DeadLetters {

    /**
     * The longest message header, in characters. With {@link #MAX_STACKTRACE_CHARS}, at most 3
     * UTF-8 bytes a character and the short headers, a dead letter's headers stay well within
     * {@code RecordLimits.HEADER_ROOM_BYTES}, the room left above any record the learner's input
     * topics accept, so that its dead letter can always be written.
     */
    static final int MAX_MESSAGE_CHARS = 4_000;
    /** The longest stack trace header, in characters. */
    static final int MAX_STACKTRACE_CHARS = 12_000;

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
    /** The stack trace of an unexpected failure, as {@link Throwable#printStackTrace()} prints it. */
    public static final String STACKTRACE = "__streams.errors.stacktrace";
    /** The learner's reason code, e.g. {@code wrong-dimension}. */
    public static final String REASON = "learner.errors.reason";
    /**
     * On a dead letter written without its value: the value's length in bytes. Only a value larger
     * than the producer's {@code max.request.size} once uncompressed, which reached an input topic
     * compressed below that topic's limit, is written so.
     */
    public static final String VALUE_BYTES = "learner.errors.value-bytes";

    /** Every header a dead letter may carry of its own. */
    static final List<String> NAMES =
            List.of(EXCEPTION, MESSAGE, TOPIC, PARTITION, OFFSET, STACKTRACE, REASON, VALUE_BYTES);

    private DeadLetters() {}

    /**
     * The dead letter for {@code input}, rejected for {@code rejection}, naming {@code source} (the
     * record's input topic, partition and offset, also when it reached the learner through a
     * repartition topic; null when unknown). The learner's own {@link Origin} headers are dropped.
     */
    public static Record<byte[], byte[]> of(
            final Record<byte[], byte[]> input, final Origin source, final RecordRejectedException rejection) {
        final Headers headers = inputHeaders(input);
        add(headers, EXCEPTION, rejection.getClass().getName());
        add(headers, MESSAGE, bounded(rejection.getMessage(), MAX_MESSAGE_CHARS));
        add(headers, REASON, rejection.reason().code());
        addSource(headers, source);
        return new Record<>(input.key(), input.value(), input.timestamp(), headers);
    }

    /**
     * The dead letter for {@code input}, whose processing failed unexpectedly with {@code failure}:
     * the exception's class, message (a header without value when it has none) and stack trace,
     * and {@code source} as in {@link #of(Record, Origin, RecordRejectedException)}.
     */
    public static Record<byte[], byte[]> ofFailure(
            final Record<byte[], byte[]> input, final Origin source, final RuntimeException failure) {
        final Headers headers = inputHeaders(input);
        add(headers, EXCEPTION, failure.getClass().getName());
        add(headers, MESSAGE, bounded(failure.getMessage(), MAX_MESSAGE_CHARS));
        add(headers, STACKTRACE, bounded(stackTrace(failure), MAX_STACKTRACE_CHARS));
        addSource(headers, source);
        return new Record<>(input.key(), input.value(), input.timestamp(), headers);
    }

    /**
     * The input's headers without the learner's own {@link Origin} headers and without any header of
     * a dead letter's names that it already carried (a dead letter sent back to an input after a
     * fix), so that each of them is on the new letter once, and says why this one was refused.
     */
    private static Headers inputHeaders(final Record<byte[], byte[]> input) {
        final Headers headers = Origin.strip(new RecordHeaders(input.headers().toArray()));
        NAMES.forEach(headers::remove);
        return headers;
    }

    private static void addSource(final Headers headers, final Origin source) {
        if (source != null) {
            add(headers, TOPIC, source.topic());
            add(headers, PARTITION, String.valueOf(source.partition()));
            add(headers, OFFSET, String.valueOf(source.offset()));
        }
    }

    private static String stackTrace(final Throwable failure) {
        final StringWriter text = new StringWriter();
        try (PrintWriter writer = new PrintWriter(text)) {
            failure.printStackTrace(writer);
        }
        return text.toString();
    }

    /**
     * {@code letter} as the producer can send it under {@code maxRequestBytes}
     * ({@code max.request.size}, which the producer checks against a record's uncompressed size):
     * unchanged when it fits, else without its value and with {@link #VALUE_BYTES}. A letter the
     * producer refused would fail the stream thread on the same record at every retry.
     */
    public static Record<byte[], byte[]> fitted(final Record<byte[], byte[]> letter, final int maxRequestBytes) {
        final int size = AbstractRecords.estimateSizeInBytesUpperBound(
                RecordBatch.CURRENT_MAGIC_VALUE,
                CompressionType.NONE,
                letter.key(),
                letter.value(),
                letter.headers().toArray());
        if (size <= maxRequestBytes || letter.value() == null) {
            return letter;
        }
        final Headers headers = new RecordHeaders(letter.headers().toArray());
        add(headers, VALUE_BYTES, String.valueOf(letter.value().length));
        return new Record<>(letter.key(), null, letter.timestamp(), headers);
    }

    /** {@code text}, cut to {@code max} characters with a closing ellipsis when longer; null stays null. */
    static String bounded(final String text, final int max) {
        if (text == null || text.length() <= max) {
            return text;
        }
        final int end = Character.isHighSurrogate(text.charAt(max - 2)) ? max - 2 : max - 1;
        return text.substring(0, end) + "…";
    }

    private static void add(final Headers headers, final String name, final String value) {
        headers.add(name, value == null ? null : value.getBytes(StandardCharsets.UTF_8));
    }
}
