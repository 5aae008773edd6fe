package io.onlinelearner.bench;

import io.onlinelearner.topology.Source;
import java.util.Locale;

/**
 * Which inputs the end-to-end benchmark's records go to: record {@code i} of N is sent to the
 * input {@link #source(long)} names, so that every runner sees the same mix in the same order.
 */
public enum Workload {
    /** Every record is a training record. */
    TRAIN,
    /** Every record is a prediction request (to models that have no state: the initial parameters answer). */
    PREDICT,
    /**
     * 80% training, 10% validation and 10% prediction records, and one command (a {@code set-lr}
     * to the default rate, which changes nothing) in every {@link #COMMAND_EVERY}.
     */
    MIXED,
    /**
     * Labels that come later: per example one prediction request with its own id and, once
     * {@link #LABEL_LAG} more requests have been sent, its label; the last {@link #LABEL_LAG}
     * requests stay unlabelled. Run by {@link LabelsBenchmark} with {@code learner.labels.enabled}.
     */
    LABELS;

    /** In the mixed workload, one record in this many is a command. */
    public static final long COMMAND_EVERY = 100_000;

    /** In the labels workload, how many requests come between a request and its label. */
    public static final long LABEL_LAG = 100;

    /** The input record {@code i} goes to. */
    public Source source(final long i) {
        switch (this) {
            case PREDICT:
                return Source.PREDICT;
            case LABELS:
                return i < LABEL_LAG || (i - LABEL_LAG) % 2 == 0 ? Source.PREDICT : Source.LABELS;
            case MIXED:
                if (i % COMMAND_EVERY == COMMAND_EVERY - 1) {
                    return Source.COMMANDS;
                }
                final long slot = i % 10;
                return slot < 8 ? Source.TRAIN : slot == 8 ? Source.VALIDATION : Source.PREDICT;
            case TRAIN:
            default:
                return Source.TRAIN;
        }
    }

    /**
     * The example record {@code i} belongs to: in the labels workload the index of the request
     * that record {@code i} is or labels, else {@code i}.
     */
    public long example(final long i) {
        if (this != LABELS || i < LABEL_LAG) {
            return i;
        }
        final long j = i - LABEL_LAG;
        return j % 2 == 0 ? LABEL_LAG + j / 2 : j / 2;
    }

    /** The name used on the command line, e.g. {@code mixed}. */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
