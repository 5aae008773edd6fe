package io.onlinelearner.metrics;

import java.util.Locale;

/** What became of one input record, as counted by {@link LearnerObservations}. */
public enum RecordOutcome {
    /** A training record took an Adam step, or a validation record was scored. */
    APPLIED,
    /** The model had stopped: the record was counted and nothing else. */
    SKIPPED,
    /** The record was sent to the dead-letter topic with its reason (bad input). */
    REJECTED,
    /** The learner failed on the record (a bug, not bad input): it was sent to the dead-letter topic without a reason. */
    FAILED;

    /** The lowercase name used in metric tags, e.g. {@code applied}. */
    public String tag() {
        return name().toLowerCase(Locale.ROOT);
    }
}
