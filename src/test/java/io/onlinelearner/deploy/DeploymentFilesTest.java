package io.onlinelearner.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.onlinelearner.config.LearnerConfig;
import io.onlinelearner.config.LearnerSettings;
import io.onlinelearner.learner.Learner;
import io.onlinelearner.metrics.LearnerObservations;
import io.onlinelearner.metrics.MetricsRegistry;
import io.onlinelearner.model.Example;
import io.onlinelearner.model.Position;
import io.onlinelearner.topology.Source;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * No Docker engine runs in CI, so this test reads the deployment files instead of running them:
 * docker-compose.yml, the Dockerfile, config/prometheus.yml, Grafana's provisioning and dashboard
 * must agree with config/learner.properties and config/learner-docker.properties on topics, ports,
 * keys and metric names.
 */
class DeploymentFilesTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern METRIC = Pattern.compile("\\b(?:learner|kafka)_[a-z_]+");

    private static Properties reference;
    private static Properties docker;
    private static JsonNode services;

    @BeforeAll
    static void load() throws IOException {
        reference = properties("config/learner.properties");
        docker = properties("config/learner-docker.properties");
        services = YAML.readTree(Path.of("docker-compose.yml").toFile()).path("services");
    }

    @Test
    void shouldParseTheDockerConfigWithTheBrokerServiceAndEveryInterface() {
        final LearnerConfig dockerConfig = LearnerConfig.parse(docker);
        assertThat(dockerConfig.streams().getProperty("bootstrap.servers")).isEqualTo("kafka:9092");
        assertThat(dockerConfig.httpHost()).isEqualTo("0.0.0.0");
        assertThat(dockerConfig.httpPort())
                .isEqualTo(Integer.parseInt(reference.getProperty(LearnerSettings.HTTP_PORT.key())));
        assertThat(dockerConfig.topics()).isEqualTo(LearnerConfig.defaults().topics());
    }

    @Test
    void shouldUseOnlyLearnerKeysThatConfigLearnerPropertiesLists() {
        final List<String> unknown = docker.stringPropertyNames().stream()
                .filter(key -> key.startsWith(LearnerSettings.PREFIX))
                .filter(key -> LearnerSettings.forKey(key) == null || !reference.containsKey(key))
                .toList();
        assertThat(unknown).isEmpty();
    }

    @Test
    void shouldLetTheLearnerCreateItsTopicsOnceTheBrokerAnswers() {
        final LearnerConfig dockerConfig = LearnerConfig.parse(docker);
        assertThat(dockerConfig.provisioning().create()).isTrue();
        assertThat(dockerConfig.provisioning().partitions()).isEqualTo(4);
        assertThat(dockerConfig.provisioning().replicationFactor()).isEqualTo((short) 1);
        assertThat(services.has("topics")).as("no one-shot topics service").isFalse();
        assertThat(services.path("learner")
                        .path("depends_on")
                        .path("kafka")
                        .path("condition")
                        .asText())
                .isEqualTo("service_healthy");
    }

    @Test
    void shouldRunTheLearnerAsAStaticGroupMember() {
        assertThat(docker.getProperty("group.instance.id")).isEqualTo("learner");
    }

    @Test
    void shouldAdvertiseTheBrokerWhereTheLearnerLooksForIt() {
        final String advertised = services.path("kafka")
                .path("environment")
                .path("KAFKA_ADVERTISED_LISTENERS")
                .asText();
        assertThat(advertised.split(",")).contains("PLAINTEXT://" + docker.getProperty("bootstrap.servers"));
        assertThat(texts(services.path("kafka").path("ports"))).containsExactly("9092:29092");
    }

    @Test
    void shouldPublishTheLearnerOnItsHttpPortAndTheToolsOnTheirUsualPorts() {
        final String port = reference.getProperty(LearnerSettings.HTTP_PORT.key());
        assertThat(texts(services.path("learner").path("ports"))).containsExactly(port + ":" + port);
        assertThat(texts(services.path("prometheus").path("ports"))).containsExactly("9090:9090");
        assertThat(texts(services.path("grafana").path("ports"))).containsExactly("3000:3000");
    }

    @Test
    void shouldScrapeTheLearnersMetricsEndpoint() throws IOException {
        final JsonNode jobs =
                YAML.readTree(Path.of("config/prometheus.yml").toFile()).path("scrape_configs");
        assertThat(jobs).hasSize(1);
        assertThat(jobs.get(0).path("metrics_path").asText()).isEqualTo("/metrics");
        assertThat(texts(jobs.get(0).path("static_configs").get(0).path("targets")))
                .containsExactly("learner:" + dockerHttpPort());
        assertThat(texts(services.path("prometheus").path("volumes")))
                .containsExactly("./config/prometheus.yml:/etc/prometheus/prometheus.yml:ro");
    }

    @Test
    void shouldQueryExactlyTheLearnerObservationsThatTheLearnerServes() throws IOException {
        final Set<String> learner = new TreeSet<>();
        dashboardMetrics().stream().filter(name -> name.startsWith("learner_")).forEach(learner::add);
        assertThat(learner).containsExactlyInAnyOrderElementsOf(servedLearnerObservations());
    }

    @Test
    void shouldChartPredictionsEventsLearningRateDriftAndMisrouting() throws IOException {
        assertThat(dashboardMetrics())
                .contains(
                        "learner_predictions_total",
                        "learner_events_total",
                        "learner_learning_rate",
                        "learner_drift_statistic",
                        "learner_misrouted_records_total");
    }

    /** The learner_* series names in a real scrape of the learner's registry, with one model known. */
    private static Set<String> servedLearnerObservations() {
        final LearnerObservations metrics = new LearnerObservations(10);
        final LearnerConfig config = LearnerConfig.defaults();
        metrics.onOutcome(
                "m",
                Source.TRAIN,
                new Learner(config.model(), config.adam(), config.stopping())
                        .train(null, new Example(new double[] {1.0}, 2.0), Position.train(0, 0L)));
        try (MetricsRegistry registry = MetricsRegistry.create(metrics, true)) {
            final Set<String> names = new TreeSet<>();
            final java.util.regex.Matcher m =
                    Pattern.compile("(?m)^(learner_[a-z_]+)[{ ]").matcher(registry.scrape());
            while (m.find()) {
                names.add(m.group(1));
            }
            assertThat(names)
                    .contains(
                            "learner_records_total",
                            "learner_round_loss",
                            "learner_best_loss",
                            "learner_train_loss",
                            "learner_stops_total",
                            "learner_models");
            return names;
        }
    }

    @Test
    void shouldQueryKafkaStreamsMetrics() throws IOException {
        assertThat(dashboardMetrics().stream().filter(name -> name.startsWith("kafka_stream_")))
                .containsExactlyInAnyOrder(
                        "kafka_stream_thread_process_rate",
                        "kafka_stream_thread_commit_latency_avg",
                        "kafka_stream_alive_stream_threads");
    }

    @Test
    void shouldQueryTheProvisionedPrometheusDataSource() throws IOException {
        final JsonNode source = YAML.readTree(Path.of("config/grafana/provisioning/datasources/prometheus.yml")
                        .toFile())
                .path("datasources")
                .get(0);
        assertThat(source.path("url").asText()).isEqualTo("http://prometheus:9090");
        final Set<String> uids = new TreeSet<>(dashboard().findValuesAsText("uid"));
        uids.remove("online-learner");
        assertThat(uids).containsExactly(source.path("uid").asText());
    }

    @Test
    void shouldMountTheDashboardWhereTheProvisioningLooksForIt() throws IOException {
        final JsonNode provider = YAML.readTree(Path.of("config/grafana/provisioning/dashboards/online-learner.yml")
                        .toFile())
                .path("providers")
                .get(0);
        assertThat(texts(services.path("grafana").path("volumes")))
                .containsExactly(
                        "./config/grafana/provisioning:/etc/grafana/provisioning:ro",
                        "./config/grafana/dashboards:"
                                + provider.path("options").path("path").asText() + ":ro");
    }

    @Test
    void shouldCopyTheShadedJarAndRunTheDockerConfig() throws IOException {
        final List<String> instructions = Files.readAllLines(Path.of("Dockerfile")).stream()
                .filter(line -> !line.isBlank() && !line.startsWith("#") && !line.startsWith(" "))
                .toList();
        assertThat(instructions)
                .contains(
                        "COPY target/online-learner.jar /app/online-learner.jar",
                        "COPY config/ /app/config/",
                        "EXPOSE " + dockerHttpPort());
        assertThat(instructions)
                .filteredOn(line -> line.startsWith("CMD "))
                .containsExactly("CMD [\"run\", \"--config\", \"/app/config/learner-docker.properties\"]");
        assertThat(services.path("learner").path("build").asText()).isEqualTo(".");
    }

    private static int dockerHttpPort() {
        return LearnerConfig.parse(docker).httpPort();
    }

    private static Set<String> dashboardMetrics() throws IOException {
        final JsonNode dashboard = dashboard();
        final List<String> queries = new ArrayList<>(dashboard.findValuesAsText("expr"));
        queries.addAll(dashboard.path("templating").findValuesAsText("definition"));
        final Set<String> names = new TreeSet<>();
        for (final String query : queries) {
            final Matcher matcher = METRIC.matcher(query);
            while (matcher.find()) {
                names.add(matcher.group());
            }
        }
        return names;
    }

    private static JsonNode dashboard() throws IOException {
        return JSON.readTree(
                Path.of("config/grafana/dashboards/online-learner.json").toFile());
    }

    private static List<String> texts(final JsonNode array) {
        final List<String> texts = new ArrayList<>();
        array.forEach(node -> texts.add(node.asText()));
        return texts;
    }

    private static Properties properties(final String file) throws IOException {
        final Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(Path.of(file))) {
            properties.load(reader);
        }
        return properties;
    }
}
