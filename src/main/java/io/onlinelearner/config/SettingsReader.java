package io.onlinelearner.config;

import io.onlinelearner.model.Loss;
import io.onlinelearner.model.ModelSpec;
import io.onlinelearner.optim.AdamHyperparameters;
import io.onlinelearner.optim.EpsilonPlacement;
import io.onlinelearner.stopping.StoppingConfig;
import io.onlinelearner.topology.Topics;
import java.util.Arrays;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.Properties;
import java.util.function.Supplier;

/**
 * Reads typed values of {@link Setting}s from properties, falling back to their defaults, and
 * turns every bad value into a {@link ConfigException} that names the key, the value and what is
 * allowed. An unknown {@code learner.*} key is an error too: a typo must not silently fall back
 * to a default.
 */
final class SettingsReader {

    private final Properties properties;

    SettingsReader(final Properties properties) {
        this.properties = properties;
        for (final String key : properties.stringPropertyNames()) {
            if (key.startsWith(Setting.PREFIX) && Setting.forKey(key) == null) {
                throw new ConfigException("invalid configuration: unknown key " + key
                        + " (every learner.* key is listed in config/learner.properties)");
            }
        }
    }

    AdamHyperparameters adam() {
        final EpsilonPlacement placement = enumValue(Setting.ADAM_EPSILON_PLACEMENT,
                () -> EpsilonPlacement.fromConfigName(text(Setting.ADAM_EPSILON_PLACEMENT)));
        final double lr = doubleWhere(Setting.ADAM_LR, v -> v > 0, "a finite number > 0");
        final double beta1 = doubleWhere(Setting.ADAM_BETA1, v -> v >= 0 && v < 1, "a number in [0, 1)");
        final double beta2 = doubleWhere(Setting.ADAM_BETA2, v -> v >= 0 && v < 1, "a number in [0, 1)");
        final double epsilon = doubleWhere(Setting.ADAM_EPSILON, v -> v > 0, "a finite number > 0");
        final double decay = doubleWhere(Setting.ADAM_WEIGHT_DECAY, v -> v >= 0, "a finite number >= 0");
        final OptionalDouble maxNorm = optionalDouble(Setting.ADAM_MAX_GRAD_NORM, v -> v > 0,
                "a finite number > 0, or empty for no clipping");
        return new AdamHyperparameters(lr, beta1, beta2, epsilon, placement, bool(Setting.ADAM_AMSGRAD), decay,
                bool(Setting.ADAM_DECOUPLED_WEIGHT_DECAY), maxNorm);
    }

    ModelSpec model() {
        final int maxFeatures = intIn(Setting.MODEL_MAX_FEATURES, 1, 1_000_000);
        final OptionalInt features = text(Setting.MODEL_FEATURES).isEmpty() ? OptionalInt.empty()
                : OptionalInt.of(intIn(Setting.MODEL_FEATURES, 1, maxFeatures));
        final double[] weights = doubles(Setting.MODEL_INITIAL_WEIGHTS);
        if (weights.length > 0 && features.isPresent() && weights.length != features.getAsInt()) {
            throw new ConfigException(Setting.MODEL_INITIAL_WEIGHTS.key(), text(Setting.MODEL_INITIAL_WEIGHTS),
                    "empty or exactly " + features.getAsInt() + " numbers (learner.model.features)");
        }
        if (weights.length > maxFeatures) {
            throw new ConfigException(Setting.MODEL_INITIAL_WEIGHTS.key(), text(Setting.MODEL_INITIAL_WEIGHTS),
                    "at most " + maxFeatures + " numbers (learner.model.max-features)");
        }
        final Loss loss = enumValue(Setting.MODEL_LOSS, () -> Loss.fromConfigName(text(Setting.MODEL_LOSS)));
        return new ModelSpec(features, bool(Setting.MODEL_INTERCEPT), loss, weights,
                doubleWhere(Setting.MODEL_INITIAL_BIAS, v -> true, "a finite number"), maxFeatures);
    }

