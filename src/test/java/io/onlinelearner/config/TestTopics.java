package io.onlinelearner.config;

import io.onlinelearner.serde.LineageNames;
import java.util.LinkedHashMap;
import java.util.Map;

/** One test's own topic names, {@code PREFIX-train} and so on, and the settings that name them. */
public final class TestTopics {

    /** What a lineage calls the default topics: {@code train} and {@code labels}. */
    public static final LineageNames DEFAULT_LINEAGE =
            LearnerConfig.defaults().topics().lineage();

    private TestTopics() {}

    /** Every default topic name with {@code prefix + "-"} in front. */
    public static Topics prefixed(final String prefix) {
        final Map<String, String> names = settings(prefix);
        return LearnerConfig.parse(properties(names)).topics();
    }

    /** The {@code learner.topic.*} settings of {@link #prefixed}. */
    public static Map<String, String> settings(final String prefix) {
        final Map<String, String> settings = new LinkedHashMap<>();
        for (final Setting<String> topic : LearnerSettings.TOPICS) {
            settings.put(topic.key(), prefix + "-" + topic.defaultValue());
        }
        return settings;
    }

    private static java.util.Properties properties(final Map<String, String> settings) {
        final java.util.Properties p = new java.util.Properties();
        p.putAll(settings);
        return p;
    }
}
