package io.onlinelearner.http;

import io.onlinelearner.features.FeatureNames;
import io.onlinelearner.features.TopFeatures;
import io.onlinelearner.learner.Learner;
import io.onlinelearner.learner.ModelState;
import io.onlinelearner.stopping.Weights;
import java.util.List;

/**
 * {@code GET /models/{id}/features?top=N} (hashed mode): a hashed model's {@code N} largest
 * weights by magnitude ({@link TopFeatures}), each with its index and the feature texts kept for
 * it, from the parameters in force (the frozen ones of a stopped model), found with the
 * {@link ModelLocator} on any instance; the texts come from the store of texts on the instance
 * that holds the model ({@link ModelDirectory#featureNames}), or from a state still in format 4. {@code top} defaults to {@link #DEFAULT_TOP}; anything but
 * an integer in {@code [1, MAX_TOP]} is 400. In dense mode every such request is 400: dense
 * models have no named features ({@code GET /models/{id}} lists their weights).
 */
final class FeaturesRoute {

    /** The path suffix of a model's features. */
    static final String SUFFIX = "/features";
    /** {@code top} when the query gives none. */
    static final int DEFAULT_TOP = 10;
    /** The largest {@code top}. */
    static final int MAX_TOP = 10_000;

    private static final String TOP = "top";

    private final ModelDirectory models;
    private final ModelLocator locator;
    private final Learner learner;
    private final PeerFanOut peers;

    FeaturesRoute(
            final ModelDirectory models, final ModelLocator locator, final Learner learner, final PeerFanOut peers) {
        this.models = models;
        this.locator = locator;
        this.learner = learner;
        this.peers = peers;
    }

    /** True for {@code /models/{id}/features} with a non-empty id. */
    static boolean matches(final String path) {
        return path.startsWith(RequestPolicy.MODELS_PREFIX)
                && path.endsWith(SUFFIX)
                && path.length() > RequestPolicy.MODELS_PREFIX.length() + SUFFIX.length();
    }

    /**
     * The answer for model {@code id}; from this instance alone for another instance's request
     * ({@code hop}).
     *
     * @throws ModelDirectory.NotReadyException while the store cannot be queried (the API answers 503)
     */
    Response top(final String id, final String rawQuery, final boolean hop) {
        if (!learner.settings().hashed()) {
            return Response.error(
                    400,
                    "GET /models/{id}/features lists named features, and this learner runs dense models"
                            + " (learner.features.mode=dense): GET /models/" + id + " lists their weights");
        }
        final int n;
        try {
            n = parseTop(rawQuery);
        } catch (IllegalArgumentException e) {
            return Response.error(400, e.getMessage());
        }
        if (hop) {
            final ModelLocator.Lookup here = locator.findHere(id);
            return here.kind() == ModelLocator.Kind.LOCAL ? answer(id, here.state(), n) : Response.absentHere(here);
        }
        final ModelLocator.Lookup lookup = locator.find(id);
        return switch (lookup.kind()) {
            case LOCAL -> answer(id, lookup.state(), n);
            case REMOTE -> peers.forward(lookup.hostPort(), ModelPaths.of(id, SUFFIX), TOP + "=" + n);
            case NOT_FOUND -> Response.error(404, lookup.reason());
            case NOT_READY -> Response.error(503, lookup.reason());
            case FAILED -> Response.json(500, lookup.snapshot());
        };
    }

    /** The top features of model {@code id}, whose state is {@code state}, with the texts of this instance's store. */
    private Response answer(final String id, final ModelState state, final int n) {
        if (!(state.published().weights() instanceof Weights.Sparse sparse)) {
            return Response.error(400, "the model is dense: it has no named features");
        }
        final FeatureNames names = models.featureNames(id).orElse(state.names());
        final List<TopFeatures.Entry> top = TopFeatures.of(sparse.weights(), names, n);
        return Response.json(HttpJson.topFeatures(top));
    }

    /**
     * {@code top} of a query such as {@code top=5}, {@link #DEFAULT_TOP} without one.
     *
     * @throws IllegalArgumentException when it is not an integer in {@code [1, MAX_TOP]}
     */
    static int parseTop(final String rawQuery) {
        final String text = QueryParameters.parse(rawQuery, List.of(TOP)).get(TOP);
        if (text == null) {
            return DEFAULT_TOP;
        }
        try {
            final int n = Integer.parseInt(text);
            if (n >= 1 && n <= MAX_TOP) {
                return n;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new IllegalArgumentException("top must be an integer in [1, " + MAX_TOP + "], was '" + text + "'");
    }
}
