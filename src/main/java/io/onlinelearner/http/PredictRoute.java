package io.onlinelearner.http;

import io.onlinelearner.features.HashedInputParser;
import io.onlinelearner.learner.Learner;
import io.onlinelearner.learner.ModelState;
import io.onlinelearner.model.InputFormat;
import io.onlinelearner.model.InputParser;
import io.onlinelearner.model.PredictRequest;
import io.onlinelearner.model.RecordRejectedException;
import io.onlinelearner.serde.LineageNames;

/**
 * {@code POST /models/{id}/predict}: parses the body as a {@code predict} record, finds the model
 * with the {@link ModelLocator} (on any instance, whatever partitioner wrote its records) and answers
 * with {@link Learner#predict} on the owner's current state, forwarding the request once to the
 * instance that holds it. Nothing is written: HTTP never changes a model.
 */
final class PredictRoute {

    private final ModelLocator locator;
    private final Learner learner;
    private final PeerFanOut peers;
    private final LineageNames lineage;

    /** Answers with {@code learner}, finding models with {@code locator}, forwarding through {@code peers}. */
    PredictRoute(
            final ModelLocator locator, final Learner learner, final PeerFanOut peers, final LineageNames lineage) {
        this.lineage = lineage;
        this.locator = locator;
        this.learner = learner;
        this.peers = peers;
    }

    /**
     * The answer for model {@code id} to the request {@code body}; from this instance alone when the
     * request came from another instance ({@code hop}).
     *
     * @throws ModelDirectory.NotReadyException while the store cannot be queried (the API answers 503)
     */
    Response predict(final String id, final byte[] body, final boolean hop) {
        final PredictRequest request;
        try {
            request = parser().parsePredict(body);
        } catch (RecordRejectedException e) {
            return Response.error(400, reason(e));
        }
        if (hop) {
            final ModelLocator.Lookup here = locator.findHere(id);
            return here.kind() == ModelLocator.Kind.LOCAL ? answer(here.state(), request) : Response.absentHere(here);
        }
        final ModelLocator.Lookup lookup = locator.find(id);
        return switch (lookup.kind()) {
            case LOCAL -> answer(lookup.state(), request);
            case REMOTE -> peers.forward(lookup.hostPort(), ModelPaths.of(id, RequestPolicy.PREDICT_SUFFIX), body);
            case NOT_FOUND -> Response.error(404, lookup.reason());
            case NOT_READY -> Response.error(503, lookup.reason());
            case FAILED -> Response.json(500, lookup.snapshot());
        };
    }

    /**
     * A parser of one body: JSON {@code {"x": [...]}}, or {@code {"features": {...}}} hashed with
     * the learner's settings in hashed mode. One per request: parsers keep scratch state.
     */
    private InputParser parser() {
        return learner.settings()
                .hashing()
                .map(hashing -> HashedInputParser.of(hashing, RequestPolicy.MAX_BODY_BYTES))
                .orElseGet(() -> InputParser.forFormat(
                        InputFormat.JSON, learner.spec().maxFeatures(), RequestPolicy.MAX_BODY_BYTES));
    }

    private Response answer(final ModelState state, final PredictRequest request) {
        try {
            return Response.json(HttpJson.prediction(learner.predict(state, request), lineage));
        } catch (RecordRejectedException e) {
            return Response.error(400, reason(e));
        }
    }

    private static String reason(final RecordRejectedException e) {
        return "bad prediction request (" + e.reason().code() + "): "
                + e.getMessage().replaceAll("\\s+", " ");
    }
}
