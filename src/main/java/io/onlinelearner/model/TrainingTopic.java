package io.onlinelearner.model;

/**
 * The inputs whose records train a model: the {@code topic} of a {@link Position}. Adding an input
 * that trains (e.g. examples made from labels) is one value here; the state serde stores a value
 * by its {@link #ordinal()}, so values are only ever appended, and the outputs name it by the topic
 * it is read from.
 */
public enum TrainingTopic {
    /** The {@code train} topic. */
    TRAIN,
    /** The {@code labels} topic: an example made from a label joined to its prediction. */
    LABELS;

    private static final TrainingTopic[] VALUES = values();

    /**
     * The value stored as {@code code} (its ordinal).
     *
     * @throws IllegalArgumentException for a code no value has
     */
    public static TrainingTopic ofCode(final int code) {
        if (code < 0 || code >= VALUES.length) {
            throw new IllegalArgumentException("unknown training topic code " + code);
        }
        return VALUES[code];
    }
}
