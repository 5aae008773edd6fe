package io.onlinelearner.learner;

import java.util.Locale;

/** Why a control event happened: the {@code cause} field of every event on {@code control}. */
public enum Cause {
    /** A record on {@code commands}. */
    COMMAND,
    /** Early stopping fired at a round's end. */
    EARLY_STOPPING,
    /** The plateau schedule changed the learning rate. */
    PLATEAU,
    /** The drift detector fired (the event itself and its action's event). */
    DRIFT,
    /** The model had no record for {@code learner.models.idle-ttl-ms}: it was evicted. */
    IDLE;

    private final String wireName = name().toLowerCase(Locale.ROOT).replace('_', '-');

    /** The name on the wire, e.g. {@code early-stopping}. */
    public String wireName() {
        return wireName;
    }
}
