package io.onlinelearner.http;

import io.onlinelearner.serde.JsonCodec;
import java.nio.charset.StandardCharsets;

/**
 * One answer of the API: its status, content type and body.
 *
 * @param status      the HTTP status
 * @param contentType the {@code Content-Type} header
 * @param body        the body's bytes (empty for none)
 */
record Response(int status, String contentType, byte[] body) {

    /** The content type of every JSON answer. */
    static final String JSON = "application/json; charset=utf-8";

    /** A JSON answer. */
    static Response json(final int status, final byte[] body) {
        return new Response(status, JSON, body);
    }

    /** A 200 JSON answer. */
    static Response json(final byte[] body) {
        return json(200, body);
    }

    /** An error: {@code {"error": message, "status": status}}. */
    static Response error(final int status, final String message) {
        return json(status, JsonCodec.error(status, message));
    }

    /** A 200 HTML page. */
    static Response html(final byte[] page) {
        return new Response(200, "text/html; charset=utf-8", page);
    }

    /** A 200 Prometheus text answer. */
    static Response prometheus(final String text) {
        return new Response(200, "text/plain; version=0.0.4; charset=utf-8", text.getBytes(StandardCharsets.UTF_8));
    }
}
