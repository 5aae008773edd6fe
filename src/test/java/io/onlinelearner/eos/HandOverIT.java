package io.onlinelearner.eos;

import static org.assertj.core.api.Assertions.assertThat;

import io.onlinelearner.broker.KafkaBrokerExtension;
import io.onlinelearner.cli.RunProcess;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two learner instances ({@code run} in child JVMs) share two partitions as dynamic members of
 * their group, with Kafka's own session timeout (45 s). One is stopped cleanly (SIGTERM): it leaves
 * its group as it closes, so the other takes its partition over and serves its model within
 * seconds. Kafka Streams alone does not leave on close; the group would then keep the stopped
 * member until its session expired, and its model would answer 503 for those 45 s, which the
 * deadline below (30 s) does not allow.
 */
class HandOverIT extends EosTestBase {

    @RegisterExtension
    static final KafkaBrokerExtension KAFKA = KafkaBrokerExtension.shared();

    private static final int PARTITIONS = 2;

    /** Shorter than the 45 s session timeout that a stopped member that does not leave is kept for. */
    private static final Duration HAND_OVER = Duration.ofSeconds(30);

    @Test
    void shouldHandAStoppedInstancesModelsOverWithoutWaitingForItsSession() throws Exception {
        final String appId = KafkaBrokerExtension.unique("hand-over");
        final KafkaHarness kafka = new KafkaHarness(KAFKA, new TopicNames(appId), appId);
        kafka.createTopics(PARTITIONS);
        final RunProcess a = startInstance(kafka, "instance-a");
        final RunProcess b = startInstance(kafka, "instance-b");
        b.awaitWhileAlive(
                "both instances members of the stable group", Duration.ofSeconds(60), () -> members(kafka) == 2);
        final List<String> models = onePerPartition();
        train(kafka, models);
        b.awaitWhileAlive("every model served", Duration.ofSeconds(60), () -> servesAll(b, models));

        final long stopped = System.nanoTime();
        a.terminate();
        b.awaitWhileAlive("b alone in the group, holding both partitions", HAND_OVER, () -> holdsAll(kafka));
        b.awaitWhileAlive("b serving every model", HAND_OVER, () -> servesAll(b, models));
        System.out.printf(
                "a stopped; b held both partitions and served both models %d ms later%n",
                Duration.ofNanos(System.nanoTime() - stopped).toMillis());

        assertThat(kafka.describeGroup().members()).hasSize(1);
    }

    /** A model id of each partition, as the learner's producers partition keys. */
    private static List<String> onePerPartition() {
        final List<String> models = new ArrayList<>();
        for (int p = 0; p < PARTITIONS; p++) {
            int i = 0;
            while (Workload.partitionFor("model-" + i, PARTITIONS) != p) {
                i++;
            }
            models.add("model-" + i);
        }
        return models;
    }

    private static void train(final KafkaHarness kafka, final List<String> models) throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrap()),
                new StringSerializer(),
                new StringSerializer())) {
            for (final String model : models) {
                producer.send(new ProducerRecord<>(
                                kafka.topics().train(),
                                Workload.partitionFor(model, PARTITIONS),
                                System.currentTimeMillis(),
                                model,
                                "{\"x\": [1.0, 2.0, 3.0], \"y\": 1.0}"))
                        .get();
            }
        }
    }

    private static boolean servesAll(final RunProcess instance, final List<String> models) throws Exception {
        for (final String model : models) {
            if (instance.get("models/" + model).statusCode() != 200) {
                return false;
            }
        }
        return true;
    }

    private static int members(final KafkaHarness kafka) throws Exception {
        final ConsumerGroupDescription group = kafka.describeGroup();
        return group.groupState() == GroupState.STABLE ? group.members().size() : -1;
    }

    private static boolean holdsAll(final KafkaHarness kafka) throws Exception {
        if (members(kafka) != 1) {
            return false;
        }
        final MemberDescription member =
                kafka.describeGroup().members().iterator().next();
        final Set<Integer> train = member.assignment().topicPartitions().stream()
                .filter(tp -> tp.topic().equals(kafka.topics().train()))
                .map(TopicPartition::partition)
                .collect(Collectors.toSet());
        return train.size() == PARTITIONS;
    }

    /**
     * One instance, with the exactly-once tests' settings but Kafka's own session timeout and
     * Kafka Streams' default ordering (a task takes a record without waiting for its other inputs),
     * so that one training record per model is handled.
     */
    private RunProcess startInstance(final KafkaHarness kafka, final String instance) {
        return startInstance(kafka, instance, Map.of("max.task.idle.ms", "0"));
    }
}
