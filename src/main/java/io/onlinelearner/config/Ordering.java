package io.onlinelearner.config;

import java.util.Locale;

/**
 * How one task orders the records of its inputs ({@code train}, {@code validation}, {@code predict},
 * {@code commands}, partition p of each) against each other ({@code learner.ordering}), applied as
 * Kafka Streams' {@code max.task.idle.ms} unless that property is set explicitly. Within one input
 * partition records are always handled in offset order; across inputs the task always picks the
 * buffered record with the smallest timestamp. The two orderings differ in what happens when an
 * input has nothing buffered.
 */
public enum Ordering {
    /**
     * {@code max.task.idle.ms=0}, Kafka Streams' default: before processing while an input has
     * nothing buffered, the task checks that input's lag; if the broker holds records for it that
     * are not fetched yet, the task waits for them (never longer than it takes to fetch them). So a
     * validation, prediction or command record is handled after every training record of the same
     * partition with a smaller timestamp that was on the broker when the task reached it, and a
     * backlog is replayed in the same order every time. Kafka Streams 4.2 and later (KAFKA-19682)
     * format a log string on every record while any input is empty, whether or not it is logged;
     * 4.1.2, the version the project pins, does not ({@code docs/performance.md} has the cost).
     */
    TIMESTAMP(0L),
    /**
     * {@code max.task.idle.ms=-1}: the task processes whatever is buffered and never waits for an
     * empty input. Across inputs the order then depends on fetch timing: a validation, prediction or
     * command record may be handled before training records with smaller timestamps that are already
     * on the broker (and a replay of the same backlog may interleave the inputs differently). Each
     * input's own order, the exactly-once guarantee and the per-model results for one input alone are
     * unchanged.
     */
    ARRIVAL(-1L);

    /** The Kafka Streams property this setting is applied as. */
    public static final String STREAMS_PROPERTY = "max.task.idle.ms";

    private final long maxTaskIdleMs;

    Ordering(final long maxTaskIdleMs) {
        this.maxTaskIdleMs = maxTaskIdleMs;
    }

    /** The value of {@link #STREAMS_PROPERTY} that gives this ordering. */
    public long maxTaskIdleMs() {
        return maxTaskIdleMs;
    }

    /** The name used in configuration, e.g. {@code timestamp}. */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
