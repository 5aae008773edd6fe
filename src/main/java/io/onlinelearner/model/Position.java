package io.onlinelearner.model;

import java.util.Objects;

/**
 * Where a training record sits in its input: the lineage of the parameters it was applied to
 * ({@code trainedThrough}), so that a model can be rebuilt by replaying that input's partition up
 * to that offset.
 *
 * @param topic     the input the record came from
 * @param partition its partition, 0 or more
 * @param offset    the record's offset in it, 0 or more
 */
public record Position(TrainingTopic topic, int partition, long offset) {

    /** Checks the values. */
    public Position {
        Objects.requireNonNull(topic, "topic");
        if (partition < 0 || offset < 0) {
            throw new IllegalArgumentException("position " + partition + "@" + offset + ": both must be >= 0");
        }
    }

    /** A record of the {@code train} topic. */
    public static Position train(final int partition, final long offset) {
        return new Position(TrainingTopic.TRAIN, partition, offset);
    }

    /** A record of the {@code labels} topic: the label an example was made from. */
    public static Position labels(final int partition, final long offset) {
        return new Position(TrainingTopic.LABELS, partition, offset);
    }
}
