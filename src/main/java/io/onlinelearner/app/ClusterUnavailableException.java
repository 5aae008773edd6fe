package io.onlinelearner.app;

/**
 * Kafka did not answer in time at start-up: a failure of the environment rather than of the
 * configuration, though a wrong {@code bootstrap.servers} looks the same. The message is one line.
 */
public final class ClusterUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** The failure, phrased as one line, with its cause. */
    public ClusterUnavailableException(final String message, final Throwable cause) {
        super(message, cause);
    }
}
