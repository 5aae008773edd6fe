package io.onlinelearner.app;

/**
 * The learner refuses to start because of how the cluster or its topics are set up, not because of
 * a bug: the message says what is wrong and what to change, in one line, so that the command line
 * can print it as it is.
 */
public class StartupRefusedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** A refusal phrased as one line. */
    public StartupRefusedException(final String message) {
        super(message);
    }

    /** A refusal phrased as one line, with the failure that caused it. */
    public StartupRefusedException(final String message, final Throwable cause) {
        super(message, cause);
    }
}
