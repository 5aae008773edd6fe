package io.onlinelearner.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.onlinelearner.config.LearnerConfig;
import io.onlinelearner.config.TestTopics;
import io.onlinelearner.learner.Learner;
import io.onlinelearner.learner.ModelState;
import io.onlinelearner.metrics.LearnerObservations;
import io.onlinelearner.model.Example;
import io.onlinelearner.model.Position;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code GET /models} in pages over two instances: limit, after, and the Link header naming the next page. */
class ModelPagesHttpTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Learner LEARNER = learner();
    private static final ModelState STATE = LEARNER.train(
                    null, new Example(new double[] {1.0}, 2.0), Position.train(0, 0L))
            .state();

    private final HttpClient client = HttpClient.newHttpClient();
    private final FakeDirectory directory = new FakeDirectory();
    private final FakeDirectory peerDirectory = new FakeDirectory();
    private LearnerHttpServer server;
    private LearnerHttpServer peer;

    @BeforeEach
    void start() throws IOException {
        final LearnerObservations metrics = new LearnerObservations(0);
        server = LearnerHttpServer.bind("127.0.0.1", 0);
        server.start(new LearnerHttpServer.Api(
                directory,
                LEARNER,
                metrics::histories,
                () -> "",
                () -> KafkaStreams.State.RUNNING,
                TestTopics.DEFAULT_LINEAGE));
        peer = LearnerHttpServer.bind("127.0.0.1", 0);
        peer.start(new LearnerHttpServer.Api(
                peerDirectory,
                LEARNER,
                metrics::histories,
                () -> "",
                () -> KafkaStreams.State.RUNNING,
                TestTopics.DEFAULT_LINEAGE));
        directory.peers.add(peer.hostPort());
        peerDirectory.peers.add(server.hostPort());
    }

    @AfterEach
    void stop() {
        server.close();
        peer.close();
    }

    private static Learner learner() {
        final LearnerConfig config = LearnerConfig.defaults();
        return new Learner(config.model(), config.adam(), config.stopping());
    }

    private HttpResponse<String> get(final String pathAndQuery) throws Exception {
        return client.send(
                HttpRequest.newBuilder(URI.create("http://" + server.hostPort() + pathAndQuery))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static List<String> ids(final HttpResponse<String> response) throws IOException {
        final List<String> ids = new ArrayList<>();
        JSON.readTree(response.body()).forEach(node -> ids.add(node.get("model").asText()));
        return ids;
    }

    /** The path and query of the Link header's next page, if any. */
    private static Optional<String> next(final HttpResponse<String> response) {
        return response.headers().firstValue("Link").map(link -> {
            assertThat(link).endsWith(">; rel=\"next\"");
            return link.substring(1, link.indexOf('>'));
        });
    }

    @Test
    void shouldWalkEveryModelOfBothInstancesOnceInIdOrderFollowingTheLinks() throws Exception {
        final TreeSet<String> all = new TreeSet<>();
        for (int i = 0; i < 11; i++) {
            final String id = "m" + (char) ('a' + i) + " /" + i;
            (i % 3 == 0 ? peerDirectory : directory).models.put(id, STATE);
            all.add(id);
        }
        directory.models.put("mb /1-also-here", STATE);
        peerDirectory.models.put("mb /1-also-here", STATE);
        all.add("mb /1-also-here");
        final List<String> walked = new ArrayList<>();
        final List<Integer> sizes = new ArrayList<>();
        Optional<String> page = Optional.of("/models?limit=4");
        while (page.isPresent()) {
            final HttpResponse<String> response = get(page.get());
            assertThat(response.statusCode()).isEqualTo(200);
            walked.addAll(ids(response));
            sizes.add(ids(response).size());
            page = next(response);
        }
        assertThat(walked).containsExactlyElementsOf(all);
        assertThat(sizes).containsExactly(4, 4, 4);
    }

    @Test
    void shouldListTheFirstHundredByDefaultAndNameTheNextPage() throws Exception {
        for (int i = 0; i < 150; i++) {
            (i % 2 == 0 ? directory : peerDirectory).models.put(String.format("id-%03d", i), STATE);
        }
        final HttpResponse<String> first = get("/models");
        assertThat(ids(first)).hasSize(100).first().isEqualTo("id-000");
        assertThat(ids(first)).last().isEqualTo("id-099");
        assertThat(next(first)).hasValue("/models?limit=100&after=id-099");
        final HttpResponse<String> second = get(next(first).orElseThrow());
        assertThat(ids(second)).hasSize(50).first().isEqualTo("id-100");
        assertThat(next(second)).isEmpty();
    }

    @Test
    void shouldNameANextPageWhenAnInstanceHadMoreThanThePageTookFromIt() throws Exception {
        directory.models.put("a", STATE);
        directory.models.put("b", STATE);
        directory.models.put("c", STATE);
        peerDirectory.models.put("z", STATE);
        final HttpResponse<String> first = get("/models?limit=2");
        assertThat(ids(first)).containsExactly("a", "b");
        final HttpResponse<String> second = get(next(first).orElseThrow());
        assertThat(ids(second)).containsExactly("c", "z");
        assertThat(next(second)).isEmpty();
    }

    @Test
    void shouldAnswerAnEmptyPageAfterTheLastModel() throws Exception {
        directory.models.put("a", STATE);
        final HttpResponse<String> response = get("/models?after=a");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("[]");
        assertThat(next(response)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"limit=0", "limit=1001", "limit=x", "after=", "after=a&after=b", "page=2", "limit=5&limit=5"})
    void shouldRefuseABadLimitOrAfterWith400(final String query) throws Exception {
        directory.models.put("a", STATE);
        final HttpResponse<String> response = get("/models?" + query);
        assertThat(response.statusCode()).isEqualTo(400);
        final JsonNode body = JSON.readTree(response.body());
        assertThat(body.get("status").asInt()).isEqualTo(400);
        assertThat(body.get("error").asText()).isNotBlank();
    }
}
