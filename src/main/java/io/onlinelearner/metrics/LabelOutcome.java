package io.onlinelearner.metrics;

import java.util.Locale;

/** What became of a label or a remembered request: the {@code outcome} tag of {@code learner_labels_total}. */
public enum LabelOutcome {
    /** A label joined its remembered request. */
    JOINED,
    /** A label joined nothing: a dead letter with reason {@code unknown-prediction}. */
    UNKNOWN,
    /** A remembered request was forgotten without a label (ttl, max-pending, eviction). */
    EXPIRED;

    /** The tag, e.g. {@code joined}. */
    public String tag() {
        return name().toLowerCase(Locale.ROOT);
    }
}
