package io.onlinelearner.config;

import java.util.Arrays;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.stream.Collectors;

/**
 * Builds a {@link LearnerConfig} from the defaults and a few changed keys, named by their
 * {@link LearnerSettings} constants rather than by strings: what tests, the demo and the benchmark
 * use instead of writing properties by hand. Values go through the same parsing and validation as
 * a properties file.
 */
public final class LearnerConfigBuilder {

    private final Properties properties = new Properties();

    LearnerConfigBuilder() {}

    /**
     * Sets {@code setting} to {@code value}: a string as written in a properties file, a number, a
     * boolean, an {@code OptionalInt}/{@code OptionalDouble} (empty: unset), an array of doubles, or
     * one of the core's enums (their names match the configuration names in any case).
     */
    public LearnerConfigBuilder set(final Setting<?> setting, final Object value) {
        properties.setProperty(setting.key(), text(value));
        return this;
    }

    /** Sets a key that goes to Kafka Streams unchanged, e.g. {@code bootstrap.servers}. */
    public LearnerConfigBuilder streams(final String key, final String value) {
        if (key.startsWith(LearnerSettings.PREFIX)) {
            throw new IllegalArgumentException(key + " is a learner setting: use set(LearnerSettings..., value)");
        }
        properties.setProperty(key, value);
        return this;
    }

    /** A copy of the properties set so far, as a properties file would hold them. */
    public Properties properties() {
        final Properties copy = new Properties();
        copy.putAll(properties);
        return copy;
    }

    /**
     * The parsed configuration.
     *
     * @throws ConfigException for a bad value, as {@link LearnerConfig#parse(Properties)}
     */
    public LearnerConfig build() {
        return LearnerConfig.parse(properties());
    }

    private static String text(final Object value) {
        if (value instanceof OptionalDouble d) {
            return d.isPresent() ? Double.toString(d.getAsDouble()) : "";
        }
        if (value instanceof OptionalInt i) {
            return i.isPresent() ? Integer.toString(i.getAsInt()) : "";
        }
        if (value instanceof OptionalLong l) {
            return l.isPresent() ? Long.toString(l.getAsLong()) : "";
        }
        if (value instanceof double[] doubles) {
            return Arrays.stream(doubles).mapToObj(Double::toString).collect(Collectors.joining(","));
        }
        return String.valueOf(value);
    }
}
