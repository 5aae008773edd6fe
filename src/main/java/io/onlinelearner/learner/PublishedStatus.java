package io.onlinelearner.learner;

/**
 * A model's status as published in predictions and control events: {@link ModelStatus} plus
 * {@code NEW} for a model that has no state yet.
 */
public enum PublishedStatus {
    /** No state yet: the model has seen no valid record. */
    NEW,
    /** Training records are applied. */
    TRAINING,
    /** The model is frozen. */
    STOPPED;

    /** The published form of a stored model's status. */
    public static PublishedStatus of(final ModelStatus status) {
        return status == ModelStatus.STOPPED ? STOPPED : TRAINING;
    }
}
