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
    MIXED;

    /** In the mixed workload, one record in this many is a command. */
    public static final long COMMAND_EVERY = 100_000;

    /** The input record {@code i} goes to. */
    public Source source(final long i) {
        switch (this) {
            case PREDICT:
                return Source.PREDICT;
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

    /** The name used on the command line, e.g. {@code mixed}. */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
