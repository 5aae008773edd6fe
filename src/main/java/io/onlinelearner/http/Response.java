package io.onlinelearner.http;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One answer of the API: its status, content type and body. Every answer is sent uncached; a 405
 * names the one method allowed.
 *
 * @param status      the HTTP status
 * @param contentType the {@code Content-Type} header
 * @param body        the body's bytes (empty for none)
 * @param headers     further headers by name (a 405's {@code Allow}, a listing's {@code Link}), in order
 */
record Response(int status, String contentType, byte[] body, Map<String, String> headers) {

    /** The header naming the instances that did not answer, of a list made without their part. */
    static final String UNANSWERED = "Learner-Unanswered";

    /** The content type of every JSON answer. */
    static final String JSON = "application/json; charset=utf-8";

    /** A JSON answer. */
    static Response json(final int status, final byte[] body) {
        return new Response(status, JSON, body, Map.of());
    }

    /** A 200 JSON answer. */
    static Response json(final byte[] body) {
        return json(200, body);
    }

    /** An error: {@code {"error": message, "status": status}}. */
    static Response error(final int status, final String message) {
        return json(status, HttpJson.error(status, message));
    }

    /**
     * The answer to another instance that asked this one alone for a model it does not hold
     * ({@link ModelLocator#findHere}): 404 when that is settled, else 503, since the model may be on
     * its way here (starting or rebalancing).
     */
    static Response absentHere(final ModelLocator.Lookup lookup) {
        return error(lookup.kind() == ModelLocator.Kind.NOT_FOUND ? 404 : 503, lookup.reason());
    }

    /** A 405 naming the one method {@code allowed} on the path. */
    static Response notAllowed(final String allowed, final String message) {
        return new Response(405, JSON, HttpJson.error(405, message), Map.of("Allow", allowed));
    }

    /** A 200 HTML page. */
    static Response html(final byte[] page) {
        return new Response(200, "text/html; charset=utf-8", page, Map.of());
    }

    /** A 200 Prometheus text answer. */
    static Response prometheus(final String text) {
        return new Response(
                200, "text/plain; version=0.0.4; charset=utf-8", text.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    /** This answer with a {@code Link} header. */
    Response withLink(final String value) {
        return withHeader("Link", value);
    }

    /** This answer with the header {@code name} set to {@code value}. */
    Response withHeader(final String name, final String value) {
        final Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new Response(status, contentType, body, Collections.unmodifiableMap(more));
    }

    /** Sends this answer on {@code exchange}: its headers only to a {@code HEAD} request, which has no body. */
    void send(final HttpExchange exchange) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        headers.forEach(exchange.getResponseHeaders()::set);
        final boolean head = "HEAD".equalsIgnoreCase(exchange.getRequestMethod());
        exchange.sendResponseHeaders(status, head || body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            if (!head) {
                out.write(body);
            }
        }
    }
}
