package io.onlinelearner.http;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * One answer of the API: its status, content type and body. Every answer is sent uncached; a 405
 * names the one method allowed.
 *
 * @param status      the HTTP status
 * @param contentType the {@code Content-Type} header
 * @param body        the body's bytes (empty for none)
 * @param allow       the {@code Allow} header of a 405, else null
 * @param link        the {@code Link} header (e.g. a listing's next page), else null
 */
record Response(int status, String contentType, byte[] body, String allow, String link) {

    /** The content type of every JSON answer. */
    static final String JSON = "application/json; charset=utf-8";

    /** A JSON answer. */
    static Response json(final int status, final byte[] body) {
        return new Response(status, JSON, body, null, null);
    }

    /** A 200 JSON answer. */
    static Response json(final byte[] body) {
        return json(200, body);
    }

    /** An error: {@code {"error": message, "status": status}}. */
    static Response error(final int status, final String message) {
        return json(status, HttpJson.error(status, message));
    }

    /** A 405 naming the one method {@code allowed} on the path. */
    static Response notAllowed(final String allowed, final String message) {
        return new Response(405, JSON, HttpJson.error(405, message), allowed, null);
    }

    /** A 200 HTML page. */
    static Response html(final byte[] page) {
        return new Response(200, "text/html; charset=utf-8", page, null, null);
    }

    /** A 200 Prometheus text answer. */
    static Response prometheus(final String text) {
        return new Response(
                200, "text/plain; version=0.0.4; charset=utf-8", text.getBytes(StandardCharsets.UTF_8), null, null);
    }

    /** This answer with a {@code Link} header. */
    Response withLink(final String value) {
        return new Response(status, contentType, body, allow, value);
    }

    /** Sends this answer on {@code exchange}. */
    void send(final HttpExchange exchange) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        if (allow != null) {
            exchange.getResponseHeaders().set("Allow", allow);
        }
        if (link != null) {
            exchange.getResponseHeaders().set("Link", link);
        }
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
