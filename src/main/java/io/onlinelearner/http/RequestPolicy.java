package io.onlinelearner.http;

import com.sun.net.httpserver.Headers;
import java.util.Optional;

/**
 * What the read-only API refuses before routing: over-long URIs (414), request bodies (413, unread)
 * and every other method than GET (405).
 */
final class RequestPolicy {

    /** The longest request URI accepted. */
    static final int MAX_URI_LENGTH = 2048;

    private RequestPolicy() {
    }

    /** The refusal of a request, or empty when it may be routed. */
    static Optional<Response> refusal(final String method, final String uri, final Headers headers) {
        if (uri.length() > MAX_URI_LENGTH) {
            return Optional.of(Response.error(414, "the request URI is longer than " + MAX_URI_LENGTH + " characters"));
        }
        final String length = headers.getFirst("Content-Length");
        if (headers.containsKey("Transfer-Encoding") || length != null && !"0".equals(length)) {
            return Optional.of(Response.error(413, "the API takes no request body"));
        }
        if (!"GET".equals(method)) {
            return Optional.of(Response.error(405, "only GET is allowed; the API changes nothing"));
        }
        return Optional.empty();
    }
}
