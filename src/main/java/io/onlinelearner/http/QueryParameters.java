package io.onlinelearner.http;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The parameters of a request's query, read alike by every route that takes one: names and values
 * percent-decoded, each name known to the route and given at most once (empty pairs, as in a
 * trailing {@code &}, are nothing); anything else is refused
 * with a one-line reason (the API answers 400).
 */
final class QueryParameters {

    private QueryParameters() {}

    /**
     * The parameters of {@code rawQuery} (still percent-encoded; null or empty for none), by name.
     *
     * @param allowed the names the route takes, in the order a refusal lists them
     * @throws IllegalArgumentException for an unknown or repeated name, or a bad percent-encoding
     */
    static Map<String, String> parse(final String rawQuery, final List<String> allowed) {
        final Map<String, String> parameters = new HashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return parameters;
        }
        for (final String pair : rawQuery.split("&", -1)) {
            if (pair.isEmpty()) {
                continue;
            }
            final int equals = pair.indexOf('=');
            final String name = decode(equals < 0 ? pair : pair.substring(0, equals));
            final String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
            if (!allowed.contains(name)) {
                throw new IllegalArgumentException(
                        "unknown query parameter '" + name + "': only " + String.join(" and ", allowed));
            }
            if (parameters.put(name, value) != null) {
                throw new IllegalArgumentException(name + " is given more than once");
            }
        }
        return parameters;
    }

    private static String decode(final String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the query is not percent-encoded correctly: " + e.getMessage(), e);
        }
    }
}
