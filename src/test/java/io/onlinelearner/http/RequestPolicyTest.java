package io.onlinelearner.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.Headers;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RequestPolicyTest {

    private static Optional<Integer> refused(final String method, final String uri, final String... headers) {
        final Headers h = new Headers();
        for (int i = 0; i < headers.length; i += 2) {
            h.add(headers[i], headers[i + 1]);
        }
        return RequestPolicy.refusal(method, uri, h).map(Response::status);
    }

    @Test
    void shouldLetAGetWithoutBodyThrough() {
        assertThat(refused("GET", "/models")).isEmpty();
        assertThat(refused("GET", "/models", "Content-Length", "0")).isEmpty();
        assertThat(refused("GET", "/" + "a".repeat(RequestPolicy.MAX_URI_LENGTH - 1)))
                .isEmpty();
    }

    @Test
    void shouldRefuseOtherMethodsBodiesAndOverlongUris() {
        assertThat(refused("POST", "/models")).hasValue(405);
        assertThat(refused("PUT", "/models/m1", "Content-Length", "2"))
                .as("a wrong method before its body")
                .hasValue(405);
        assertThat(refused("GET", "/models", "Content-Length", "5")).hasValue(413);
        assertThat(refused("GET", "/models", "Transfer-Encoding", "chunked")).hasValue(413);
        assertThat(refused("DELETE", "/" + "a".repeat(RequestPolicy.MAX_URI_LENGTH)))
                .hasValue(414);
    }

    @Test
    void shouldAnswerEveryRefusalAsAJsonError() {
        final Response response =
                RequestPolicy.refusal("PUT", "/", new Headers()).orElseThrow();
        assertThat(response.contentType()).isEqualTo(Response.JSON);
        assertThat(new String(response.body(), StandardCharsets.UTF_8))
                .isEqualTo("{\"error\":\"only GET is allowed; the API changes nothing\",\"status\":405}");
    }
}
