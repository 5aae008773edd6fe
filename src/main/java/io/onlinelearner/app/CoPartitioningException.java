package io.onlinelearner.app;

/**
 * The training and validation topics have different partition counts. Both feed one task per
 * partition, so partition p of one must meet partition p of the other: the learner refuses to
 * start rather than let the records of one model reach two tasks.
 */
public final class CoPartitioningException extends StartupRefusedException {

    private static final long serialVersionUID = 1L;

    /** The refusal, naming both topics and both partition counts. */
    public CoPartitioningException(final String train, final int trainPartitions, final String validation,
            final int validationPartitions) {
        super("topics " + train + " (" + partitions(trainPartitions) + ") and " + validation + " ("
                + partitions(validationPartitions) + ") must be co-partitioned: give them the same number of partitions");
    }

    private static String partitions(final int count) {
        return count + (count == 1 ? " partition" : " partitions");
    }
}
