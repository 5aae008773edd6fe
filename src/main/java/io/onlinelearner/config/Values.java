package io.onlinelearner.config;

import io.onlinelearner.config.Setting.Parser;
import io.onlinelearner.features.Interaction;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.function.DoublePredicate;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The value types of {@code learner.*} keys: each parser reads trimmed text into a typed value, or
 * null for a bad value, and says what is allowed in the words the start-up error uses.
 */
final class Values {

    private static final Pattern INTEGER = Pattern.compile("[+-]?\\d+");

    private static final Pattern TOPIC = Pattern.compile("[a-zA-Z0-9._-]{1,249}");
    private static final Pattern HOST = Pattern.compile("[a-zA-Z0-9._-]{1,253}|\\[[0-9a-fA-F:.]+(%[a-zA-Z0-9._-]+)?]");

    private Values() {}

    /**
     * A host name, an IPv4 address or an IPv6 address in brackets: what a socket binds to, and
     * written before {@code :port} in the address other instances connect to, so an IPv6 address
     * needs its brackets.
     */
    static Parser<String> host() {
        return new Parser<>(
                v -> HOST.matcher(v).matches() ? v : null,
                "a host name, an IPv4 address or an IPv6 address in brackets (e.g. [::1])");
    }

    /** A legal Kafka topic name. */
    static Parser<String> topicName() {
        return new Parser<>(
                v -> TOPIC.matcher(v).matches() && !".".equals(v) && !"..".equals(v) ? v : null,
                "a legal topic name (1 to 249 of a-z A-Z 0-9 . _ -)");
    }

    /** {@code true} or {@code false}, in any case. */
    static Parser<Boolean> bool() {
        return new Parser<>(
                v -> {
                    final String lower = v.toLowerCase(Locale.ROOT);
                    return "true".equals(lower) || "false".equals(lower) ? Boolean.valueOf(lower) : null;
                },
                "true or false");
    }

    /** An integer in {@code [min, max]}. */
    static Parser<Integer> intIn(final int min, final int max) {
        return new Parser<>(
                v -> {
                    final Integer parsed = parseInt(v);
                    return parsed != null && parsed >= min && parsed <= max ? parsed : null;
                },
                "an integer in [" + min + ", " + max + "]");
    }

    /** A whole number in {@code [min, max]} (64 bits). */
    static Parser<Long> longIn(final long min, final long max) {
        return new Parser<>(
                v -> {
                    final Long parsed = parseLong(v);
                    return parsed != null && parsed >= min && parsed <= max ? parsed : null;
                },
                "an integer in [" + min + ", " + max + "]");
    }

    /** A whole number in {@code [min, max]} (64 bits), or empty for none. */
    static Parser<OptionalLong> optionalLongIn(final long min, final long max) {
        final Parser<Long> present = longIn(min, max);
        return new Parser<>(
                v -> {
                    if (v.isEmpty()) {
                        return OptionalLong.empty();
                    }
                    final Long parsed = present.read().apply(v);
                    return parsed == null ? null : OptionalLong.of(parsed);
                },
                present.allowed() + ", or empty");
    }

    /** An integer in {@code [min, max]}, or empty for none. */
    static Parser<OptionalInt> optionalIntIn(final int min, final int max) {
        final Parser<Integer> present = intIn(min, max);
        return new Parser<>(
                v -> {
                    if (v.isEmpty()) {
                        return OptionalInt.empty();
                    }
                    final Integer parsed = present.read().apply(v);
                    return parsed == null ? null : OptionalInt.of(parsed);
                },
                present.allowed() + ", or empty");
    }

    /** An unsigned 32-bit number, 0 to 4294967295, as the {@code int} of the same bits. */
    static Parser<Integer> unsigned32() {
        return new Parser<>(
                v -> {
                    final Long parsed = parseLong(v);
                    return parsed != null && parsed >= 0 && parsed <= 0xFFFF_FFFFL ? (int) (long) parsed : null;
                },
                "an integer in [0, 4294967295]");
    }

    /** Comma-separated namespace pairs {@code a:b}; empty for none. */
    static Parser<List<Interaction>> interactions() {
        return new Parser<>(
                Interaction::parseAll,
                "comma-separated pairs of namespace names a:b (an empty name is the top level), each pair once"
                        + " (a:b and b:a are one pair), or empty");
    }

    /** A finite number for which {@code ok} holds. */
    static Parser<Double> doubleWhere(final DoublePredicate ok, final String allowed) {
        return new Parser<>(
                v -> {
                    final double parsed = Decimals.parse(v);
                    return Double.isFinite(parsed) && ok.test(parsed) ? parsed : null;
                },
                allowed);
    }

    /** A finite number for which {@code ok} holds, or empty for none. */
    static Parser<OptionalDouble> optionalDouble(final DoublePredicate ok, final String allowed) {
        final Parser<Double> present = doubleWhere(ok, allowed);
        return new Parser<>(
                v -> {
                    if (v.isEmpty()) {
                        return OptionalDouble.empty();
                    }
                    final Double parsed = present.read().apply(v);
                    return parsed == null ? null : OptionalDouble.of(parsed);
                },
                allowed);
    }

    /** A comma-separated list of finite numbers; empty for none. */
    static Parser<double[]> doubles() {
        return new Parser<>(
                v -> {
                    if (v.isEmpty()) {
                        return new double[0];
                    }
                    final double[] parsed = Arrays.stream(v.split(",", -1))
                            .mapToDouble(s -> Decimals.parse(s.trim()))
                            .toArray();
                    return Arrays.stream(parsed).allMatch(Double::isFinite) ? parsed : null;
                },
                "a comma-separated list of finite numbers, or empty");
    }

    /** One of {@code choices}, by its configuration name, in any case. */
    static <E> Parser<E> oneOf(final List<E> choices, final Function<E, String> name) {
        return new Parser<>(
                v -> choices.stream()
                        .filter(c -> name.apply(c).equals(v.toLowerCase(Locale.ROOT)))
                        .findFirst()
                        .orElse(null),
                "one of " + choices.stream().map(name).collect(Collectors.joining(", ")));
    }

    /** An integer in ASCII digits; {@link Integer#valueOf} would take other scripts' digits too. */
    private static Integer parseInt(final String value) {
        if (!INTEGER.matcher(value).matches()) {
            return null;
        }
        try {
            return Integer.valueOf(value);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Long parseLong(final String value) {
        if (!INTEGER.matcher(value).matches()) {
            return null;
        }
        try {
            return Long.valueOf(value);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
