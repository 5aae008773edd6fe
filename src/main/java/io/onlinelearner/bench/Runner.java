package io.onlinelearner.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** What an end-to-end measurement runs over the same records. */
public enum Runner {
    /** A plain KafkaConsumer that reads and parses every record: the raw limit. */
    RAW,
    /** A trivial stateful Kafka Streams app, a count per key in the same kind of store: the framework baseline. */
    BASELINE,
    /** The learner's topology. */
    LEARNER;

    /**
     * The order the runners run in, repetition {@code repetition} (from 0): the declared order
     * rotated left by {@code repetition}, so that over {@code values().length} repetitions every
     * runner runs once in every position (first on a cold broker, right after another one's
     * garbage, …) and no runner is favoured by its place.
     */
    public static List<Runner> order(final int repetition) {
        final List<Runner> order = new ArrayList<>(List.of(values()));
        Collections.rotate(order, -Math.floorMod(repetition, order.size()));
        return List.copyOf(order);
    }
}
