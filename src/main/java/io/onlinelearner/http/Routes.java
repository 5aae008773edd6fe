package io.onlinelearner.http;

/**
 * The HTTP API's routes as templates: what the API dispatches a request's path on, and what the
 * server's meters count it as, so that a model id never becomes a tag value.
 */
final class Routes {

    /** The live page. */
    static final String PAGE = "/";
    /** The streams client's health. */
    static final String HEALTH = "/health";
    /** The Prometheus text. */
    static final String METRICS = "/metrics";
    /** One page of models' snapshots. */
    static final String MODELS = "/models";
    /** The live page's curves. */
    static final String HISTORY = "/api/history";
    /** One model's snapshot. */
    static final String MODEL = "/models/{id}";
    /** A prediction of one model. */
    static final String PREDICT = "/models/{id}/predict";
    /** One model's largest weights with their texts. */
    static final String FEATURES = "/models/{id}/features";
    /** Paths the API does not serve. */
    static final String OTHER = "other";

    private Routes() {}

    /**
     * {@code GET}, {@code POST}, or {@code OTHER} for any other method a client sends (the server
     * takes any token), so that methods never become an unbounded tag.
     */
    static String method(final String method) {
        return "GET".equals(method) || "POST".equals(method) ? method : "OTHER";
    }

    /** The template of {@code path}, e.g. {@link #MODEL} for {@code /models/m1}. */
    static String of(final String path) {
        if (RequestPolicy.isPredict(path)) {
            return PREDICT;
        }
        if (FeaturesRoute.matches(path)) {
            return FEATURES;
        }
        return switch (path) {
            case PAGE, HEALTH, METRICS, MODELS, HISTORY -> path;
            default ->
                path.startsWith(RequestPolicy.MODELS_PREFIX) && path.length() > RequestPolicy.MODELS_PREFIX.length()
                        ? MODEL
                        : OTHER;
        };
    }
}
