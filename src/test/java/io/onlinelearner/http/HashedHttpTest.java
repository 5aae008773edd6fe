package io.onlinelearner.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.onlinelearner.config.LearnerConfig;
import io.onlinelearner.config.LearnerSettings;
import io.onlinelearner.config.TestTopics;
import io.onlinelearner.features.FeatureHash;
import io.onlinelearner.features.FeatureNames;
import io.onlinelearner.features.HashedInputParser;
import io.onlinelearner.features.SparseWeights;
import io.onlinelearner.learner.Learner;
import io.onlinelearner.learner.ModelState;
import io.onlinelearner.metrics.LearnerObservations;
import io.onlinelearner.model.HashedFeatures;
import io.onlinelearner.model.InputParser;
import io.onlinelearner.model.Position;
import io.onlinelearner.stopping.Weights;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The HTTP API in hashed mode: {@code POST /models/{id}/predict} with {@code {"features": ...}},
 * {@code GET /models/{id}} with sparse weights, and {@code GET /models/{id}/features?top=N}, on the
 * model's own instance and forwarded from another one; and what {@code features} answers in dense
 * mode.
 */
class HashedHttpTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final LearnerConfig CONFIG = LearnerConfig.builder()
            .set(LearnerSettings.FEATURES_MODE, "hashed")
            .set(LearnerSettings.FEATURES_HASH_BITS, 10)
            .set(LearnerSettings.FEATURES_INTERACTIONS, "user:item")
            .set(LearnerSettings.ADAM_LR, 0.1)
            .build();
    private static final Learner LEARNER = new Learner(CONFIG.learnerSpec());
    private static final String RECORD =
            "{\"features\": {\"hour\": 0.5, \"promo\": \"spring\", \"user\": {\"id\": \"u1\"}, \"item\": {\"cat\": \"books\", \"price\": 12}}, \"y\": %s}";

    private final HttpClient client = HttpClient.newHttpClient();
    private final FakeDirectory directory = new FakeDirectory();
    private final FakeDirectory peerDirectory = new FakeDirectory();
    private final AtomicReference<KafkaStreams.State> state = new AtomicReference<>(KafkaStreams.State.RUNNING);
    private final LearnerObservations metrics = new LearnerObservations(10);
    private final List<LearnerHttpServer> servers = new ArrayList<>();
    private LearnerHttpServer server;
    private LearnerHttpServer peer;

    @BeforeEach
    void start() throws IOException {
        server = start(directory, LEARNER);
        peer = start(peerDirectory, LEARNER);
    }

    private LearnerHttpServer start(final FakeDirectory models, final Learner learner) throws IOException {
        final LearnerHttpServer started = LearnerHttpServer.bind("127.0.0.1", 0);
        started.start(new LearnerHttpServer.Api(
                models, learner, metrics::histories, () -> "", state::get, TestTopics.DEFAULT_LINEAGE));
        servers.add(started);
        return started;
    }

    @AfterEach
    void stop() {
        servers.forEach(LearnerHttpServer::close);
    }

    private static InputParser parser() {
        return HashedInputParser.of(CONFIG.hashing().orElseThrow(), 1 << 20);
    }

    /** A model trained on three records of the same features. */
    private static ModelState trained() {
        ModelState model = null;
        for (int i = 0; i < 3; i++) {
            final byte[] value = String.format(RECORD, 2.0 + i).getBytes(StandardCharsets.UTF_8);
            model = LEARNER.train(model, parser().parseExample(value), Position.train(0, i))
                    .state();
        }
        return model;
    }

    /** The texts the store of texts holds after {@link #trained()}'s records (each teaches the same). */
    private static FeatureNames texts() {
        final byte[] value = String.format(RECORD, 2.0).getBytes(StandardCharsets.UTF_8);
        return FeatureNames.NONE.seen(
                (HashedFeatures) parser().parseExample(value).features(), 2);
    }

    private HttpResponse<String> get(final LearnerHttpServer on, final String path) throws Exception {
        return client.send(
                HttpRequest.newBuilder(URI.create("http://" + on.hostPort() + path))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> predict(final String id, final String body) throws Exception {
        return client.send(
                HttpRequest.newBuilder(URI.create("http://" + server.hostPort() + "/models/" + id + "/predict"))
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static void assertError(final HttpResponse<String> response, final int status, final String message)
            throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        final JsonNode body = JSON.readTree(response.body());
        assertThat(body.path("status").asInt()).isEqualTo(status);
        assertThat(body.path("error").asText()).contains(message);
    }

    @Test
    void shouldPredictFromNamedFeaturesWithTheModelsSparseWeights() throws Exception {
        final ModelState a = trained();
        directory.models.put("a", a);
        final String features =
                "{\"features\": {\"hour\": 1, \"user\": {\"id\": \"u1\"}, \"item\": {\"cat\": \"books\"}}, \"id\": 3}";
        final HttpResponse<String> response = predict("a", features);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        final JsonNode body = JSON.readTree(response.body());
        final SparseWeights w = ((Weights.Sparse) a.live().weights()).weights();
        final int[] indices = {
            index("hour"),
            index("user^id=u1"),
            index("item^cat=books"),
            FeatureHash.index(
                    FeatureHash.combine(FeatureHash.hash("user^id=u1", 0), FeatureHash.hash("item^cat=books", 0)), 10)
        };
        Arrays.sort(indices);
        double expected = 0.0;
        for (final int i : indices) {
            expected += w.weight(i);
        }
        expected += w.bias();
        assertThat(body.path("prediction").asDouble()).isEqualTo(expected);
        assertThat(w.weight(index("hour"))).isNotZero();
        assertThat(body.path("status").asText()).isEqualTo("TRAINING");
        assertThat(body.path("parameters").asText()).isEqualTo("live");
        assertThat(body.path("updates").asLong()).isEqualTo(3);
        assertThat(directory.models.get("a")).isSameAs(a);
    }

    @Test
    void shouldRefuseABadBodyAsTheTopicWould() throws Exception {
        directory.models.put("a", trained());
        assertError(predict("a", "{\"features\": {\"a\": null}}"), 400, "bad-features");
        assertError(predict("a", "{\"features\": {\"a\": [1]}}"), 400, "bad-features");
        assertError(predict("a", "{\"features\": {\"u\": {\"v\": {\"w\": 1}}}}"), 400, "bad-features");
        assertError(predict("a", "{\"features\": {\"a\": 0, \"b\": false}}"), 400, "bad-features");
        assertError(predict("a", "{\"x\": [1.0, 2.0]}"), 400, "bad-features");
        assertError(predict("a", "not json"), 400, "not-json");
        assertError(predict("nobody", "{\"features\": {\"a\": 1}}"), 404, "nobody");
    }

    @Test
    void shouldShowTheSparseWeightsOfAModel() throws Exception {
        final ModelState a = trained();
        directory.models.put("a", a);
        final JsonNode body = JSON.readTree(get(server, "/models/a").body());
        assertThat(body.path("features").asInt()).isEqualTo(1024);
        final SparseWeights w = ((Weights.Sparse) a.live().weights()).weights();
        assertThat(body.path("weights").size()).isEqualTo(w.size()).isEqualTo(7);
        for (int k = 0; k < w.size(); k++) {
            assertThat(body.path("weights").path(Integer.toString(w.index(k))).asDouble())
                    .isEqualTo(w.weightAt(k));
        }
        assertThat(body.path("bias").asDouble()).isEqualTo(w.bias());
    }

    @Test
    void shouldListTheLargestWeightsWithTheirTextsHereAndFromTheOwner() throws Exception {
        final ModelState a = trained();
        final FeatureNames kept = texts();
        peerDirectory.models.put("a", a);
        peerDirectory.names.put("a", kept);
        directory.peers.add(peer.hostPort());
        final HttpResponse<String> response = get(server, "/models/a/features?top=3");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        final JsonNode top = JSON.readTree(response.body());
        assertThat(top.size()).isEqualTo(3);
        final SparseWeights w = ((Weights.Sparse) a.live().weights()).weights();
        double previous = Double.POSITIVE_INFINITY;
        for (final JsonNode entry : top) {
            final int index = entry.path("index").asInt();
            assertThat(entry.path("weight").asDouble()).isEqualTo(w.weight(index));
            assertThat(Math.abs(entry.path("weight").asDouble())).isLessThanOrEqualTo(previous);
            previous = Math.abs(entry.path("weight").asDouble());
            final List<String> names = new ArrayList<>();
            entry.path("names").forEach(n -> names.add(n.asText()));
            assertThat(names).isEqualTo(kept.names(index)).isNotEmpty();
        }
        final double smallestListed = previous;
        for (int k = 0; k < w.size(); k++) {
            final int index = w.index(k);
            final boolean listed = top.findValues("index").stream().anyMatch(n -> n.asInt() == index);
            if (!listed) {
                assertThat(Math.abs(w.weightAt(k))).isLessThanOrEqualTo(smallestListed);
            }
        }
        final JsonNode all =
                JSON.readTree(get(server, "/models/a/features?top=100").body());
        assertThat(all.size()).isEqualTo(7);
        final List<String> texts = new ArrayList<>();
        all.forEach(e -> e.path("names").forEach(n -> texts.add(n.asText())));
        assertThat(texts)
                .contains(
                        "hour",
                        "promo=spring",
                        "user^id=u1",
                        "item^cat=books",
                        "item^price",
                        "user^id=u1*item^cat=books",
                        "user^id=u1*item^price");
        assertThat(JSON.readTree(get(server, "/models/a/features").body()).size())
                .as("top defaults to 10")
                .isEqualTo(7);
    }

    @Test
    void shouldRefuseAnUnknownModelAndABadTop() throws Exception {
        directory.models.put("a", trained());
        assertError(get(server, "/models/nobody/features?top=3"), 404, "nobody");
        for (final String bad : List.of("0", "-1", "abc", "10001", "")) {
            assertError(get(server, "/models/a/features?top=" + bad), 400, "top must be an integer in [1, 10000]");
        }
        assertError(get(server, "/models/a/features?top=2&top=3"), 400, "top is given more than once");
        assertError(get(server, "/models/a/features?top=2&foo=1"), 400, "unknown query parameter 'foo': only top");
        assertError(get(server, "/models/a/features?TOP=3"), 400, "unknown query parameter 'TOP'");
        assertThat(JSON.readTree(get(server, "/models/a/features?top=%32").body()))
                .as("a percent-encoded top is decoded")
                .hasSize(2);
    }

    @Test
    void shouldSayThatDenseModelsHaveNoNamedFeatures() throws Exception {
        final LearnerConfig dense = LearnerConfig.defaults();
        final LearnerHttpServer denseServer =
                start(directory, new Learner(dense.model(), dense.adam(), dense.stopping()));
        assertError(get(denseServer, "/models/a/features?top=3"), 400, LearnerSettings.FEATURES_MODE.key() + "=dense");
    }

    private static int index(final String text) {
        return FeatureHash.index(FeatureHash.hash(text, 0), 10);
    }
}
