package io.onlinelearner.model;

/**
 * Thrown by the parser and the learner for a record that must go to the dead-letter topic. It
 * carries the reason class and a human-readable message; no stack trace is captured, since a bad
 * record is an expected event, not a bug.
 */
public final class RecordRejectedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final RejectionReason reason;

    /** A rejection for the given reason with a message saying what exactly was wrong. */
    public RecordRejectedException(final RejectionReason reason, final String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    /** The class of bad input. */
    public RejectionReason reason() {
        return reason;
    }
}
