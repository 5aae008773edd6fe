package io.onlinelearner.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.onlinelearner.config.LearnerConfig;
import io.onlinelearner.config.TestTopics;
import io.onlinelearner.labels.ModelLabels;
import io.onlinelearner.labels.ServedLoss;
import io.onlinelearner.learner.Learner;
import io.onlinelearner.learner.ModelState;
import io.onlinelearner.learner.Snapshot;
import io.onlinelearner.metrics.LearnerObservations;
import io.onlinelearner.model.Example;
import io.onlinelearner.model.Position;
import io.onlinelearner.model.PredictRequest;
import io.onlinelearner.serde.JsonCodec;
import io.onlinelearner.serde.LabelsJson;
import io.onlinelearner.topology.Source;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LearnerHttpServerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Learner LEARNER = learner();

    private final HttpClient client = HttpClient.newHttpClient();
    private final FakeDirectory directory = new FakeDirectory();
    private final FakeDirectory peerDirectory = new FakeDirectory();
    private final AtomicReference<KafkaStreams.State> state = new AtomicReference<>(KafkaStreams.State.RUNNING);
    private final LearnerObservations metrics = new LearnerObservations(10);
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private LearnerHttpServer server;
    private LearnerHttpServer peer;

    @BeforeEach
    void start() throws IOException {
        server = LearnerHttpServer.bind("127.0.0.1", 0);
        server.start(
                new LearnerHttpServer.Api(
                        directory,
                        LEARNER,
                        metrics::histories,
                        () -> "learner_stops_total 0.0\n",
                        state::get,
                        TestTopics.DEFAULT_LINEAGE),
                (route, method, status, nanos) -> requests.add(method + " " + route + " " + status));
        peer = LearnerHttpServer.bind("127.0.0.1", 0);
        peer.start(new LearnerHttpServer.Api(
                peerDirectory, LEARNER, metrics::histories, () -> "", state::get, TestTopics.DEFAULT_LINEAGE));
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

    private static ModelState trained(final double y) {
        return LEARNER.train(null, new Example(new double[] {1.0, 2.0}, y), Position.train(0, 0L))
                .state();
    }

    private HttpResponse<String> get(final String path) throws Exception {
        return send(HttpRequest.newBuilder(URI.create("http://" + server.hostPort() + path))
                .GET());
    }

    private HttpResponse<String> send(final HttpRequest.Builder request) throws Exception {
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void assertJsonError(final HttpResponse<String> response, final int status) throws Exception {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
        final JsonNode body = JSON.readTree(response.body());
        assertThat(body.get("status").asInt()).isEqualTo(status);
        assertThat(body.get("error").asText()).isNotEmpty();
    }

    private HttpResponse<String> predict(final LearnerHttpServer on, final String id, final String body)
            throws Exception {
        return send(HttpRequest.newBuilder(URI.create("http://" + on.hostPort() + "/models/" + id + "/predict"))
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    @Test
    void shouldAnswerAPredictionWithTheModelsCurrentParametersAndWriteNothing() throws Exception {
        final ModelState a = trained(3.0);
        directory.models.put("a", a);
        final HttpResponse<String> response = predict(server, "a", "{\"x\": [1.0, 2.0], \"id\": 7}");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
        final JsonNode body = JSON.readTree(response.body());
        final double[] p = a.parameters();
        assertThat(body.get("prediction").asDouble()).isEqualTo(p[0] * 1.0 + p[1] * 2.0 + p[2]);
        assertThat(body.get("status").asText()).isEqualTo("TRAINING");
        assertThat(body.get("parameters").asText()).isEqualTo("live");
        assertThat(body.get("updates").asLong()).isEqualTo(1L);
        assertThat(body.get("generation").asLong()).isZero();
        assertThat(body.get("trainedThrough").get("topic").asText()).isEqualTo("train");
        assertThat(body.get("trainedThrough").get("offset").asLong()).isZero();
        assertThat(body.has("id")).isFalse();
        assertThat(response.body())
                .isEqualTo(new String(
                        HttpJson.prediction(
                                LEARNER.predict(a, new PredictRequest(new double[] {1.0, 2.0}, null)),
                                TestTopics.DEFAULT_LINEAGE),
                        StandardCharsets.UTF_8));
        assertThat(directory.models.get("a")).isSameAs(a);
    }

    @Test
    void shouldRefuseABadPredictionBodyWithOneLineAnd404ForAnUnknownModel() throws Exception {
        directory.models.put("a", trained(3.0));
        for (final String bad : List.of(
                "not json",
                "{\"y\": 1}",
                "{\"x\": [1.0, \"two\"]}",
                "{\"x\": []}",
                "{\"x\": [1.0, 2.0, 3.0]}",
                "{\"x\": [NaN, 1.0]}",
                "")) {
            final HttpResponse<String> response = predict(server, "a", bad);
            assertJsonError(response, 400);
            assertThat(JSON.readTree(response.body()).get("error").asText())
                    .as(bad)
                    .doesNotContain("\n")
                    .startsWith("bad prediction request (");
        }
        assertThat(JSON.readTree(predict(server, "a", "{\"x\": [1.0]}").body())
                        .get("error")
                        .asText())
                .contains("wrong-dimension");
        assertJsonError(predict(server, "nobody", "{\"x\": [1.0, 2.0]}"), 404);
    }

    @Test
    void shouldRefuseAPredictionBodyOverOneMebibyteAndOtherMethodsOnPredict() throws Exception {
        directory.models.put("a", trained(3.0));
        final String big = "{\"x\": [1.0, 2.0], \"pad\": \"" + "p".repeat(RequestPolicy.MAX_BODY_BYTES) + "\"}";
        assertJsonError(predict(server, "a", big), 413);
        final byte[] chunked = big.getBytes(StandardCharsets.UTF_8);
        assertJsonError(
                send(HttpRequest.newBuilder(URI.create("http://" + server.hostPort() + "/models/a/predict"))
                        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(chunked)))),
                413);
        final HttpResponse<String> get = get("/models/a/predict");
        assertJsonError(get, 405);
        assertThat(get.headers().firstValue("Allow")).hasValue("POST");
        final HttpResponse<String> post =
                send(HttpRequest.newBuilder(URI.create("http://" + server.hostPort() + "/models/a"))
                        .POST(HttpRequest.BodyPublishers.noBody()));
        assertJsonError(post, 405);
        assertThat(post.headers().firstValue("Allow")).hasValue("GET");
    }

    @Test
    void shouldAnswer503ForAPredictionWhileTheStoreOrTheOwnerIsNotKnown() throws Exception {
        directory.complete = false;
        assertJsonError(predict(server, "b", "{\"x\": [1.0, 2.0]}"), 503);
        directory.ready = false;
        assertJsonError(predict(server, "a", "{\"x\": [1.0, 2.0]}"), 503);
    }

    @Test
    void shouldAnswerAForwardedPredictionFor503NotA404WhileThisInstanceIsBeingAssignedPartitions() throws Exception {
        final HttpRequest.Builder hop = HttpRequest.newBuilder(
                        URI.create("http://" + server.hostPort() + "/models/b/predict"))
                .header(PeerClient.HOP_HEADER, "1")
                .POST(HttpRequest.BodyPublishers.ofString("{\"x\": [1.0, 2.0]}"));
        directory.complete = false;
        final HttpResponse<String> moving = send(hop);
        assertJsonError(moving, 503);
        assertThat(JSON.readTree(moving.body()).get("error").asText())
                .isEqualTo("partitions are being assigned here (starting or rebalancing)");
        directory.complete = true;
        assertJsonError(send(hop), 404);
        directory.models.put("b", trained(1.0));
        assertThat(send(hop).statusCode()).isEqualTo(200);
    }

    @ParameterizedTest
    @ValueSource(strings = {"q?1 %41é#&+", "a/predict", "b/features", "x/y", "../up"})
    void shouldFindAndAskAModelOnAnotherInstanceWhateverCharactersItsIdHas(final String id) throws Exception {
        peerDirectory.models.put(id, trained(5.0));
        directory.peers.add(peer.hostPort());
        final String encoded = ModelPaths.of(id, "");
        final HttpResponse<String> snapshot = get(encoded);
        assertThat(snapshot.statusCode()).as(snapshot.body()).isEqualTo(200);
        assertThat(JSON.readTree(snapshot.body()).get("model").asText()).isEqualTo(id);
        final HttpResponse<String> prediction = send(HttpRequest.newBuilder(
                        URI.create("http://" + server.hostPort() + ModelPaths.of(id, RequestPolicy.PREDICT_SUFFIX)))
                .POST(HttpRequest.BodyPublishers.ofString("{\"x\": [2.0, 1.0]}")));
        assertThat(prediction.statusCode()).as(prediction.body()).isEqualTo(200);
        assertThat(JSON.readTree(prediction.body()).get("prediction").isNumber())
                .isTrue();
        assertThat(get(ModelPaths.of(id, "") + "/nothing").statusCode()).isEqualTo(404);
    }

    @Test
    void shouldPercentEncodeEveryCharacterOfAnIdButLettersDigitsAndDotDashStarUnderscoreAndReadItBack()
            throws Exception {
        assertThat(ModelPaths.of("a-Z_0.~/q?1 %41é#&+", RequestPolicy.PREDICT_SUFFIX))
                .isEqualTo("/models/a-Z_0.%7E%2Fq%3F1%20%2541%C3%A9%23%26%2B/predict");
        assertThat(ModelPaths.id(
                        "/models/a-Z_0.~%2Fq%3F1%20%2541%C3%A9%23%26%2B/predict", RequestPolicy.PREDICT_SUFFIX))
                .isEqualTo("a-Z_0.~/q?1 %41é#&+");
        assertThat(ModelPaths.id("/models/a+b", "")).isEqualTo("a+b");
        assertThat(PeerClient.uri("127.0.0.1:8080", "/models/q%3F1", "top=3"))
                .hasToString("http://127.0.0.1:8080/models/q%3F1?top=3");
    }

    @Test
    void shouldForwardAPredictionToTheModelsOwnerOnceOnly() throws Exception {
        final ModelState b = trained(5.0);
        peerDirectory.models.put("b", b);
        directory.peers.add(peer.hostPort());
        final HttpResponse<String> response = predict(server, "b", "{\"x\": [2.0, 1.0]}");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body())
                .isEqualTo(new String(
                        HttpJson.prediction(
                                LEARNER.predict(b, new PredictRequest(new double[] {2.0, 1.0}, null)),
                                TestTopics.DEFAULT_LINEAGE),
                        StandardCharsets.UTF_8));
        assertJsonError(predict(server, "b", "{\"x\": [2.0]}"), 400);
        directory.locations.put("x", ModelDirectory.Location.remote(peer.hostPort()));
        peerDirectory.locations.put("x", ModelDirectory.Location.remote(server.hostPort()));
        assertJsonError(predict(server, "x", "{\"x\": [2.0, 1.0]}"), 404);
        final String gone;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            gone = "127.0.0.1:" + socket.getLocalPort();
        }
        directory.peers.add(gone);
        assertJsonError(predict(server, "y", "{\"x\": [2.0, 1.0]}"), 503);
    }

    @Test
    void shouldShowTheLearningRateGenerationAndLineageOfAModel() throws Exception {
        directory.models.put("a", trained(3.0));
        final JsonNode snapshot = JSON.readTree(get("/models/a").body());
        assertThat(snapshot.get("lr").asDouble())
                .isEqualTo(LearnerConfig.defaults().adam().learningRate());
        assertThat(snapshot.get("generation").asLong()).isZero();
        assertThat(snapshot.get("trainedThrough").get("topic").asText()).isEqualTo("train");
        assertThat(snapshot.get("trainedThrough").get("partition").asInt()).isZero();
        final JsonNode listed = JSON.readTree(get("/models").body()).get(0);
        assertThat(listed.get("lr").asDouble()).isEqualTo(snapshot.get("lr").asDouble());
        assertThat(listed.has("generation")).isTrue();
        assertThat(listed.has("trainedThrough")).isTrue();
    }

    @Test
    void shouldReleaseThePortWhenClosedWithoutEverServing() throws IOException {
        final LearnerHttpServer unused = LearnerHttpServer.bind("127.0.0.1", 0);
        final int port = unused.port();
        unused.close();
        try (ServerSocket again = new ServerSocket(port, 0, InetAddress.getByName("127.0.0.1"))) {
            assertThat(again.getLocalPort()).isEqualTo(port);
        }
    }

    @Test
    void shouldServeTheContractSnapshotOfALocalModel() throws Exception {
        final ModelState a = trained(3.0);
        directory.models.put("a", a);
        final HttpResponse<String> response = get("/models/a");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body())
                .isEqualTo(new String(
                        JsonCodec.write(JsonCodec.value(Snapshot.of("a", a), TestTopics.DEFAULT_LINEAGE)),
                        StandardCharsets.UTF_8));
    }

    @Test
    void shouldShowServedLossAndPendingOfALocalOrRemoteModelAndInTheListWhenLabelsAreOn() throws Exception {
        final ModelState a = trained(3.0);
        final ModelState b = trained(5.0);
        final ModelLabels aLabels = new ModelLabels(2, 3, ServedLoss.of(FakeDirectory.WINDOW, new double[] {0.5, 1.5}));
        directory.models.put("a", a);
        directory.labels = new ConcurrentHashMap<>(Map.of("a", aLabels));
        peerDirectory.models.put("b", b);
        peerDirectory.labels = new ConcurrentHashMap<>();
        directory.peers.add(peer.hostPort());
        final String aJson = new String(
                JsonCodec.write(LabelsJson.value(Snapshot.of("a", a), aLabels, TestTopics.DEFAULT_LINEAGE)),
                StandardCharsets.UTF_8);
        final String bJson = new String(
                JsonCodec.write(LabelsJson.value(
                        Snapshot.of("b", b), ModelLabels.none(FakeDirectory.WINDOW), TestTopics.DEFAULT_LINEAGE)),
                StandardCharsets.UTF_8);
        assertThat(get("/models/a").body()).isEqualTo(aJson);
        assertThat(JSON.readTree(aJson).get("servedLoss").asDouble()).isEqualTo(1.0);
        assertThat(JSON.readTree(aJson).get("pending").asLong()).isEqualTo(2L);
        assertThat(get("/models/b").body()).isEqualTo(bJson);
        assertThat(JSON.readTree(bJson).get("servedLoss").isNull()).isTrue();
        assertThat(JSON.readTree(bJson).get("pending").asLong()).isZero();
        assertThat(get("/models").body()).isEqualTo("[" + aJson + "," + bJson + "]");
    }

    /** The JDK's server cuts off a request not received within 10 s (operations.md), unless -D set it. */
    @Test
    void shouldLimitTheTimeARequestMayTakeToArrive() {
        assertThat(System.getProperty("sun.net.httpserver.maxReqTime")).isEqualTo("10");
    }

    @Test
    void shouldShowNoLabelFieldsWhenLabelsAreOff() throws Exception {
        directory.models.put("a", trained(3.0));
        final JsonNode snapshot = JSON.readTree(get("/models/a").body());
        assertThat(snapshot.has("servedLoss")).isFalse();
        assertThat(snapshot.has("pending")).isFalse();
        assertThat(JSON.readTree(get("/models").body()).get(0).has("pending")).isFalse();
    }

    @Test
    void shouldAnswer404ForAnUnknownModelAndAnUnknownPath() throws Exception {
        assertJsonError(get("/models/nobody"), 404);
        assertJsonError(get("/models/"), 404);
        assertJsonError(get("/nothing"), 404);
    }

    @Test
    void shouldTellOfEveryAnswerByRouteTemplateMethodAndStatus() throws Exception {
        directory.models.put("a", trained(3.0));
        get("/models/a");
        get("/models/nobody");
        get("/health");
        get("/nothing");
        assertThat(requests)
                .containsExactly("GET /models/{id} 200", "GET /models/{id} 404", "GET /health 200", "GET other 404");
    }

    @Test
    void shouldAnswer500NamingTheModelWhoseStateCannotBeRead() throws Exception {
        directory.unreadable.add("old");
        final HttpResponse<String> response = get("/models/old");
        assertJsonError(response, 500);
        assertThat(response.body())
                .contains("the stored state of model 'old' cannot be read (model state has format version 99)");
    }

    @Test
    void shouldAnswer405ForOtherMethodsThanGet() throws Exception {
        final HttpResponse<String> response =
                send(HttpRequest.newBuilder(URI.create("http://" + server.hostPort() + "/models/a"))
                        .DELETE());
        assertJsonError(response, 405);
        assertThat(response.headers().firstValue("Allow")).hasValue("GET");
    }

    @Test
    void shouldAnswerAHeadRequestWithHeadersOnlyAndNoWarningFromTheServer() throws Exception {
        final List<LogRecord> warnings = new CopyOnWriteArrayList<>();
        final Handler handler = new Handler() {
            @Override
            public void publish(final LogRecord record) {
                if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
                    warnings.add(record);
                }
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        final Logger jdkServer = Logger.getLogger("com.sun.net.httpserver");
        jdkServer.addHandler(handler);
        try {
            final HttpResponse<String> response =
                    send(HttpRequest.newBuilder(URI.create("http://" + server.hostPort() + "/health"))
                            .method("HEAD", HttpRequest.BodyPublishers.noBody()));
            assertThat(response.statusCode()).isEqualTo(405);
            assertThat(response.headers().firstValue("Allow")).hasValue("GET");
            assertThat(response.body()).isEmpty();
        } finally {
            jdkServer.removeHandler(handler);
        }
        assertThat(warnings).extracting(LogRecord::getMessage).isEmpty();
    }

    @Test
    void shouldRefuseARequestBodyAndAnOverlongUri() throws Exception {
        directory.models.put("a", trained(3.0));
        assertJsonError(
                send(HttpRequest.newBuilder(URI.create("http://" + server.hostPort() + "/models/a"))
                        .method("GET", HttpRequest.BodyPublishers.ofString("{\"x\": 1}"))),
                413);
        assertJsonError(get("/models/" + "a".repeat(RequestPolicy.MAX_URI_LENGTH)), 414);
    }

    @Test
    void shouldAnswer503UntilTheStreamsClientRunsAndStayUpDuringALaterRebalance() throws Exception {
        state.set(KafkaStreams.State.REBALANCING);
        assertThat(get("/health").statusCode()).isEqualTo(503);
        assertThat(JSON.readTree(get("/health").body()).get("state").asText()).isEqualTo("REBALANCING");
        state.set(KafkaStreams.State.RUNNING);
        final HttpResponse<String> up = get("/health");
        assertThat(up.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(up.body()).get("status").asText()).isEqualTo("UP");
        state.set(KafkaStreams.State.REBALANCING);
        assertThat(get("/health").statusCode()).isEqualTo(200);
        state.set(KafkaStreams.State.ERROR);
        assertThat(get("/health").statusCode()).isEqualTo(503);
    }

    @Test
    void shouldStayUpDuringARebalanceAfterARunNoOneAskedAbout() throws Exception {
        state.set(KafkaStreams.State.REBALANCING);
        server.observe(KafkaStreams.State.REBALANCING);
        server.observe(KafkaStreams.State.RUNNING);
        server.observe(KafkaStreams.State.REBALANCING);
        assertThat(get("/health").statusCode()).isEqualTo(200);
    }

    @Test
    void shouldAnswer503WhileTheStoreCannotBeQueried() throws Exception {
        directory.ready = false;
        assertJsonError(get("/models/a"), 503);
        assertJsonError(get("/models"), 503);
    }

    @Test
    void shouldAnswer503ForAModelNoOneHasWhilePartitionsAreBeingAssigned() throws Exception {
        directory.complete = false;
        assertJsonError(get("/models/b"), 503);
        assertJsonError(get("/models"), 503);
        directory.complete = true;
        assertThat(get("/models").statusCode()).isEqualTo(200);
    }

    @Test
    void shouldAnswer503WhenPartitionsMoveWhileAModelIsLookedUpOrAListIsRead() throws Exception {
        directory.duringFind = () -> directory.moves++;
        directory.duringPage = () -> directory.moves++;
        final HttpResponse<String> model = get("/models/b");
        assertJsonError(model, 503);
        assertThat(JSON.readTree(model.body()).get("error").asText())
                .isEqualTo("model 'b' not found while partitions are being assigned (starting or rebalancing)");
        final HttpResponse<String> list = get("/models");
        assertJsonError(list, 503);
        assertThat(JSON.readTree(list.body()).get("error").asText())
                .isEqualTo("partitions moved while the list was gathered (rebalancing); it could miss models");
        directory.duringFind = () -> {};
        directory.duringPage = () -> {};
        assertJsonError(get("/models/b"), 404);
        assertThat(get("/models").statusCode()).isEqualTo(200);
    }

    @Test
    void shouldServePrometheusTextAndThePage() throws Exception {
        final HttpResponse<String> metricsText = get("/metrics");
        assertThat(metricsText.statusCode()).isEqualTo(200);
        assertThat(metricsText.headers().firstValue("Content-Type"))
                .hasValue("text/plain; version=0.0.4; charset=utf-8");
        assertThat(metricsText.body()).isEqualTo("learner_stops_total 0.0\n");
        final HttpResponse<String> page = get("/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        assertThat(page.body())
                .contains("createElementNS", "api/history", "<link rel=\"icon\" href=\"data:,\">")
                .doesNotContain("<script src", "<link rel=\"stylesheet");
        assertThat(page.body().split("<link", -1))
                .as("one link, the empty inline icon: the browser asks for no /favicon.ico")
                .hasSize(2);
    }

    @Test
    void shouldFetchARemoteModelFromWhicheverInstanceHasIt() throws Exception {
        final ModelState b = trained(5.0);
        peerDirectory.models.put("b", b);
        directory.peers.add(peer.hostPort());
        final HttpResponse<String> response = get("/models/b");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body())
                .isEqualTo(new String(
                        JsonCodec.write(JsonCodec.value(Snapshot.of("b", b), TestTopics.DEFAULT_LINEAGE)),
                        StandardCharsets.UTF_8));
        assertJsonError(get("/models/c"), 404);
    }

    @Test
    void shouldNotForwardAgainARequestFromAnotherInstance() throws Exception {
        directory.peers.add(peer.hostPort());
        peerDirectory.peers.add(server.hostPort());
        directory.locations.put("x", ModelDirectory.Location.remote(peer.hostPort()));
        peerDirectory.locations.put("x", ModelDirectory.Location.remote(server.hostPort()));
        assertJsonError(get("/models/x"), 404);
    }

    @Test
    void shouldAnswer503WhenAnInstanceDoesNotAnswerAndNoOtherHasTheModel() throws Exception {
        final String address;
        try (ServerSocket gone = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            address = "127.0.0.1:" + gone.getLocalPort();
        }
        directory.peers.add(address);
        final HttpResponse<String> answer = get("/models/b");
        assertJsonError(answer, 503);
        assertThat(JSON.readTree(answer.body()).get("error").asText())
                .startsWith("model 'b' not found, and not every instance could answer: " + address
                        + ": did not answer (ConnectException")
                .doesNotContain("null");
    }

    @Test
    void shouldServeTheHistoryOfTheInstancesThatAnswerAndNameThoseThatDoNot() throws Exception {
        metrics.onOutcome(
                "a",
                Source.TRAIN,
                LEARNER.train(null, new Example(new double[] {1.0, 2.0}, 3.0), Position.train(0, 0L)));
        final String gone;
        try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            gone = "127.0.0.1:" + closed.getLocalPort();
        }
        directory.peers.add(gone);
        final HttpResponse<String> history = get("/api/history");
        assertThat(history.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(history.body()))
                .extracting(m -> m.get("model").asText())
                .containsExactly("a");
        assertThat(history.headers().firstValue("Learner-Unanswered")).hasValue(gone);
        directory.peers.clear();
        assertThat(get("/api/history").headers().firstValue("Learner-Unanswered"))
                .isEmpty();
    }

    @Test
    void shouldListTheModelsOfEveryInstance() throws Exception {
        directory.models.put("a", trained(1.0));
        peerDirectory.models.put("b", trained(2.0));
        directory.peers.add(peer.hostPort());
        peerDirectory.peers.add(server.hostPort());
        final JsonNode list = JSON.readTree(get("/models").body());
        assertThat(list).hasSize(2);
        assertThat(list.get(0).get("model").asText()).isEqualTo("a");
        assertThat(list.get(1).get("model").asText()).isEqualTo("b");
        assertThat(list.get(1).get("updates").asLong()).isEqualTo(1L);
    }

    @Test
    void shouldAnswer503ForAListThatWouldMissTheModelsOfAnInstanceThatDoesNotAnswer() throws Exception {
        directory.models.put("a", trained(1.0));
        final LearnerHttpServer unused = LearnerHttpServer.bind("127.0.0.1", 0);
        final String gone = unused.hostPort();
        unused.close();
        directory.peers.add(gone);
        final HttpResponse<String> list = get("/models");
        assertJsonError(list, 503);
        assertThat(JSON.readTree(list.body()).get("error").asText())
                .startsWith("the instance at " + gone + " did not answer (")
                .endsWith("); the list would miss its models");
        peerDirectory.ready = false;
        directory.peers.clear();
        directory.peers.add(peer.hostPort());
        assertJsonError(get("/models"), 503);
    }

    @Test
    void shouldAnswer503ForAModelNotFoundWhileAnotherInstanceIsStillBeingAssignedItsPartitions() throws Exception {
        directory.peers.add(peer.hostPort());
        peerDirectory.complete = false;
        final HttpResponse<String> answer = get("/models/b");
        assertJsonError(answer, 503);
        assertThat(JSON.readTree(answer.body()).get("error").asText())
                .isEqualTo("model 'b' not found, and not every instance could answer: " + peer.hostPort()
                        + ": not ready (503)");
        peerDirectory.complete = true;
        assertJsonError(get("/models/b"), 404);
    }

    @Test
    void shouldAnswer503ForAListWhileAnotherInstanceIsStillBeingAssignedItsPartitions() throws Exception {
        directory.models.put("a", trained(1.0));
        peerDirectory.models.put("b", trained(2.0));
        directory.peers.add(peer.hostPort());
        peerDirectory.complete = false;
        final HttpResponse<String> list = get("/models");
        assertJsonError(list, 503);
        assertThat(JSON.readTree(list.body()).get("error").asText())
                .isEqualTo("the instance at " + peer.hostPort() + " answered 503; the list would miss its models");
        peerDirectory.complete = true;
        assertThat(JSON.readTree(get("/models").body())).hasSize(2);
    }

    @Test
    void shouldListAModelHeldHereAndByAnotherInstanceOnceWithThisInstancesSnapshot() throws Exception {
        final ModelState a = trained(1.0);
        directory.models.put("a", a);
        peerDirectory.models.put("a", trained(2.0));
        directory.peers.add(peer.hostPort());
        assertThat(get("/models").body())
                .isEqualTo("["
                        + new String(
                                JsonCodec.write(JsonCodec.value(Snapshot.of("a", a), TestTopics.DEFAULT_LINEAGE)),
                                StandardCharsets.UTF_8)
                        + "]");
    }

    @Test
    void shouldServeTheHistoryOfEveryTrackedModel() throws Exception {
        ModelState s = null;
        for (int i = 0; i < 20; i++) {
            final var outcome = LEARNER.train(s, new Example(new double[] {1.0, 2.0}, 3.0), Position.train(0, 0L));
            metrics.onOutcome("m", Source.TRAIN, outcome);
            s = outcome.state();
        }
        final JsonNode history = JSON.readTree(get("/api/history").body());
        assertThat(history).hasSize(1);
        final JsonNode m = history.get(0);
        assertThat(m.get("model").asText()).isEqualTo("m");
        assertThat(m.get("snapshot").get("updates").asLong()).isEqualTo(20L);
        assertThat(m.get("train")).hasSize(2);
        assertThat(m.get("train").get(1).get(0).asLong()).isEqualTo(20L);
        assertThat(m.get("train").get(1).get(1).asDouble()).isEqualTo(s.trainLoss());
        assertThat(m.get("rounds")).isEmpty();
        assertThat(m.get("stoppedRound").isNull()).isTrue();
    }
}
