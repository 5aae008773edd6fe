package io.onlinelearner.http;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Fetches from (GET) or asks (POST, for a prediction) another learner instance's HTTP API, marking the request with {@link #HOP_HEADER}
 * so the other instance answers from its own store and never forwards again.
 */
final class PeerClient {

    /** Set on requests between instances; a request carrying it is never forwarded. */
    static final String HOP_HEADER = "X-Learner-Hop";

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final HttpClient client = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(2))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    /**
     * GETs {@code path} from the instance at {@code hostPort}.
     *
     * @param path  the path, percent-encoded, e.g. {@code /models/a%3Fb} for model {@code a?b}
     *              ({@link ModelPaths#of})
     * @param query the query, percent-encoded, or null for none
     */
    Reply get(final String hostPort, final String path, final String query) throws IOException, InterruptedException {
        final HttpRequest request = HttpRequest.newBuilder(uri(hostPort, path, query))
                .timeout(TIMEOUT)
                .header(HOP_HEADER, "1")
                .GET()
                .build();
        final HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
        return new Reply(
                response.statusCode(),
                response.body(),
                response.headers().firstValue("Link").orElse(null));
    }

    /** POSTs {@code body} as JSON to {@code path} (as in {@link #get}) of the instance at {@code hostPort}. */
    Reply post(final String hostPort, final String path, final byte[] body) throws IOException, InterruptedException {
        final HttpRequest request = HttpRequest.newBuilder(uri(hostPort, path, null))
                .timeout(TIMEOUT)
                .header(HOP_HEADER, "1")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        final HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
        return new Reply(response.statusCode(), response.body(), null);
    }

    /** The URI of {@code path} and {@code query} (both percent-encoded; the query null for none) on {@code hostPort}. */
    static URI uri(final String hostPort, final String path, final String query) throws IOException {
        try {
            return new URI("http://" + hostPort + path + (query == null ? "" : "?" + query));
        } catch (URISyntaxException | RuntimeException e) {
            throw new IOException("bad peer address " + hostPort + " or path " + path, e);
        }
    }

    /**
     * Another instance's answer.
     *
     * @param status the HTTP status
     * @param body   the body's bytes
     * @param link   its {@code Link} header (a listing's next page), or null
     */
    record Reply(int status, byte[] body, String link) {}

    /** Why a request to a peer failed, in a few words: the exception's simple name and message, if any. */
    static String why(final IOException failure) {
        final String message = failure.getMessage();
        return failure.getClass().getSimpleName() + (message == null || message.isBlank() ? "" : ": " + message);
    }
}
