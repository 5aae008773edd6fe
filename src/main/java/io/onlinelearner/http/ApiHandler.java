package io.onlinelearner.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.onlinelearner.learner.ModelState;
import io.onlinelearner.learner.Snapshot;
import io.onlinelearner.metrics.ModelHistory;
import io.onlinelearner.serde.JsonCodec;
import io.onlinelearner.serde.LabelsJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.streams.KafkaStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes the API's few GET paths ({@code GET /models/{id}/features} among them, {@link FeaturesRoute}), and
 * {@code POST /models/{id}/predict}, to their answers. What is refused is
 * {@link RequestPolicy}'s, when the learner is up {@link HealthPolicy}'s, reaching other instances
 * {@link PeerFanOut}'s; every JSON body is written by {@link HttpJson} and {@link JsonCodec}. A model or list request
 * arriving from another instance (with {@link PeerClient#HOP_HEADER}) is answered from this
 * instance alone.
 */
final class ApiHandler implements HttpHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ApiHandler.class);
    private static final String MODELS_PREFIX = RequestPolicy.MODELS_PREFIX;

    private final LearnerHttpServer.Api api;
    private final HealthPolicy health;
    private final PeerFanOut peers;
    private final ModelLocator locator;
    private final PredictRoute predictions;
    private final FeaturesRoute features;
    private final byte[] page;
    private final RequestListener requests;

    /**
     * Answers from {@code api}, listing other instances' parts through {@code peers}, finding models
     * with {@code locator}, telling {@code requests} of every answer.
     */
    ApiHandler(
            final LearnerHttpServer.Api api,
            final HealthPolicy health,
            final PeerFanOut peers,
            final ModelLocator locator,
            final RequestListener requests) {
        this.api = api;
        this.requests = requests;
        this.health = health;
        this.peers = peers;
        this.locator = locator;
        this.predictions = new PredictRoute(locator, api.learner(), peers, api.lineage());
        this.features = new FeaturesRoute(api.models(), locator, api.learner(), peers);
        this.page = resource("live.html");
    }

    @Override
    public void handle(final HttpExchange exchange) throws IOException {
        final long start = System.nanoTime();
        try (exchange) {
            final Optional<Response> refusal = RequestPolicy.refusal(
                    exchange.getRequestMethod(), exchange.getRequestURI().toString(), exchange.getRequestHeaders());
            if (refusal.isPresent()) {
                discardBody(exchange);
            }
            final String route = Routes.of(exchange.getRequestURI().getRawPath());
            final Response response = refusal.orElseGet(() -> route(exchange, route));
            requests.onRequest(
                    route, Routes.method(exchange.getRequestMethod()), response.status(), System.nanoTime() - start);
            response.send(exchange);
        }
    }

    /**
     * Reads and drops what a refused request still sends, up to {@link #DISCARD_LIMIT} bytes, before
     * the answer: a server that answers and closes a connection with unread request bytes makes the
     * kernel reset it, and the client may lose the answer (RFC 9112, section 9.6). Beyond the limit
     * the connection is closed all the same.
     */
    private static void discardBody(final HttpExchange exchange) throws IOException {
        final InputStream in = exchange.getRequestBody();
        final byte[] buffer = new byte[8192];
        long left = DISCARD_LIMIT;
        int read;
        while (left > 0 && (read = in.read(buffer, 0, (int) Math.min(buffer.length, left))) > 0) {
            left -= read;
        }
    }

    /** The most of a refused request's body read before answering. */
    private static final long DISCARD_LIMIT = 4L * RequestPolicy.MAX_BODY_BYTES;

    /** The answer to a request whose path has the template {@code route} ({@link Routes#of}). */
    private Response route(final HttpExchange exchange, final String route) {
        final String path = exchange.getRequestURI().getRawPath();
        final String query = exchange.getRequestURI().getRawQuery();
        final boolean hop = exchange.getRequestHeaders().containsKey(PeerClient.HOP_HEADER);
        try {
            return switch (route) {
                case Routes.PREDICT -> predict(exchange, path, hop);
                case Routes.PAGE -> Response.html(page);
                case Routes.HEALTH -> health();
                case Routes.METRICS -> Response.prometheus(api.metrics().get());
                case Routes.MODELS -> models(path, query, hop);
                case Routes.HISTORY -> list(path, localHistories(), hop);
                case Routes.FEATURES -> features.top(ModelPaths.id(path, FeaturesRoute.SUFFIX), query, hop);
                case Routes.MODEL -> model(ModelPaths.id(path, ""), hop);
                default -> Response.error(404, "no such path: " + path);
            };
        } catch (ModelDirectory.NotReadyException e) {
            return Response.error(503, e.getMessage());
        } catch (ModelDirectory.UnreadableException e) {
            return Response.error(500, e.getMessage());
        } catch (RuntimeException e) {
            LOG.warn("HTTP {} failed", path, e);
            return Response.error(500, "internal error: " + e);
        }
    }

    private Response predict(final HttpExchange exchange, final String path, final boolean hop) {
        final String id = ModelPaths.id(path, RequestPolicy.PREDICT_SUFFIX);
        final byte[] body;
        try {
            body = readBody(exchange);
        } catch (IOException | RuntimeException e) {
            return Response.error(400, "the request body cannot be read: " + e.getMessage())
                    .withHeader("Connection", "close");
        }
        return body.length > RequestPolicy.MAX_BODY_BYTES
                ? Response.error(413, "the request body is larger than " + RequestPolicy.MAX_BODY_BYTES + " bytes")
                : predictions.predict(id, body, hop);
    }

    private Response health() {
        final KafkaStreams.State state = api.state().get();
        final boolean up = health.isUp(state);
        return Response.json(up ? 200 : 503, HttpJson.health(up, String.valueOf(state)));
    }

    /** A model's snapshot: from this instance alone for a peer's request, else found by the {@link ModelLocator}. */
    private Response model(final String id, final boolean hop) {
        if (hop) {
            final ModelLocator.Lookup here = locator.findHere(id);
            return here.kind() == ModelLocator.Kind.LOCAL
                    ? Response.json(JsonCodec.write(snapshot(id, here.state())))
                    : Response.absentHere(here);
        }
        final ModelLocator.Lookup lookup = locator.find(id);
        return switch (lookup.kind()) {
            case LOCAL -> Response.json(JsonCodec.write(snapshot(id, lookup.state())));
            case REMOTE -> Response.json(200, lookup.snapshot());
            case NOT_FOUND -> Response.error(404, lookup.reason());
            case NOT_READY -> Response.error(503, lookup.reason());
            case FAILED -> Response.json(500, lookup.snapshot());
        };
    }

    /**
     * A model's snapshot as its last record on {@code models} would show it now: with
     * {@code servedLoss} and {@code pending} when labels that come later are on. Those are read
     * apart from the state: a request that lands between the two writes of a label's record can
     * show them one record apart from the parameters.
     */
    private JsonCodec.Body snapshot(final String id, final ModelState state) {
        final Snapshot snapshot = Snapshot.of(id, state);
        return api.models()
                .labels(id)
                .map(labels -> LabelsJson.value(snapshot, labels, api.lineage()))
                .orElseGet(() -> JsonCodec.value(snapshot, api.lineage()));
    }

    /**
     * One page of snapshots, of this instance and (unless a peer asks) of every other one, each
     * asked for the same page; a {@code Link} header names the next page when more follow. While
     * some partition has no running owner (starting, rebalancing) the page would miss its models:
     * 503, as for a model not found then, and also when partitions moved while the page was read.
     * An instance asked by another checks the same of itself:
     * one that is still joining the group (restarted at the address of a member that has not yet
     * timed out) holds none of the partitions the asking instance thinks it holds, and says so.
     */
    private Response models(final String path, final String rawQuery, final boolean hop) {
        final PageRequest request;
        try {
            request = PageRequest.parse(rawQuery);
        } catch (IllegalArgumentException e) {
            return Response.error(400, e.getMessage());
        }
        final Optional<ModelDirectory.Assignment> before = api.models().assignment();
        if (before.isEmpty()) {
            return Response.error(
                    503, "partitions are being assigned (starting or rebalancing); the list would be incomplete");
        }
        final Page<ModelState> local = api.models().page(request.after(), request.limit());
        final List<Map.Entry<String, JsonCodec.Body>> snapshots = local.items().stream()
                .map(e -> Map.entry(e.getKey(), snapshot(e.getKey(), e.getValue())))
                .toList();
        final List<String> others = hop ? List.of() : api.models().peers();
        final Page<JsonCodec.Body> page = peers.gatherPage(path, request, new Page<>(snapshots, local.more()), others);
        if (!before.equals(api.models().assignment())) {
            return Response.error(
                    503, "partitions moved while the list was gathered (rebalancing); it could miss models");
        }
        final Response response = Response.json(
                HttpJson.array(page.items().stream().map(Map.Entry::getValue).toList()));
        return page.more() ? response.withLink(request.next(path, page.lastId())) : response;
    }

    private Response list(final String path, final Map<String, JsonCodec.Body> local, final boolean hop) {
        final List<String> others = hop ? List.of() : api.models().peers();
        final PeerFanOut.Gathered gathered = peers.gather(path, local, others);
        final Response response = Response.json(HttpJson.array(gathered.items().values()));
        return gathered.unanswered().isEmpty()
                ? response
                : response.withHeader(Response.UNANSWERED, String.join(", ", gathered.unanswered()));
    }

    private Map<String, JsonCodec.Body> localHistories() {
        final Map<String, JsonCodec.Body> out = new LinkedHashMap<>();
        for (final ModelHistory history : api.histories().get()) {
            out.put(history.model(), HttpJson.history(history, api.lineage()));
        }
        return out;
    }

    /**
     * The request body, up to one byte more than {@link RequestPolicy#MAX_BODY_BYTES}. A body that
     * cannot be read (a broken chunk) is not closed here: closing drains it, which would wait for
     * bytes a broken client may never send before the answer is sent; the JDK's server drains it
     * after the answer, until the request's time limit ({@link LearnerHttpServer}) closes it.
     */
    private static byte[] readBody(final HttpExchange exchange) throws IOException {
        final InputStream in = exchange.getRequestBody();
        final byte[] body = in.readNBytes(RequestPolicy.MAX_BODY_BYTES + 1);
        in.close();
        return body;
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
}
