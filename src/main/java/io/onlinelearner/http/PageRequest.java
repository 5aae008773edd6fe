package io.onlinelearner.http;

import io.onlinelearner.store.KeyOrder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The query of {@code GET /models}: {@code limit} (1 to {@link #MAX_LIMIT}, default
 * {@link #DEFAULT_LIMIT}) models whose id follows {@code after} (absent: from the first), in
 * {@link KeyOrder#UTF8}. A page that is followed by more names the next one in a {@code Link}
 * header ({@link #next}); a bad query is refused with 400.
 *
 * @param limit the most models to list
 * @param after the id the page starts after, or null for the first page
 */
record PageRequest(int limit, String after) {

    /** The models listed when no {@code limit} is given. */
    static final int DEFAULT_LIMIT = 100;
    /** The most models one page may list. */
    static final int MAX_LIMIT = 1000;
    /** The longest {@code after} accepted, in characters. */
    static final int MAX_AFTER_LENGTH = 4096;

    private static final String LIMIT = "limit";
    private static final String AFTER = "after";

    /**
     * The request of a raw (still percent-encoded) query string, null for none.
     *
     * @throws IllegalArgumentException with a one-line reason, for a bad query
     */
    static PageRequest parse(final String rawQuery) {
        final Map<String, String> parameters = QueryParameters.parse(rawQuery, List.of(LIMIT, AFTER));
        final String limitText = parameters.get(LIMIT);
        final int limit = limitText == null ? DEFAULT_LIMIT : limit(limitText);
        final String after = parameters.get(AFTER);
        if (after != null && (after.isEmpty() || after.length() > MAX_AFTER_LENGTH)) {
            throw new IllegalArgumentException(
                    "after must be a model id of 1 to " + MAX_AFTER_LENGTH + " characters, or absent");
        }
        return new PageRequest(limit, after);
    }

    /** The query asking a peer for the same page. */
    String query() {
        return after == null ? LIMIT + "=" + limit : LIMIT + "=" + limit + "&" + AFTER + "=" + encode(after);
    }

    /** The {@code Link} header naming the page after the one that ended with {@code lastId}. */
    String next(final String path, final String lastId) {
        return "<" + path + "?" + new PageRequest(limit, lastId).query() + ">; rel=\"next\"";
    }

    private static int limit(final String text) {
        try {
            final int limit = Integer.parseInt(text);
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new IllegalArgumentException("limit must be an integer in [1, " + MAX_LIMIT + "], not '" + text + "'");
    }

    private static String encode(final String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
