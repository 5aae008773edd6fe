package io.onlinelearner.eos;

import static org.assertj.core.api.Assertions.assertThat;

import io.onlinelearner.broker.KafkaBrokerExtension;
import io.onlinelearner.cli.RunProcess;
import io.onlinelearner.topology.Source;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two learner instances ({@code run} in child JVMs) with one application id share four
 * partitions and eight models, with {@code num.standby.replicas=1}: both do work, each keeps a
 * standby of the other's tasks; one is killed mid-stream and the other takes its models over.
 * Afterwards every model's committed outputs, the dead letters and the stores' changelogs equal a
 * replay through the core. Then the killed instance comes back and takes partitions over again:
 * the other one's per-model series shrink to the models of the partitions it still holds. Which
 * models an instance handles is read from its own {@code /metrics}, as an operator would.
 */
class ScaleOutIT extends EosTestBase {

    @RegisterExtension
    static final KafkaBrokerExtension KAFKA = KafkaBrokerExtension.shared();

    private static final int PARTITIONS = 4;
    private static final Pattern MODEL_TAG = Pattern.compile("model=\"([^\"]+)\"");

    @Test
    void shouldShareTheWorkAndTakeOverAKilledInstanceWithoutLossOrDuplicates() throws Exception {
        final String appId = KafkaBrokerExtension.unique("eos-scale-out");
        final KafkaHarness kafka = new KafkaHarness(KAFKA, new TopicNames(appId), appId);
        kafka.createTopics(PARTITIONS);
        final Workload workload =
                Workload.generate(PARTITIONS, 2, 8, 30, EosSettings.WINDOW, 7L, System.currentTimeMillis() - 60_000);
        final Replay expected =
                Replay.of(workload, EosSettings.config(kafka.topics().settings()));
        final RunProcess a = startInstance(kafka, "instance-a");
        final RunProcess b = startInstance(kafka, "instance-b");
        b.awaitWhileAlive("two members with partitions each", Duration.ofSeconds(60), () -> bothAssigned(kafka));
        b.awaitWhileAlive(
                "each instance holding all four tasks' stores (active or standby)",
                Duration.ofSeconds(60),
                () -> holdsAllTasks(kafka, "instance-a") && holdsAllTasks(kafka, "instance-b"));

        producer = PacedProducer.start(kafka.bootstrap(), kafka.topics(), workload, 15, 50, kafka.progress(), 400);
        a.awaitWhileAlive(
                "instance a handling records",
                Duration.ofSeconds(60),
                () -> !modelsSeen(a).isEmpty());
        b.awaitWhileAlive(
                "instance b handling records",
                Duration.ofSeconds(60),
                () -> !modelsSeen(b).isEmpty());
        a.awaitWhileAlive(
                "a third committed", Duration.ofSeconds(60), () -> kafka.committedTotal() >= workload.size() / 3);
        final Set<String> modelsOfA = modelsSeen(a);
        System.out.printf("instance a had %s, instance b had %s; killing a%n", modelsOfA, modelsSeen(b));
        a.kill();

        b.awaitWhileAlive(
                "instance b taking over every model",
                Duration.ofSeconds(60),
                () -> modelsSeen(b).containsAll(workload.models()));
        awaitProduced(b);
        b.awaitWhileAlive("all records committed", Duration.ofSeconds(90), () -> kafka.drained(workload));

        assertThat(modelsOfA).as("models instance a handled").isNotEmpty();
        CommittedStores.assertCommitted(expected, kafka, workload);

        final RunProcess again = startInstance(kafka, "instance-a");
        again.awaitWhileAlive("a back with partitions of its own", Duration.ofSeconds(60), () -> bothAssigned(kafka));
        trainEveryModelOnce(kafka, workload);
        b.awaitWhileAlive(
                "a handling models again, and every model handled by one of the two",
                Duration.ofSeconds(60),
                () -> !modelsSeen(again).isEmpty()
                        && union(modelsSeen(again), modelsSeen(b)).containsAll(workload.models()));
        assertThat(modelsSeen(b))
                .as("b's series: only the models of the partitions it still holds")
                .isNotEmpty()
                .doesNotContainAnyElementsOf(modelsSeen(again));
    }

    /**
     * One more training record for every model of {@code workload}, after it was drained, then an
     * end-of-stream record in every other input partition, later than them: under the workload's
     * strict ordering a task takes a record only while each of its input partitions holds one.
     */
    private static void trainEveryModelOnce(final KafkaHarness kafka, final Workload workload) throws Exception {
        final long now = System.currentTimeMillis();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrap()),
                new StringSerializer(),
                new StringSerializer())) {
            for (final String model : workload.models()) {
                producer.send(new ProducerRecord<>(
                                kafka.topics().train(),
                                Workload.partitionFor(model, PARTITIONS),
                                now,
                                model,
                                "{\"x\": [1.0, 2.0, 3.0], \"y\": 1.0}"))
                        .get();
            }
            for (final Source source : Source.read(true)) {
                for (int p = 0; p < PARTITIONS && source != Source.TRAIN; p++) {
                    producer.send(new ProducerRecord<>(
                                    kafka.topics().input(source), p, now + 1_000, Workload.END_KEY, "end"))
                            .get();
                }
            }
        }
    }

    private static Set<String> union(final Set<String> first, final Set<String> second) {
        final Set<String> both = new TreeSet<>(first);
        both.addAll(second);
        return both;
    }

    /** The models with their own series in the instance's {@code /metrics}: those it has handled records of. */
    private static Set<String> modelsSeen(final RunProcess instance) throws Exception {
        final Set<String> models = new TreeSet<>();
        final Matcher m = MODEL_TAG.matcher(instance.get("metrics").body());
        while (m.find()) {
            models.add(m.group(1));
        }
        models.remove(Workload.END_KEY);
        return models;
    }

    private static boolean bothAssigned(final KafkaHarness kafka) throws Exception {
        final ConsumerGroupDescription group = kafka.describeGroup();
        return group.groupState() == GroupState.STABLE
                && group.members().size() == 2
                && group.members().stream()
                        .allMatch(m -> m.assignment().topicPartitions().stream()
                                .anyMatch(tp -> tp.topic().equals(kafka.topics().train())));
    }

    private static boolean holdsAllTasks(final KafkaHarness kafka, final String instance) {
        for (int p = 0; p < PARTITIONS; p++) {
            if (!Files.isDirectory(dir.resolve(kafka.appId() + "-" + instance)
                    .resolve(kafka.appId())
                    .resolve("0_" + p))) {
                return false;
            }
        }
        return true;
    }

    /**
     * One instance: a standby of every task on the other one ({@code num.standby.replicas}, 0 by
     * default, is what this test is about), and a short session so that the survivor takes over
     * the killed instance's partitions within seconds ({@link EosSettings#SHORT_SESSION}).
     */
    private RunProcess startInstance(final KafkaHarness kafka, final String instance) {
        return startInstance(
                kafka, instance, EosSettings.with(EosSettings.SHORT_SESSION, Map.of("num.standby.replicas", "1")));
    }
}
