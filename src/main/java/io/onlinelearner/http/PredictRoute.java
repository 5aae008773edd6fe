package io.onlinelearner.http;

import io.onlinelearner.learner.Learner;
import io.onlinelearner.learner.ModelState;
import io.onlinelearner.model.InputFormat;
import io.onlinelearner.model.InputParser;
import io.onlinelearner.model.PredictRequest;
import io.onlinelearner.model.RecordRejectedException;
import io.onlinelearner.serde.JsonCodec;
import java.util.Optional;

/**
 * Answers {@code POST /models/{id}/predict}: parses the body as a {@code predict} record (HTTP
 * bodies are always JSON, whatever {@code learner.input.format} is), forwards it to the instance
 * holding the model (one hop at most, like {@code GET /models/{id}}), and there answers with
 * {@link Learner#predict} on the model's current state, exactly as the {@code predictions} topic
 * would. Reads only: no state is written, so a prediction over HTTP changes nothing. Unlike the
 * topic, a model with no state is 404 rather than answered from the initial parameters.
 */
final class PredictRoute {

    private final ModelDirectory models;
    private final Learner learner;
    private final PeerFanOut peers;

    /** Answers from {@code models} with {@code learner}, forwarding through {@code peers}. */
    PredictRoute(final ModelDirectory models, final Learner learner, final PeerFanOut peers) {
        this.models = models;
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
            request = InputParser.forFormat(InputFormat.JSON, learner.spec().maxFeatures()).parsePredict(body);
        } catch (RecordRejectedException e) {
            return Response.error(400, reason(e));
        }
        final ModelDirectory.Location location = hop ? ModelDirectory.Location.LOCAL : models.locate(id);
        if (location.kind() == ModelDirectory.Location.Kind.REMOTE) {
            return peers.forward(location.hostPort(), RequestPolicy.MODELS_PREFIX + id + RequestPolicy.PREDICT_SUFFIX,
                    body);
        }
        final Optional<ModelState> state = models.find(id);
        if (state.isPresent()) {
            try {
                return Response.json(JsonCodec.predictionBody(learner.predict(state.get(), request)));
            } catch (RecordRejectedException e) {
                return Response.error(400, reason(e));
            }
        }
        if (location.kind() == ModelDirectory.Location.Kind.UNAVAILABLE) {
            return Response.error(503, "the owner of model '" + id + "' is not known now (starting or rebalancing)");
        }
        return Response.error(404, "no model '" + id + "'");
    }

    private static String reason(final RecordRejectedException e) {
        return "bad prediction request (" + e.reason().code() + "): " + e.getMessage().replaceAll("\\s+", " ");
    }
}
