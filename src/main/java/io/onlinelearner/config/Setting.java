package io.onlinelearner.config;

import java.util.Properties;
import java.util.function.Function;

/**
 * One {@code learner.*} key, declared once in {@link LearnerSettings}: its name, its default as
 * written in a properties file, a one-line meaning, and how a value is parsed into its type. A
 * value that does not parse stops start-up with a {@link ConfigException} naming the key, the
 * value and what is allowed, so every key reports bad values in the same words.
 *
 * @param <T> the type of the parsed value
 */
public final class Setting<T> {

    private final String key;
    private final String defaultValue;
    private final String meaning;
    private final Parser<T> parser;

    Setting(final String key, final String defaultValue, final String meaning, final Parser<T> parser) {
        this.key = key;
        this.defaultValue = defaultValue;
        this.meaning = meaning;
        this.parser = parser;
    }

    /** The property key, e.g. {@code learner.adam.lr}. */
    public String key() {
        return key;
    }

    /** The default, as written in a properties file; empty for "unset". */
    public String defaultValue() {
        return defaultValue;
    }

    /** A one-line meaning, with what is allowed. */
    public String meaning() {
        return meaning;
    }

    /** What a value must be, phrased to follow "must be", e.g. {@code a finite number > 0}. */
    public String allowed() {
        return parser.allowed();
    }

    /**
     * The typed value of {@code text}, trimmed.
     *
     * @throws ConfigException naming the key, the value and what is allowed, when it does not parse
     */
    public T parse(final String text) {
        final String value = text.trim();
        final T parsed = parser.read().apply(value);
        if (parsed == null) {
            throw new ConfigException(key, value, parser.allowed());
        }
        return parsed;
    }

    /** The typed value in {@code properties}, or the default when the key is absent. */
    public T read(final Properties properties) {
        return parse(text(properties));
    }

    /** The text in {@code properties}, or the default when the key is absent, trimmed: what {@link #read} parses. */
    public String text(final Properties properties) {
        return properties.getProperty(key, defaultValue).trim();
    }

    /** The typed default. */
    public T defaultTyped() {
        return parse(defaultValue);
    }

    @Override
    public String toString() {
        return key;
    }

    /**
     * How a value is read: {@code read} returns the typed value, or null when the text is not
     * allowed; {@code allowed} says what is.
     *
     * @param read    text (trimmed) to value, null for a bad value
     * @param allowed what a value must be, phrased to follow "must be"
     * @param <T>     the value's type
     */
    record Parser<T>(Function<String, T> read, String allowed) {}
}
