package io.onlinelearner.topology;

import java.util.Locale;

/** The input a record came from. */
public enum Source {
    /** The training topic: one Adam update per record. */
    TRAIN,
    /** The validation topic: scored into rounds. */
    VALIDATION,
    /** The predict topic: answered on the predictions topic; changes no state. */
    PREDICT,
    /** The commands topic: stop, resume, reset, set-lr. */
    COMMANDS;

    /** The lowercase name used in metric tags, e.g. {@code train}. */
    public String tag() {
        return name().toLowerCase(Locale.ROOT);
    }
}
