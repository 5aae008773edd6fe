package io.onlinelearner.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;

/**
 * The HTTP API's meters: {@code http.server.requests}, a timer per route template, method and
 * status (Prometheus {@code http_server_requests_seconds_count}, {@code _sum} and {@code _max}),
 * as Micrometer's own HTTP instrumentation names it. Routes are templates, so a model id is never a
 * tag value; a timer is registered the first time its tags are met. The HTTP server is told of it
 * as its request listener ({@code http.RequestListener}, whose contract {@link #onRequest} keeps),
 * so that the metrics package does not depend on the HTTP package. Thread-safe.
 */
public final class HttpRequestMeters {

    /** The timer's name. */
    public static final String NAME = "http.server.requests";

    private final MeterRegistry registry;

    /** Meters in {@code registry}. */
    public HttpRequestMeters(final MeterRegistry registry) {
        this.registry = registry;
    }

    /**
     * Records one answered request.
     *
     * @param route  the route's template, e.g. {@code /models/{id}/predict}
     * @param method the request's method, e.g. {@code GET}
     * @param status the answer's status
     * @param nanos  how long its handling took, in nanoseconds
     */
    public void onRequest(final String route, final String method, final int status, final long nanos) {
        Timer.builder(NAME)
                .description("Requests the HTTP API answered, by route template, method and status")
                .tags("route", route, "method", method, "status", String.valueOf(status))
                .register(registry)
                .record(nanos, TimeUnit.NANOSECONDS);
    }
}
