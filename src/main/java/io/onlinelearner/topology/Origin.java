package io.onlinelearner.topology;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * Where an input record was first written: its input topic, partition and offset. Read from the
 * record's metadata when the learner reads the input topic itself; carried in {@link #TOPIC},
 * {@link #PARTITION} and {@link #OFFSET} headers when {@link InputRouting} re-keys the inputs through
 * its repartition topic, because there the metadata names the repartition topic. It tells the processor
 * which input a record came from, names the source of a dead letter, and is the lineage of a
 * training record ({@code trainedThrough}). A record whose null or empty key the repartition replaced
 * by {@code default} also carries its original key in a {@link #KEY} header, so that its dead letter
 * keeps the key it was written with.
 *
 * @param topic     the input topic
 * @param partition its partition
 * @param offset    the record's offset in it
 */
public record Origin(String topic, int partition, long offset) {

    /** The header carrying the input topic, in UTF-8. */
    public static final String TOPIC = "learner.origin.topic";
    /** The header carrying the input partition, in decimal. */
    public static final String PARTITION = "learner.origin.partition";
    /** The header carrying the input offset, in decimal. */
    public static final String OFFSET = "learner.origin.offset";
    /**
     * The header carrying a re-keyed record's original key, present only when that key was replaced:
     * a null value for a null key, an empty one for an empty key.
     */
    public static final String KEY = "learner.origin.key";

    /** Where the record being processed came from: its origin headers when present, else its metadata (null if none). */
    public static Origin of(final Headers headers, final RecordMetadata metadata) {
        final Header topic = headers.lastHeader(TOPIC);
        if (topic != null) {
            final Header partition = headers.lastHeader(PARTITION);
            final Header offset = headers.lastHeader(OFFSET);
            if (partition != null && offset != null) {
                try {
                    return new Origin(text(topic), Integer.parseInt(text(partition)), Long.parseLong(text(offset)));
                } catch (NumberFormatException e) {
                    // a producer wrote malformed origin headers: fall back to the metadata
                }
            }
        }
        return metadata == null ? null : of(metadata);
    }

    /** The origin given by {@code metadata}. */
    public static Origin of(final RecordMetadata metadata) {
        return new Origin(metadata.topic(), metadata.partition(), metadata.offset());
    }

    /** Replaces any origin headers in {@code headers} by this origin's. */
    public void stamp(final Headers headers) {
        strip(headers);
        headers.add(TOPIC, topic.getBytes(StandardCharsets.UTF_8));
        headers.add(PARTITION, Integer.toString(partition).getBytes(StandardCharsets.UTF_8));
        headers.add(OFFSET, Long.toString(offset).getBytes(StandardCharsets.UTF_8));
    }

    /** Removes the origin headers from {@code headers}, e.g. before a dead letter is written. */
    public static Headers strip(final Headers headers) {
        headers.remove(TOPIC);
        headers.remove(PARTITION);
        headers.remove(OFFSET);
        headers.remove(KEY);
        return headers;
    }

    /** Records in {@code headers} that the record's key {@code original} (null or empty) is being replaced. */
    public static void stampKey(final Headers headers, final byte[] original) {
        headers.add(KEY, original);
    }

    /**
     * The key a re-keyed record had on its input topic: its {@link #KEY} header's value when present
     * (null for a null key), else {@code key}, which was never replaced.
     */
    public static byte[] inputKey(final Headers headers, final byte[] key) {
        final Header original = headers.lastHeader(KEY);
        return original == null ? key : original.value();
    }

    private static String text(final Header header) {
        return header.value() == null ? "" : new String(header.value(), StandardCharsets.UTF_8);
    }
}
