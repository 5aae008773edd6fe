package io.onlinelearner.config;

import java.util.regex.Pattern;

/**
 * Decimal numbers as a user writes them ({@code 0.001}, {@code 1e-3}, {@code -2}), read the same
 * way in settings and on the command line. Java's other spellings ({@code 0x1p-3}, {@code 1e-3f},
 * {@code 1d}, {@code NaN}) are not decimals: a reader refuses them like any bad value.
 */
public final class Decimals {

    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

    private Decimals() {}

    /** The value of {@code text} when it is a decimal, else NaN. */
    public static double parse(final String text) {
        if (!DECIMAL.matcher(text).matches()) {
            return Double.NaN;
        }
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }
}
