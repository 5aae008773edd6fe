package io.onlinelearner.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.onlinelearner.config.LearnerConfig;
import io.onlinelearner.config.LearnerSettings;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.streams.TopologyDescription;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;

/** The inputs re-keyed through repartition topics learn exactly what the direct inputs learn. */
class InputRoutingTest {

    private static final String WINDOW = "3";

    @Test
    void shouldLeaveTheTopologyOneSubTopologyWithoutRepartition() {
        final TopologyDescription description =
                LearnerTopology.build(LearnerConfig.defaults()).describe();
        assertThat(description.subtopologies()).hasSize(1);
        assertThat(description.toString()).doesNotContain("repartition");
    }

    @Test
    void shouldReKeyEveryInputInOneSubTopologyThroughOneRepartitionTopicWhenAsked() {
        final LearnerConfig config = LearnerConfig.builder()
                .set(LearnerSettings.INPUT_REPARTITION, true)
                .build();
        final TopologyDescription description = LearnerTopology.build(config).describe();
        assertThat(description.subtopologies())
                .as("one sub-topology re-keys every input (its task orders them by timestamp), one learns")
                .hasSize(2);
        final TopologyDescription.Subtopology rekeying = description.subtopologies().stream()
                .filter(sub ->
                        sub.nodes().stream().noneMatch(node -> node.name().equals(Names.LEARNER)))
                .findFirst()
                .orElseThrow();
        assertThat(sourceTopics(rekeying))
                .containsExactlyInAnyOrderElementsOf(
                        LearnerConfig.defaults().topics().inputs(false));
        final TopologyDescription.Subtopology learning = description.subtopologies().stream()
                .filter(sub -> sub != rekeying)
                .findFirst()
                .orElseThrow();
        assertThat(sourceTopics(learning)).containsExactly(InputRouting.REPARTITION + "-repartition");
    }

    private static List<String> sourceTopics(final TopologyDescription.Subtopology subtopology) {
        return subtopology.nodes().stream()
                .filter(node -> node instanceof TopologyDescription.Source)
                .flatMap(node -> ((TopologyDescription.Source) node).topicSet().stream())
                .toList();
    }

    @Test
    void shouldNameTheSubTopologyThatHoldsTheStoresWithAndWithoutRepartition() {
        assertThat(LearnerTopology.storeSubtopology(LearnerTopology.build(LearnerConfig.defaults())))
                .isZero();
        final TopologyDescription rekeyed = LearnerTopology.build(LearnerConfig.builder()
                        .set(LearnerSettings.INPUT_REPARTITION, true)
                        .build())
                .describe();
        final TopologyDescription.Subtopology holder = rekeyed.subtopologies().stream()
                .filter(sub -> sub.nodes().stream()
                        .anyMatch(node -> node instanceof TopologyDescription.Processor processor
                                && processor.stores().contains(Names.STORE)))
                .findFirst()
                .orElseThrow();
        assertThat(LearnerTopology.storeSubtopology(LearnerTopology.build(LearnerConfig.builder()
                        .set(LearnerSettings.INPUT_REPARTITION, true)
                        .build())))
                .isEqualTo(holder.id())
                .isNotZero();
    }

    @Test
    void shouldLearnTheSameSnapshotsStopsAndStatesWithInputsRekeyed() {
        final Run direct = run("false");
        final Run rekeyed = run("true");
        assertThat(rekeyed.snapshots()).isNotEmpty().isEqualTo(direct.snapshots());
        assertThat(rekeyed.stops()).isNotEmpty().isEqualTo(direct.stops());
        assertThat(rekeyed.states()).isEqualTo(direct.states());
    }

    @Test
    void shouldNameTheOriginalInputInADeadLetterAndDropTheOriginHeaders() {
        try (LearnerDriver driver = driver("true")) {
            driver.validate("m", "{\"x\": 1.0, \"y\": 1.0}");
            driver.validate("m", "not json");
            final TestRecord<byte[], byte[]> dead = driver.deadLetters().readRecord();
            assertThat(new String(dead.key(), StandardCharsets.UTF_8)).isEqualTo("m");
            assertThat(header(dead, DeadLetters.TOPIC))
                    .isEqualTo(LearnerConfig.defaults().topics().validation());
            assertThat(header(dead, DeadLetters.PARTITION)).isEqualTo("0");
            assertThat(header(dead, DeadLetters.OFFSET)).isEqualTo("1");
            assertThat(dead.headers().headers(Origin.TOPIC)).isEmpty();
            assertThat(dead.headers().headers(Origin.OFFSET)).isEmpty();
        }
    }

    @Test
    void shouldTrainTheDefaultModelFromNullAndEmptyKeysWhenRekeyed() {
        try (LearnerDriver driver = driver("true")) {
            driver.pipe(true, null, "{\"x\": 1.0, \"y\": 1.0}".getBytes(StandardCharsets.UTF_8));
            driver.pipe(true, new byte[0], "{\"x\": 1.0, \"y\": 1.0}".getBytes(StandardCharsets.UTF_8));
            assertThat(driver.state(Names.DEFAULT_MODEL).updates()).isEqualTo(2);
        }
    }

