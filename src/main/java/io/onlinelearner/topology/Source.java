package io.onlinelearner.topology;

import io.onlinelearner.config.Topics;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** The input a record came from. */
public enum Source {
    /** The training topic: one Adam update per record. */
    TRAIN,
    /** The validation topic: scored into rounds. */
    VALIDATION,
    /** The predict topic: answered on the predictions topic; changes no state. */
    PREDICT,
    /** The commands topic: stop, resume, reset, set-lr. */
    COMMANDS,
    /** The labels topic: labels of earlier predictions (read only with {@code learner.labels.enabled=true}). */
    LABELS;

    /** The inputs the learner reads: all of them with labels, all but {@link #LABELS} without. */
    public static List<Source> read(final boolean labels) {
        return Arrays.stream(values()).filter(s -> labels || s != LABELS).toList();
    }

    /** The lowercase name used in metric tags, e.g. {@code train}. */
    public String tag() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The name of this input among {@code topics}, e.g. the configured training topic for {@link #TRAIN}. */
    public String topic(final Topics topics) {
        return switch (this) {
            case TRAIN -> topics.train();
            case VALIDATION -> topics.validation();
            case PREDICT -> topics.predict();
            case COMMANDS -> topics.commands();
            case LABELS -> topics.labels();
        };
    }
}
