package io.onlinelearner.config;

/**
 * A configuration value that stops start-up. The message names the key, the value and what is
 * allowed, in one line, so that the command line can print it as it is.
 */
public final class ConfigException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** A bad value: "{@code key = value: must be allowed}". */
    public ConfigException(final String key, final String value, final String allowed) {
        super("invalid configuration: " + key + " = '" + value + "': must be " + allowed);
    }

    /** Any other configuration problem, already phrased as one line. */
    public ConfigException(final String message) {
        super(message);
    }
}
