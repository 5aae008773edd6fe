package io.onlinelearner.app;

import java.util.List;
import java.util.Map;

/**
 * The input topics (train, validation, predict, commands) have different partition counts. All
 * feed one task per partition, so partition p of one must meet partition p of the others: the
 * learner refuses to start rather than let the records of one model reach two tasks.
 */
public final class CoPartitioningException extends StartupRefusedException {

    private static final long serialVersionUID = 1L;

    /**
     * The refusal, naming the topics and their partition counts, e.g. "topics train (2 partitions)
     * and validation (3 partitions) must be co-partitioned: ...".
     *
     * @param partitions at least two topics, in the order to name them, with their partition counts
     */
    public CoPartitioningException(final Map<String, Integer> partitions) {
        super("topics " + list(partitions) + " must be co-partitioned: give them the same number of partitions");
    }

    private static String list(final Map<String, Integer> partitions) {
        final List<String> named = partitions.entrySet().stream()
                .map(e -> e.getKey() + " (" + partitions(e.getValue()) + ")")
                .toList();
        return String.join(", ", named.subList(0, named.size() - 1)) + " and " + named.get(named.size() - 1);
    }

    private static String partitions(final int count) {
        return count + (count == 1 ? " partition" : " partitions");
    }
}
