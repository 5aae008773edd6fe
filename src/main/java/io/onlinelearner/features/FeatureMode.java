package io.onlinelearner.features;

import java.util.Locale;

/** How {@code train}, {@code validation} and {@code predict} records carry their features. */
public enum FeatureMode {
    /** A vector {@code "x": [...]} of the model's dimension. The default. */
    DENSE,
    /** Named features {@code "features": {...}}, hashed into {@code 2^bits} buckets. */
    HASHED;

    /** The configuration spelling, e.g. {@code hashed}. */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
