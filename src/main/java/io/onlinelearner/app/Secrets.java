package io.onlinelearner.app;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Hides secret configuration values before anything is logged: the value of every key that names
 * a password, a secret, a JAAS configuration (which embeds credentials), an SSL or private key, a
 * token, credentials, an API key or HTTP basic auth's user info (as in {@code basic.auth.user.info}) is replaced
 * by {@value #MASK}. Matching is on the key alone, case-insensitive, and errs on the side of hiding.
 */
public final class Secrets {

    /** What a secret value is shown as. */
    public static final String MASK = "[hidden]";

    private static final List<String> SECRET_KEY_PARTS = List.of(
            "password",
            "secret",
            "sasl.jaas.config",
            "ssl.key",
            "token",
            "credential",
            "user.info",
            "api.key",
            "apikey",
            "private.key");

    private Secrets() {}

    /** True when the value of {@code key} must never be shown. */
    public static boolean isSecret(final String key) {
        final String lower = key.toLowerCase(Locale.ROOT);
        return SECRET_KEY_PARTS.stream().anyMatch(lower::contains);
    }

    /** The properties sorted by key, with every secret value masked: safe to log. */
    public static Map<String, String> masked(final Properties properties) {
        final Map<String, String> safe = new TreeMap<>();
        for (final String key : properties.stringPropertyNames()) {
            safe.put(key, isSecret(key) ? MASK : properties.getProperty(key));
        }
        return safe;
    }
}
