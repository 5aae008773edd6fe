package io.onlinelearner.learner;

import java.util.Locale;

/** Which parameters of a {@code TRAINING} model answer a prediction ({@code learner.predict.parameters}). */
public enum PredictParameters {
    /** The current parameters. */
    LIVE,
    /** The best round's snapshot since the last start, resume or reset, once one exists; else the live ones. */
    BEST;

    private final String configName = name().toLowerCase(Locale.ROOT);

    /** The name used in configuration and on the wire, e.g. {@code live}. */
    public String configName() {
        return configName;
    }

    /**
     * The choice with this configuration name.
     *
     * @throws IllegalArgumentException for any other name
     */
    public static PredictParameters fromConfigName(final String name) {
        for (final PredictParameters p : values()) {
            if (p.configName().equals(name)) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown predict parameters '" + name + "'");
    }
}
