package io.onlinelearner.topology;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * The step before an input's repartition topic: stamps the record's {@link Origin} (input topic,
 * partition, offset) into its headers, so that the learner still knows which input it came from and
 * where a training record was first written, and keys a record with a null or empty key by
 * {@code default}, so that all of that model's records meet in one partition, keeping the original
 * key in a header for its dead letter. Origin headers a producer wrote itself are replaced.
 */
final class OriginStamper implements Processor<byte[], byte[], byte[], byte[]> {

    private static final byte[] DEFAULT_KEY = Names.DEFAULT_MODEL.getBytes(StandardCharsets.UTF_8);

    private ProcessorContext<byte[], byte[]> context;

    @Override
    public void init(final ProcessorContext<byte[], byte[]> processorContext) {
        this.context = processorContext;
    }

    @Override
    public void process(final Record<byte[], byte[]> record) {
        Origin.strip(record.headers());
        context.recordMetadata().map(Origin::of).ifPresent(origin -> origin.stamp(record.headers()));
        final byte[] key = record.key();
        if (key == null || key.length == 0) {
            Origin.stampKey(record.headers(), key);
            context.forward(record.withKey(DEFAULT_KEY));
        } else {
            context.forward(record);
        }
    }
}
