package io.onlinelearner.http;

/**
 * Told of every request the HTTP API answered, for the server's meters: the route as a template
 * ({@code /models/{id}}, so that model ids never become tag values), the method ({@code GET},
 * {@code POST} or {@code OTHER}), the status and how long its handling took.
 */
@FunctionalInterface
public interface RequestListener {

    /** A listener that ignores every request. */
    RequestListener NONE = (route, method, status, nanos) -> {};

    /**
     * One answered request.
     *
     * @param route  the route's template, e.g. {@code /models/{id}/predict}; {@code other} for a path the API does not serve
     * @param method the request's method, e.g. {@code GET}
     * @param status the answer's status, e.g. 200
     * @param nanos  from the start of its handling (after any wait for a free HTTP thread) until its
     *               answer is ready to send, in nanoseconds; told before the answer is sent, so that
     *               a client that has its answer finds its request counted
     */
    void onRequest(String route, String method, int status, long nanos);
}
