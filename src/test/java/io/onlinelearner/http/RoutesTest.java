package io.onlinelearner.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RoutesTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "/, /",
        "/health, /health",
        "/metrics, /metrics",
        "/models, /models",
        "/api/history, /api/history",
        "/models/m1, /models/{id}",
        "/models/a%2Fb, /models/{id}",
        "/models/m1/predict, /models/{id}/predict",
        "/models/m1/features, /models/{id}/features",
        "/models/, other",
        "/nothing, other",
        "/metrics/x, other"
    })
    void shouldCountEveryPathAsItsRouteTemplate(final String path, final String route) {
        assertThat(Routes.of(path)).isEqualTo(route);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"GET, GET", "POST, POST", "DELETE, OTHER", "FOO1, OTHER", "get, OTHER"})
    void shouldCountOnlyTheMethodsTheApiServesByName(final String method, final String tag) {
        assertThat(Routes.method(method)).isEqualTo(tag);
    }
}
