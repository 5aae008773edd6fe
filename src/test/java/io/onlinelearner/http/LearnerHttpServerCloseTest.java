package io.onlinelearner.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.onlinelearner.config.LearnerConfig;
import io.onlinelearner.config.TestTopics;
import io.onlinelearner.learner.Learner;
import io.onlinelearner.metrics.LearnerObservations;
import io.onlinelearner.model.Example;
import io.onlinelearner.model.Position;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;

/** Closing the HTTP server while a request is being answered, as a restart under load does. */
class LearnerHttpServerCloseTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void shouldFinishARequestBeingAnsweredAndRefuseNewConnectionsWhenClosed() throws Exception {
        final LearnerConfig config = LearnerConfig.defaults();
        final Learner learner = new Learner(config.model(), config.adam(), config.stopping());
        final FakeDirectory directory = new FakeDirectory();
        directory.models.put(
                "a",
                learner.train(null, new Example(new double[] {1.0, 2.0}, 3.0), Position.train(0, 0L))
                        .state());
        final CountDownLatch reading = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        directory.duringFind = () -> {
            reading.countDown();
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
        final LearnerHttpServer server = LearnerHttpServer.bind("127.0.0.1", 0);
        server.start(new LearnerHttpServer.Api(
                directory,
                learner,
                new LearnerObservations(10)::histories,
                () -> "",
                () -> KafkaStreams.State.RUNNING,
                TestTopics.DEFAULT_LINEAGE));
        final int port = server.port();
        final CompletableFuture<HttpResponse<String>> answer = HttpClient.newHttpClient()
                .sendAsync(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/models/a"))
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(reading.await(30, TimeUnit.SECONDS)).isTrue();

        final CompletableFuture<Void> closing = CompletableFuture.runAsync(server::close);
        await().atMost(Duration.ofSeconds(10)).until(() -> refused(port));
        release.countDown();
        closing.get(30, TimeUnit.SECONDS);

        final HttpResponse<String> response = answer.get(30, TimeUnit.SECONDS);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(response.body()).get("model").asText()).isEqualTo("a");
        assertThat(refused(port)).isTrue();
        server.close();
    }

    private static boolean refused(final int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            return false;
        } catch (IOException e) {
            return true;
        }
    }
}
