package io.onlinelearner.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class HttpRequestMetersTest {

    @Test
    void shouldTimeEveryRequestByRouteMethodAndStatus() {
        final SimpleMeterRegistry registry = new SimpleMeterRegistry();
        final HttpRequestMeters meters = new HttpRequestMeters(registry);
        meters.onRequest("/models/{id}/predict", "POST", 200, 2_000_000);
        meters.onRequest("/models/{id}/predict", "POST", 200, 4_000_000);
        meters.onRequest("/models/{id}", "GET", 404, 1_000_000);

        final Timer predictions = registry.get(HttpRequestMeters.NAME)
                .tags("route", "/models/{id}/predict", "method", "POST", "status", "200")
                .timer();
        assertThat(predictions.count()).isEqualTo(2);
        assertThat(predictions.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(6.0);
        assertThat(predictions.getId().getDescription()).isNotBlank();
        assertThat(registry.get(HttpRequestMeters.NAME)
                        .tags("route", "/models/{id}", "status", "404")
                        .timer()
                        .count())
                .isEqualTo(1);
    }
}
