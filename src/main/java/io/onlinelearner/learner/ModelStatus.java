package io.onlinelearner.learner;

/** Whether a model still learns. */
public enum ModelStatus {
    /** Training records are applied and validation records are scored into rounds. */
    TRAINING,
    /** Early stopping fired: the model is frozen and ignores further records. */
    STOPPED
}
