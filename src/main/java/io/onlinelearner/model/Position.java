package io.onlinelearner.model;

/**
 * Where a training record sits in its input topic: the lineage of the parameters it was applied
 * to, so that a model can be rebuilt by replaying that partition up to that offset.
 *
 * @param partition the partition of the {@code train} topic, 0 or more
 * @param offset    the record's offset in it, 0 or more
 */
public record Position(int partition, long offset) {

    /** Checks the values. */
    public Position {
        if (partition < 0 || offset < 0) {
            throw new IllegalArgumentException("position " + partition + "@" + offset + ": both must be >= 0");
        }
    }
}
