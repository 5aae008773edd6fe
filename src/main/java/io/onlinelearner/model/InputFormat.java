package io.onlinelearner.model;

import java.util.Locale;

/** How {@code train}, {@code validation} and {@code predict} values are encoded ({@code learner.input.format}). */
public enum InputFormat {
    /** JSON objects, as the contract's "Records in" shows. */
    JSON,
    /** Avro single-object encoding of the contract's {@code Example} and {@code PredictRequest} schemas. */
    AVRO;

    /** The name used in configuration, e.g. {@code json}. */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The format with this configuration name.
     *
     * @throws IllegalArgumentException for any other name
     */
    public static InputFormat fromConfigName(final String name) {
        for (final InputFormat f : values()) {
            if (f.configName().equals(name)) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown input format '" + name + "'");
    }
}
