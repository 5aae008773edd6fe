package io.onlinelearner.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.onlinelearner.learner.ModelState;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.kafka.streams.KafkaStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes the API's few GET paths and writes every answer, errors included, with its status and
 * content type. Requests with a body or an over-long URI are refused unread; every other method
 * than GET gets 405. A model or list request arriving from another instance (with
 * {@link PeerClient#HOP_HEADER}) is answered from this instance alone.
 */
final class ApiHandler implements HttpHandler {

    /** The longest request URI accepted. */
    static final int MAX_URI_LENGTH = 2048;

    private static final Logger LOG = LoggerFactory.getLogger(ApiHandler.class);
    private static final String JSON = "application/json; charset=utf-8";
    private static final String MODELS_PREFIX = "/models/";

    private final LearnerHttpServer.Api api;
    private final PeerClient peers;
    private final byte[] page;
    private volatile boolean wasRunning;

    ApiHandler(final LearnerHttpServer.Api api, final PeerClient peers) {
        this.api = api;
        this.peers = peers;
        this.page = resource("live.html");
    }

    @Override
    public void handle(final HttpExchange exchange) throws IOException {
        try (exchange) {
            final Response response = refusal(exchange).orElseGet(() -> route(exchange));
            exchange.getResponseHeaders().set("Content-Type", response.contentType());
            exchange.getResponseHeaders().set("Cache-Control", "no-store");
            if (response.status() == 405) {
                exchange.getResponseHeaders().set("Allow", "GET");
            }
            exchange.sendResponseHeaders(response.status(), response.body().length == 0 ? -1 : response.body().length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(response.body());
            }
        }
    }

    private Optional<Response> refusal(final HttpExchange exchange) {
        if (exchange.getRequestURI().toString().length() > MAX_URI_LENGTH) {
            return Optional.of(error(414, "the request URI is longer than " + MAX_URI_LENGTH + " characters"));
        }
        final String length = exchange.getRequestHeaders().getFirst("Content-Length");
        if (exchange.getRequestHeaders().containsKey("Transfer-Encoding") || length != null && !"0".equals(length)) {
            return Optional.of(error(413, "the API takes no request body"));
        }
        if (!"GET".equals(exchange.getRequestMethod())) {
            return Optional.of(error(405, "only GET is allowed; the API changes nothing"));
        }
        return Optional.empty();
    }

    private Response route(final HttpExchange exchange) {
        final String path = exchange.getRequestURI().getPath();
        final boolean hop = exchange.getRequestHeaders().containsKey(PeerClient.HOP_HEADER);
        try {
            if ("/".equals(path)) {
                return new Response(200, "text/html; charset=utf-8", page);
            } else if ("/health".equals(path)) {
                return health();
            } else if ("/metrics".equals(path)) {
                return new Response(200, "text/plain; version=0.0.4; charset=utf-8",
                        api.metrics().get().getBytes(StandardCharsets.UTF_8));
            } else if ("/models".equals(path)) {
                return list("/models", () -> ApiJson.snapshots(api.models().local()), hop);
            } else if ("/api/history".equals(path)) {
                return list("/api/history", () -> ApiJson.histories(api.histories().get()), hop);
            } else if (path.startsWith(MODELS_PREFIX) && path.length() > MODELS_PREFIX.length()) {
                return model(path.substring(MODELS_PREFIX.length()), hop);
            }
            return error(404, "no such path: " + path);
        } catch (ModelDirectory.NotReadyException e) {
            return error(503, e.getMessage());
        } catch (RuntimeException e) {
            LOG.warn("HTTP {} failed", path, e);
            return error(500, "internal error: " + e);
        }
    }

    private Response health() {
        final KafkaStreams.State state = api.state().get();
        wasRunning |= state == KafkaStreams.State.RUNNING;
        final boolean up = state == KafkaStreams.State.RUNNING
                || state == KafkaStreams.State.REBALANCING && wasRunning;
        return new Response(up ? 200 : 503, JSON, ApiJson.health(up, String.valueOf(state)));
    }

    private Response model(final String id, final boolean hop) {
        final ModelDirectory.Location location = hop ? ModelDirectory.Location.LOCAL : api.models().locate(id);
        if (location.kind() == ModelDirectory.Location.Kind.REMOTE) {
            return forward(location.hostPort(), MODELS_PREFIX + id);
        }
        final Optional<ModelState> state = api.models().find(id);
        if (state.isPresent()) {
            return new Response(200, JSON, ApiJson.snapshot(id, state.get()));
        }
        if (location.kind() == ModelDirectory.Location.Kind.UNAVAILABLE) {
            return error(503, "the owner of model '" + id + "' is not known now (starting or rebalancing)");
        }
        return error(404, "no model '" + id + "'");
    }

    private Response forward(final String hostPort, final String path) {
        try {
            final PeerClient.Reply reply = peers.get(hostPort, path);
            return new Response(reply.status(), JSON, reply.body());
        } catch (IOException e) {
            return error(502, "the instance at " + hostPort + " did not answer: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return error(503, "interrupted");
        }
    }

    private Response list(final String path, final Supplier<ArrayNode> local, final boolean hop) {
        final List<ArrayNode> parts = new ArrayList<>();
        parts.add(local.get());
        if (!hop) {
            for (final String peer : api.models().peers()) {
                fetchArray(peer, path).ifPresent(parts::add);
            }
        }
        return new Response(200, JSON, ApiJson.merge(parts));
    }

    private Optional<ArrayNode> fetchArray(final String peer, final String path) {
        try {
            final PeerClient.Reply reply = peers.get(peer, path);
            if (reply.status() == 200) {
                return Optional.of(ApiJson.parseArray(reply.body()));
            }
            LOG.warn("{} on {} answered {}; listing without it", path, peer, reply.status());
        } catch (IOException e) {
            LOG.warn("{} on {} failed: {}; listing without it", path, peer, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return Optional.empty();
    }

    private static Response error(final int status, final String message) {
        return new Response(status, JSON, ApiJson.error(status, message));
    }

    private static byte[] resource(final String name) {
        try (InputStream in = ApiHandler.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private record Response(int status, String contentType, byte[] body) {
    }
}
