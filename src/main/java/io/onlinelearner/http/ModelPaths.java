package io.onlinelearner.http;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * A model's paths, {@code /models/{id}} and those under it, in their raw (percent-encoded) form:
 * the API routes on the raw path, so that an id holding {@code /} (sent as {@code %2F}, e.g.
 * {@code a/predict}) is one segment, never part of the route; {@link #segment} writes an id so,
 * and {@link #id} reads it back.
 */
final class ModelPaths {

    private ModelPaths() {}

    /**
     * The model id of {@code rawPath}, {@code /models/{id}} followed by {@code suffix} (empty for
     * none), percent-decoded as a path is ({@code +} stays a plus).
     */
    static String id(final String rawPath, final String suffix) {
        final String raw = rawPath.substring(RequestPolicy.MODELS_PREFIX.length(), rawPath.length() - suffix.length());
        return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    /** The path of model {@code id} followed by {@code suffix} (empty for none), the id percent-encoded whole. */
    static String of(final String id, final String suffix) {
        return RequestPolicy.MODELS_PREFIX + segment(id) + suffix;
    }

    /**
     * {@code text} percent-encoded as one path segment: {@link URLEncoder}'s form encoding (every
     * UTF-8 byte but letters, digits and {@code .-*_}), with a space as {@code %20} instead of {@code +}.
     */
    private static String segment(final String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
