package io.onlinelearner.drift;

import java.util.Locale;

/** What the learner does to a model when its drift detector fires, after the {@code DRIFT} event. */
public enum DriftAction {
    /** Nothing more than the event. */
    ALERT,
    /** A stopped model resumes as a {@code resume} from {@code best}; a training model is left as it is. */
    RESUME,
    /** The model starts over, as the {@code reset} command. */
    RESET;

    /** The name used in configuration, e.g. {@code resume}. */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The action with this configuration name.
     *
     * @throws IllegalArgumentException for any other name
     */
    public static DriftAction fromConfigName(final String name) {
        for (final DriftAction action : values()) {
            if (action.configName().equals(name)) {
                return action;
            }
        }
        throw new IllegalArgumentException("unknown drift action '" + name + "'");
    }
}