    @Test
    void shouldKeepANullOrEmptyKeyInADeadLetterWhenRekeyed() {
        for (final String repartition : List.of("false", "true")) {
            try (LearnerDriver driver = driver(repartition)) {
                for (final Source source : Source.read(false)) {
                    driver.pipe(source, null, "not json".getBytes(StandardCharsets.UTF_8));
                    driver.pipe(source, new byte[0], "not json".getBytes(StandardCharsets.UTF_8));
                }
                final List<TestRecord<byte[], byte[]>> dead =
                        driver.deadLetters().readRecordsToList();
                assertThat(dead).hasSize(2 * Source.read(false).size());
                for (int i = 0; i < dead.size(); i++) {
                    assertThat(dead.get(i).key())
                            .as("dead letter %d with repartition=%s", i, repartition)
                            .isEqualTo(i % 2 == 0 ? null : new byte[0]);
                    assertThat(dead.get(i).headers().headers(Origin.KEY)).isEmpty();
                }
                assertThat(driver.store().get(Names.DEFAULT_MODEL)).isNull();
            }
        }
    }

    @Test
    void shouldNotTrustAProducersOriginalKeyHeader() {
        try (LearnerDriver driver = driver("true")) {
            final TestRecord<byte[], byte[]> forged =
                    new TestRecord<>("m".getBytes(StandardCharsets.UTF_8), "not json".getBytes(StandardCharsets.UTF_8));
            forged.headers().add(Origin.KEY, "other".getBytes(StandardCharsets.UTF_8));
            driver.pipe(Source.TRAIN, forged);
            final TestRecord<byte[], byte[]> dead = driver.deadLetters().readRecord();
            assertThat(new String(dead.key(), StandardCharsets.UTF_8)).isEqualTo("m");
            assertThat(dead.headers().headers(Origin.KEY)).isEmpty();
        }
    }

    @Test
    void shouldSendARekeyedRecordWhoseOriginNamesNoInputToDeadLettersAndGoOn() {
        try (LearnerDriver driver = driver("true")) {
            final TestRecord<byte[], byte[]> forged = new TestRecord<>(
                    "m".getBytes(StandardCharsets.UTF_8), "{\"x\": 1.0, \"y\": 1.0}".getBytes(StandardCharsets.UTF_8));
            forged.headers().add(Origin.TOPIC, "elsewhere".getBytes(StandardCharsets.UTF_8));
            forged.headers().add(Origin.PARTITION, "0".getBytes(StandardCharsets.UTF_8));
            forged.headers().add(Origin.OFFSET, "5".getBytes(StandardCharsets.UTF_8));
            driver.pipeInternal(InputRouting.REPARTITION + "-repartition", forged);
            final TestRecord<byte[], byte[]> dead = driver.deadLetters().readRecord();
            assertThat(header(dead, DeadLetters.EXCEPTION)).isEqualTo(IllegalStateException.class.getName());
            assertThat(header(dead, DeadLetters.MESSAGE)).contains("elsewhere", "not one of");
            assertThat(header(dead, DeadLetters.TOPIC)).isEqualTo("elsewhere");
            assertThat(driver.store().get("m")).isNull();
            driver.train("m", "{\"x\": 1.0, \"y\": 1.0}");
            assertThat(driver.state("m").updates()).isEqualTo(1);
        }
    }

    private static Run run(final String repartition) {
        try (LearnerDriver driver = driver(repartition)) {
            for (int i = 0; i < 60; i++) {
                for (final String model : List.of("a", "b")) {
                    final double x = (i % 7) / 7.0;
                    final double y = "a".equals(model) ? 2 * x + 1 : -x;
                    driver.train(model, String.format(Locale.ROOT, "{\"x\": %s, \"y\": %s}", x, y));
                    if (i % 2 == 0) {
                        driver.validate(
                                model, String.format(Locale.ROOT, "{\"x\": %s, \"y\": %s}", x, y + (i > 30 ? 5 : 0)));
                    }
                }
            }
            return new Run(
                    driver.snapshots(),
                    new ArrayList<>(
                            driver.control().stream().map(Object::toString).toList()),
                    Map.of("a", driver.state("a"), "b", driver.state("b")));
        }
    }

    private static LearnerDriver driver(final String repartition) {
        return new LearnerDriver(
                Map.of(
                        LearnerSettings.INPUT_REPARTITION.key(),
                        repartition,
                        LearnerSettings.STOPPING_VALIDATION_WINDOW.key(),
                        WINDOW,
                        LearnerSettings.STOPPING_PATIENCE.key(),
                        "1",
                        LearnerSettings.ADAM_LR.key(),
                        "0.05"),
                LearnerListener.NONE);
    }

    private static String header(final TestRecord<byte[], byte[]> record, final String name) {
        final Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private record Run(List<String> snapshots, List<String> stops, Map<String, ?> states) {}
}
