package io.onlinelearner.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.onlinelearner.app.LearnerApplication;
import io.onlinelearner.config.LearnerConfig;
import io.onlinelearner.config.LearnerSettings;
import io.onlinelearner.store.BoundedMemoryRocksDBConfig;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * No cluster runs in CI, so this test reads deploy/kubernetes/ instead of applying it: the
 * manifests must agree with the learner's configuration keys, its HTTP port, its state directory
 * and its close timeout.
 */
class KubernetesManifestsTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Path FOLDER = Path.of("deploy", "kubernetes");

    private static Map<String, JsonNode> byKind;
    private static Properties properties;
    private static JsonNode pod;
    private static JsonNode container;

    @BeforeAll
    static void load() throws IOException {
        byKind = new TreeMap<>();
        try (Stream<Path> files = Files.list(FOLDER)) {
            for (final Path file :
                    files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                final JsonNode manifest = YAML.readTree(file.toFile());
                assertThat(byKind.put(manifest.path("kind").asText(), manifest))
                        .as("one manifest per kind")
                        .isNull();
            }
        }
        properties = new Properties();
        properties.load(new StringReader(
                byKind.get("ConfigMap").path("data").path("learner.properties").asText()));
        pod = byKind.get("StatefulSet").path("spec").path("template").path("spec");
        container = pod.path("containers").get(0);
    }

    private static int httpPort() {
        return LearnerConfig.parse(properties).httpPort();
    }

    private static String command() {
        final List<String> parts = new ArrayList<>();
        container.path("command").forEach(part -> parts.add(part.asText()));
        return String.join(" ", parts);
    }

    private static JsonNode named(final JsonNode array, final String name) {
        for (final JsonNode item : array) {
            if (name.equals(item.path("name").asText())) {
                return item;
            }
        }
        throw new AssertionError("no item named " + name + " in " + array);
    }

    @Test
    void shouldHoldAStatefulSetAHeadlessServiceAConfigMapAndAPodDisruptionBudget() {
        assertThat(byKind.keySet()).containsExactly("ConfigMap", "PodDisruptionBudget", "Service", "StatefulSet");
        assertThat(byKind.get("Service").path("spec").path("clusterIP").asText())
                .isEqualTo("None");
        assertThat(byKind.get("StatefulSet").path("spec").path("serviceName").asText())
                .isEqualTo(byKind.get("Service").path("metadata").path("name").asText());
    }

    @Test
    void shouldConfigureOnlyKeysTheLearnerDefinesWithValuesItAccepts() {
        final List<String> unknown = properties.stringPropertyNames().stream()
                .filter(key -> key.startsWith(LearnerSettings.PREFIX))
                .filter(key -> LearnerSettings.forKey(key) == null)
                .toList();
        assertThat(unknown).isEmpty();
        final LearnerConfig config = LearnerConfig.parse(properties);
        assertThat(config.httpHost()).as("reachable from the other pods").isEqualTo("0.0.0.0");
        assertThat(config.hasBootstrapServers()).isTrue();
        assertThat(properties.getProperty("application.server"))
                .as("each pod appends its own")
                .isNull();
    }

    @Test
    void shouldServeTheLearnersHttpPortInThePodTheServiceAndTheReadinessProbe() {
        final JsonNode port = named(container.path("ports"), "http");
        assertThat(port.path("containerPort").asInt()).isEqualTo(httpPort());
        final JsonNode servicePort =
                byKind.get("Service").path("spec").path("ports").get(0);
        assertThat(servicePort.path("port").asInt()).isEqualTo(httpPort());
        assertThat(servicePort.path("targetPort").asText()).isEqualTo("http");
        final JsonNode readiness = container.path("readinessProbe").path("httpGet");
        assertThat(readiness.path("path").asText()).isEqualTo("/health");
        assertThat(readiness.path("port").asText()).isEqualTo("http");
    }

    @Test
    void shouldAdvertiseTheStableDnsNameOfThePodFromTheDownwardApi() {
        assertThat(named(container.path("env"), "POD_NAME")
                        .path("valueFrom")
                        .path("fieldRef")
                        .path("fieldPath")
                        .asText())
                .isEqualTo("metadata.name");
        assertThat(named(container.path("env"), "POD_NAMESPACE")
                        .path("valueFrom")
                        .path("fieldRef")
                        .path("fieldPath")
                        .asText())
                .isEqualTo("metadata.namespace");
        final String service =
                byKind.get("Service").path("metadata").path("name").asText();
        assertThat(command())
                .contains("application.server=${POD_NAME}." + service + ".${POD_NAMESPACE}.svc.cluster.local:"
                        + httpPort());
    }

    @Test
    void shouldRunWithTheConfigMapsFileAndKeepTheStateDirectoryOnThePersistentVolume() {
        final String configPath = named(container.path("volumeMounts"), "config")
                        .path("mountPath")
                        .asText()
                + "/learner.properties";
        assertThat(command()).contains("cp " + configPath + " /tmp/learner.properties");
        assertThat(command()).contains("exec java").contains("run --config /tmp/learner.properties");
        assertThat(named(pod.path("volumes"), "config")
                        .path("configMap")
                        .path("name")
                        .asText())
                .isEqualTo(byKind.get("ConfigMap").path("metadata").path("name").asText());
        assertThat(named(container.path("volumeMounts"), "state")
                        .path("mountPath")
                        .asText())
                .isEqualTo(properties.getProperty("state.dir"));
        assertThat(byKind.get("StatefulSet")
                        .path("spec")
                        .path("volumeClaimTemplates")
                        .get(0)
                        .path("metadata")
                        .path("name")
                        .asText())
                .isEqualTo("state");
    }

    @Test
    void shouldGiveTheLearnerTimeToCloseAfterThePreStopPause() {
        final List<String> preStop = new ArrayList<>();
        container.path("lifecycle").path("preStop").path("exec").path("command").forEach(c -> preStop.add(c.asText()));
        assertThat(preStop).hasSize(2).first().isEqualTo("sleep");
        final long pause = Long.parseLong(preStop.get(1));
        assertThat(pod.path("terminationGracePeriodSeconds").asLong())
                .isGreaterThan(pause + LearnerApplication.CLOSE_TIMEOUT.toSeconds());
    }

    @Test
    void shouldSelectTheStatefulSetsPodsInTheServiceAndTheDisruptionBudget() {
        final JsonNode labels = byKind.get("StatefulSet")
                .path("spec")
                .path("template")
                .path("metadata")
                .path("labels");
        final JsonNode selector =
                byKind.get("StatefulSet").path("spec").path("selector").path("matchLabels");
        assertThat(selector).isEqualTo(labels);
        assertThat(byKind.get("Service").path("spec").path("selector")).isEqualTo(labels);
        assertThat(byKind.get("PodDisruptionBudget")
                        .path("spec")
                        .path("selector")
                        .path("matchLabels"))
                .isEqualTo(labels);
        assertThat(byKind.get("PodDisruptionBudget")
                        .path("spec")
                        .path("maxUnavailable")
                        .asInt())
                .isEqualTo(1);
    }

    @Test
    void shouldLeaveMemoryForTheStoresBoundAboveTheHeap() {
        final LearnerConfig config = LearnerConfig.parse(properties);
        final long storeBytes =
                Long.parseLong(config.streams().getProperty(BoundedMemoryRocksDBConfig.TOTAL_BYTES_CONFIG));
        assertThat(command()).contains("-Xmx1g");
        final String limit =
                container.path("resources").path("limits").path("memory").asText();
        assertThat(limit).endsWith("Mi");
        final long limitBytes = Long.parseLong(limit.substring(0, limit.length() - 2)) << 20;
        assertThat(limitBytes).isGreaterThan((1L << 30) + storeBytes);
    }
}
