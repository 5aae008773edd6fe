package io.onlinelearner.http;

import com.sun.net.httpserver.Headers;
import java.util.Optional;

/**
 * What the API refuses before routing: over-long URIs (414); on {@code /models/{id}/predict}, every
 * method but POST (405) and bodies over {@link #MAX_BODY_BYTES} (413, unread); on every other path,
 * every method but GET (405), then request bodies (413, unread): a wrong method is the more useful
 * answer. Nothing over HTTP changes a model,
 * so the one POST only reads.
 */
final class RequestPolicy {

    /** The longest request URI accepted. */
    static final int MAX_URI_LENGTH = 2048;
    /** The largest prediction request body accepted: 1 MiB. */
    static final int MAX_BODY_BYTES = 1 << 20;
    /** The path prefix of one model. */
    static final String MODELS_PREFIX = "/models/";
    /** The path suffix of a model's prediction endpoint. */
    static final String PREDICT_SUFFIX = "/predict";

    private RequestPolicy() {}

    /** The refusal of a request, or empty when it may be routed. */
    static Optional<Response> refusal(final String method, final String uri, final Headers headers) {
        if (uri.length() > MAX_URI_LENGTH) {
            return Optional.of(Response.error(414, "the request URI is longer than " + MAX_URI_LENGTH + " characters"));
        }
        final String length = headers.getFirst("Content-Length");
        if (isPredict(pathOf(uri))) {
            if (!"POST".equals(method)) {
                return Optional.of(Response.notAllowed("POST", "only POST is allowed on a model's predict endpoint"));
            }
            if (length != null && tooLong(length)) {
                return Optional.of(Response.error(413, "the request body is larger than " + MAX_BODY_BYTES + " bytes"));
            }
            return Optional.empty();
        }
        if (!"GET".equals(method)) {
            return Optional.of(Response.notAllowed("GET", "only GET is allowed; the API changes nothing"));
        }
        if (headers.containsKey("Transfer-Encoding") || length != null && !"0".equals(length)) {
            return Optional.of(Response.error(413, "the API takes no request body here"));
        }
        return Optional.empty();
    }

    /** True for {@code /models/{id}/predict} with a non-empty id. */
    static boolean isPredict(final String path) {
        return path.startsWith(MODELS_PREFIX)
                && path.endsWith(PREDICT_SUFFIX)
                && path.length() > MODELS_PREFIX.length() + PREDICT_SUFFIX.length();
    }

    private static String pathOf(final String uri) {
        final int query = uri.indexOf('?');
        return query < 0 ? uri : uri.substring(0, query);
    }

    private static boolean tooLong(final String length) {
        try {
            return Long.parseLong(length.trim()) > MAX_BODY_BYTES;
        } catch (NumberFormatException e) {
            return true;
        }
    }
}
