package io.onlinelearner.eos;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One test's learner topics on the shared broker: {@code PREFIX-train}, {@code PREFIX-validation},
 * … and the {@code learner.topic.*} settings that name them.
 *
 * @param prefix what every name starts with, unique in the test run
 */
record TopicNames(String prefix) {

    private static final List<String> ROLES = List.of("train", "validation", "models", "control", "dead-letters");

    String train() {
        return prefix + "-train";
    }

    String validation() {
        return prefix + "-validation";
    }

    String models() {
        return prefix + "-models";
    }

    String control() {
        return prefix + "-control";
    }

    String deadLetters() {
        return prefix + "-dead-letters";
    }

    /** The {@code learner.topic.*} settings. */
    Map<String, String> settings() {
        final Map<String, String> settings = new LinkedHashMap<>();
        ROLES.forEach(role -> settings.put("learner.topic." + role, prefix + "-" + role));
        return settings;
    }
}
