package io.onlinelearner.topology;

import io.onlinelearner.learner.ModelState;
import java.util.OptionalLong;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * What the {@link LearnerProcessor} does by the task's stream time around each record, apart from
 * the record itself: before it, remembered requests older than the labels' ttl are forgotten and
 * idle models evicted ({@link IdleEvictions}), or, with eviction off, the stale idle index of an
 * earlier run emptied ({@link IdleIndexWhileOff}); after it, the record's model counts as seen.
 */
final class Housekeeping {

    private final LabelsStep labels;
    private final IdleEvictions evictions;
    private final IdleIndexWhileOff indexWhileOff;
    private ProcessorContext<?, ?> context;
    private LearnerListener listener;

    /**
     * @param labels    labels that come later; null when they are off
     * @param names     the feature texts of hashed models; null in dense mode
     * @param idleTtlMs {@code learner.models.idle-ttl-ms}; empty: models are never evicted
     */
    Housekeeping(final LabelsStep labels, final NamesStep names, final Outputs outputs, final OptionalLong idleTtlMs) {
        this.labels = labels;
        this.evictions = idleTtlMs.isPresent()
                ? new IdleEvictions(idleTtlMs.getAsLong(), labels, names, outputs, IndexCatchUp.CHUNK)
                : null;
        this.indexWhileOff = idleTtlMs.isPresent() ? null : new IdleIndexWhileOff(IndexCatchUp.CHUNK);
    }

    /** Opens the task's stores and takes its listener; called at every (re)initialisation of the task. */
    void init(final ProcessorContext<?, ?> processorContext, final LearnerListener taskListener) {
        context = processorContext;
        listener = taskListener;
        if (evictions != null) {
            evictions.init(processorContext, taskListener);
        } else {
            indexWhileOff.init(processorContext);
        }
    }

    /**
     * Before {@code record} is handled: the task's stream time with the record's timestamp included,
     * by which remembered requests older than the ttl are forgotten, then idle models evicted. With
     * neither labels nor eviction, nothing reads the stream time, and this is the record's timestamp.
     */
    long beforeRecord(final Record<byte[], byte[]> record) {
        if (indexWhileOff != null) {
            indexWhileOff.beforeRecord();
        }
        if (labels == null && evictions == null) {
            return record.timestamp();
        }
        final long streamTime = Math.max(context.currentStreamTimeMs(), record.timestamp());
        if (labels != null) {
            listener.onLabels(labels.expire(streamTime));
        }
        if (evictions != null) {
            evictions.evictIdle(streamTime);
        }
        return streamTime;
    }

    /** Keeps {@code model} from idle eviction for now: a valid record of it was handled; {@code state} is its state after. */
    void seen(final String model, final ModelState state, final long streamTime) {
        if (evictions != null) {
            evictions.seen(model, state, streamTime);
        }
    }
}