    StoppingConfig stopping() {
        return new StoppingConfig(intIn(Setting.STOPPING_VALIDATION_WINDOW, 1, Integer.MAX_VALUE),
                intIn(Setting.STOPPING_PATIENCE, 0, Integer.MAX_VALUE),
                doubleWhere(Setting.STOPPING_MIN_DELTA, v -> true, "a finite number"),
                optionalDouble(Setting.STOPPING_BASELINE, v -> true, "a finite number, or empty for none"),
                intIn(Setting.STOPPING_WARMUP_ROUNDS, 0, Integer.MAX_VALUE), bool(Setting.STOPPING_RESTORE_BEST));
    }

    Topics topics() {
        final Setting[] keys = {Setting.TOPIC_TRAIN, Setting.TOPIC_VALIDATION, Setting.TOPIC_MODELS,
            Setting.TOPIC_CONTROL, Setting.TOPIC_DEAD_LETTERS};
        try {
            return new Topics(text(keys[0]), text(keys[1]), text(keys[2]), text(keys[3]), text(keys[4]));
        } catch (IllegalArgumentException e) {
            for (final Setting key : keys) {
                if (e.getMessage().startsWith("'" + text(key) + "'")) {
                    throw new ConfigException(key.key(), text(key), "a legal topic name (1 to 249 of a-z A-Z 0-9 . _ -)");
                }
            }
            throw new ConfigException("invalid configuration: learner.topic.* = " + Arrays.stream(keys)
                    .map(this::text).toList() + ": the five topics must have five different names");
        }
    }

    LearnerConfig.TopicProvisioning provisioning() {
        return new LearnerConfig.TopicProvisioning(bool(Setting.TOPIC_CREATE),
                intIn(Setting.TOPIC_PARTITIONS, 1, 100_000),
                (short) intIn(Setting.TOPIC_REPLICATION_FACTOR, 1, Short.MAX_VALUE));
    }

    String text(final Setting setting) {
        return properties.getProperty(setting.key(), setting.defaultValue()).trim();
    }

    int intIn(final Setting setting, final int min, final int max) {
        final String value = text(setting);
        try {
            final int parsed = Integer.parseInt(value);
            if (parsed >= min && parsed <= max) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ConfigException(setting.key(), value, "an integer in [" + min + ", " + max + "]");
    }

    private boolean bool(final Setting setting) {
        final String value = text(setting).toLowerCase(Locale.ROOT);
        if ("true".equals(value) || "false".equals(value)) {
            return Boolean.parseBoolean(value);
        }
        throw new ConfigException(setting.key(), text(setting), "true or false");
    }

    private double doubleWhere(final Setting setting, final java.util.function.DoublePredicate ok, final String allowed) {
        final String value = text(setting);
        final double parsed = parseDouble(value);
        if (!Double.isFinite(parsed) || !ok.test(parsed)) {
            throw new ConfigException(setting.key(), value, allowed);
        }
        return parsed;
    }

    private OptionalDouble optionalDouble(final Setting setting, final java.util.function.DoublePredicate ok,
            final String allowed) {
        return text(setting).isEmpty() ? OptionalDouble.empty() : OptionalDouble.of(doubleWhere(setting, ok, allowed));
    }

    private double[] doubles(final Setting setting) {
        final String value = text(setting);
        if (value.isEmpty()) {
            return new double[0];
        }
        final double[] parsed = Arrays.stream(value.split(",")).mapToDouble(s -> parseDouble(s.trim())).toArray();
        if (Arrays.stream(parsed).anyMatch(v -> !Double.isFinite(v))) {
            throw new ConfigException(setting.key(), value, "a comma-separated list of finite numbers, or empty");
        }
        return parsed;
    }

    private <T> T enumValue(final Setting setting, final Supplier<T> parse) {
        try {
            return parse.get();
        } catch (IllegalArgumentException e) {
            throw new ConfigException(setting.key(), text(setting), e.getMessage());
        }
    }

    private static double parseDouble(final String value) {
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }
}
