package io.onlinelearner.http;

/** The HTTP API's routes as templates: what a request's path is counted as in the server's meters. */
final class Routes {

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

    /** The template of {@code path}, e.g. {@code /models/{id}} for {@code /models/m1}. */
    static String of(final String path) {
        if (RequestPolicy.isPredict(path)) {
            return "/models/{id}/predict";
        }
        if (FeaturesRoute.matches(path)) {
            return "/models/{id}/features";
        }
        return switch (path) {
            case "/", "/health", "/metrics", "/models", "/api/history" -> path;
            default ->
                path.startsWith(RequestPolicy.MODELS_PREFIX) && path.length() > RequestPolicy.MODELS_PREFIX.length()
                        ? "/models/{id}"
                        : OTHER;
        };
    }
}
