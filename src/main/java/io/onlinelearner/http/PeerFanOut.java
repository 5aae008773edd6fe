package io.onlinelearner.http;

import io.onlinelearner.serde.JsonCodec;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reaches the other instances of the application: forwards a model request (a GET of its
 * snapshot, a POST of a prediction request) to the instance that owns the model, and completes a
 * list with the other instances' parts. A page of models fails when an instance does not answer,
 * since it would miss that instance's models; the live page's curves leave such an instance out and
 * name it.
 */
final class PeerFanOut {

    private static final Logger LOG = LoggerFactory.getLogger(PeerFanOut.class);

    private final PeerClient client;
    private volatile List<String> lastUnanswered = List.of();

    /** Fans out with {@code client}. */
    PeerFanOut(final PeerClient client) {
        this.client = client;
    }

    /**
     * The answer of the instance at {@code hostPort} to {@code GET path?query} (both
     * percent-encoded): 502 if it does not answer.
     */
    Response forward(final String hostPort, final String path, final String query) {
        return forward(hostPort, path, query, null);
    }

    /**
     * The answer of the instance at {@code hostPort} to {@code POST path} with {@code body} (a
     * prediction request, answered there and never forwarded again): 502 if it does not answer.
     */
    Response forward(final String hostPort, final String path, final byte[] body) {
        return forward(hostPort, path, null, body);
    }

    private Response forward(final String hostPort, final String path, final String query, final byte[] body) {
        try {
            final PeerClient.Reply reply =
                    body == null ? client.get(hostPort, path, query) : client.post(hostPort, path, body);
            return Response.json(reply.status(), reply.body());
        } catch (IOException e) {
            return Response.error(502, "the instance at " + hostPort + " did not answer (" + PeerClient.why(e) + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Response.error(503, "interrupted");
        }
    }

    /**
     * The per-model objects of this instance ({@code local}, by model) and of every instance in
     * {@code peers} answering {@code path}, one per model (this instance's first, then the peers' in
     * order), sorted by model; and the peers that did not answer, whose models are missing.
     */
    Gathered gather(final String path, final Map<String, JsonCodec.Body> local, final List<String> peers) {
        final Map<String, JsonCodec.Body> all = new TreeMap<>(local);
        final List<String> unanswered = new ArrayList<>();
        for (final String peer : peers) {
            fetch(peer, path).ifPresentOrElse(part -> part.forEach(all::putIfAbsent), () -> unanswered.add(peer));
        }
        if (!unanswered.equals(lastUnanswered)) {
            lastUnanswered = List.copyOf(unanswered);
            if (!unanswered.isEmpty()) {
                LOG.warn(
                        "{}: listing without {}, which did not answer (said again only when this changes)",
                        path,
                        unanswered);
            }
        }
        return new Gathered(all, List.copyOf(unanswered));
    }

    /**
     * A list gathered from the instances.
     *
     * @param items      the objects by model
     * @param unanswered the instances that did not answer (host:port), whose objects are missing
     */
    record Gathered(Map<String, JsonCodec.Body> items, List<String> unanswered) {}

    /**
     * The page {@code request} asks for, of this instance ({@code local}) and of every instance in
     * {@code peers} answering the same request on {@code path} (its {@code Link} header saying
     * whether more follow there).
     *
     * @throws ModelDirectory.NotReadyException when an instance does not answer 200: the page would
     *                                          miss its models (the API answers 503)
     */
    Page<JsonCodec.Body> gatherPage(
            final String path, final PageRequest request, final Page<JsonCodec.Body> local, final List<String> peers) {
        final List<Page<JsonCodec.Body>> parts = new ArrayList<>();
        parts.add(local);
        for (final String peer : peers) {
            parts.add(fetchPage(peer, path, request.query()));
        }
        return Page.merge(parts, request.limit());
    }

    private Page<JsonCodec.Body> fetchPage(final String peer, final String path, final String query) {
        final String problem;
        try {
            final PeerClient.Reply reply = client.get(peer, path, query);
            if (reply.status() == 200) {
                return new Page<>(
                        List.copyOf(HttpJson.objectsByModel(reply.body()).entrySet()), reply.link() != null);
            }
            problem = "answered " + reply.status();
        } catch (IOException e) {
            throw new ModelDirectory.NotReadyException(
                    "the instance at " + peer + " did not answer (" + PeerClient.why(e)
                            + "); the list would miss its models",
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ModelDirectory.NotReadyException("interrupted while asking " + peer, e);
        }
        throw new ModelDirectory.NotReadyException(
                "the instance at " + peer + " " + problem + "; the list would miss its models", null);
    }

    private Optional<Map<String, JsonCodec.Body>> fetch(final String peer, final String path) {
        try {
            final PeerClient.Reply reply = client.get(peer, path, null);
            if (reply.status() == 200) {
                return Optional.of(HttpJson.objectsByModel(reply.body()));
            }
            LOG.debug("{} on {} answered {}", path, peer, reply.status());
        } catch (IOException e) {
            LOG.debug("{} on {} failed: {}", path, peer, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return Optional.empty();
    }
}
