package io.onlinelearner.optim;

import java.util.Locale;

/**
 * Where Adam's ε enters the update. The three forms in use differ only in this term, and each
 * framework picked one; the learner offers all three so that a trajectory from any of them can be
 * reproduced exactly.
 */
public enum EpsilonPlacement {
    /** {@code θ ← θ − lr · m̂ / (√v̂ + ε)}: Kingma and Ba, PyTorch. The default. */
    OUTSIDE,
    /** {@code θ ← θ − lr · m̂ / √(v̂ + ε)}: the seed's second form. */
    INSIDE,
    /** {@code θ ← θ − lr · √(1−β2ᵗ)/(1−β1ᵗ) · m / (√v + ε)}: TensorFlow, River, Tribuo. */
    HAT;

    /** The configuration spelling, e.g. {@code outside}. */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses a configuration spelling.
     *
     * @throws IllegalArgumentException when the name is none of {@code outside, inside, hat}
     */
    public static EpsilonPlacement fromConfigName(final String name) {
        for (final EpsilonPlacement placement : values()) {
            if (placement.configName().equals(name.trim().toLowerCase(Locale.ROOT))) {
                return placement;
            }
        }
        throw new IllegalArgumentException("one of outside, inside, hat");
    }
}
