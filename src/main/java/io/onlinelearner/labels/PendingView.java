package io.onlinelearner.labels;

import java.util.List;

/**
 * What the join reads of a task's remembered requests: the port between the pure
 * {@link LabelJoiner} and wherever they are stored (a Kafka Streams store in the processor, a map
 * in tests). Reads only; the joiner returns its writes as {@link Changes}.
 */
public interface PendingView {

    /** The request {@code model} remembers under {@code idJson}, or null. */
    Remembered get(String model, String idJson);

    /** The {@code n} oldest requests {@code model} remembers, oldest first (fewer when it has fewer). */
    List<Remembered> oldest(String model, int n);

    /** Every request {@code model} remembers, oldest first. */
    List<Remembered> all(String model);

    /** Every remembered request of the task with a timestamp before {@code bound}, oldest first. */
    List<Entry> olderThan(long bound);

    /** {@code model}'s bookkeeping, or null when it has none. */
    ModelLabels labels(String model);

    /**
     * A remembered request with its model.
     *
     * @param model   the model id
     * @param request the request
     */
    record Entry(String model, Remembered request) {}
}
