package io.onlinelearner.config;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Field;

/** Shared assertions of the config tests. */
final class ConfigAssertions {

    private ConfigAssertions() {}

    /** The {@link LearnerSettings} constant of this name. */
    static Setting<?> setting(final String constant) {
        try {
            final Field field = LearnerSettings.class.getField(constant);
            return (Setting<?>) field.get(null);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("no setting " + constant, e);
        }
    }

    /** Asserts that {@code constant = value} stops start-up with the one-line message naming key, value and allowed. */
    static void assertRefused(final String constant, final String value, final String allowed) {
        final Setting<?> setting = setting(constant);
        assertThatThrownBy(() -> LearnerConfig.builder().set(setting, value).build())
                .isInstanceOf(ConfigException.class)
                .hasMessage("invalid configuration: " + setting.key() + " = '" + value + "': must be " + allowed);
    }
}
