package io.onlinelearner.eos;

import java.util.Map;

/**
 * One test's learner topics on the shared broker: {@code PREFIX-train}, {@code PREFIX-validation},
 * … and the {@code learner.topic.*} settings that name them.
 *
 * @param prefix what every name starts with, unique in the test run
 */
record TopicNames(String prefix) {

    String train() {
        return prefix + "-train";
    }

    String validation() {
        return prefix + "-validation";
    }

    String predict() {
        return prefix + "-predict";
    }

    String commands() {
        return prefix + "-commands";
    }

    String predictions() {
        return prefix + "-predictions";
    }

    /** The topic of one input. */
    String input(final io.onlinelearner.topology.Source source) {
        return source.topic(io.onlinelearner.config.TestTopics.prefixed(prefix));
    }

    String models() {
        return prefix + "-models";
    }

    String control() {
        return prefix + "-control";
    }

    String outcomes() {
        return prefix + "-outcomes";
    }

    String deadLetters() {
        return prefix + "-dead-letters";
    }

    /** Every topic name (labels and outcomes included), inputs first. */
    java.util.List<String> all() {
        return io.onlinelearner.config.TestTopics.prefixed(prefix).all(true);
    }

    /** The {@code learner.topic.*} settings. */
    Map<String, String> settings() {
        return io.onlinelearner.config.TestTopics.settings(prefix);
    }
}
