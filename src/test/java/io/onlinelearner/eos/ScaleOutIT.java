package io.onlinelearner.eos;

import static org.assertj.core.api.Assertions.assertThat;

import io.onlinelearner.config.LearnerConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.common.GroupState;
import org.junit.jupiter.api.Test;

/**
 * Two learner instances (child JVMs) with one application id share four partitions and eight
 * models, with {@code num.standby.replicas=1}: both do work, each keeps a standby of the other's
 * tasks; one is killed mid-stream and the other takes its models over from the changelog.
 * Afterwards every model's committed outputs equal a replay through the core.
 */
class ScaleOutIT extends EosTestBase {

    private static final String APP_ID = "eos-scale-out";
    private static final int PARTITIONS = 4;

    @Test
    void shouldShareTheWorkAndTakeOverAKilledInstanceWithoutLossOrDuplicates() throws Exception {
        kafka.createTopics(PARTITIONS);
        final Workload workload = Workload.generate(PARTITIONS, 2, 8, 30, EosSettings.WINDOW, 7L,
                System.currentTimeMillis() - 60_000);
        final Replay expected = Replay.of(workload, EosSettings.config());
        final LearnerChild a = startChild("instance-a");
        final LearnerChild b = startChild("instance-b");
        b.awaitWhileAlive("two members with partitions each", Duration.ofSeconds(60), this::bothAssigned);
        b.awaitWhileAlive("each instance holding all four tasks' stores (active or standby)", Duration.ofSeconds(60),
                () -> holdsAllTasks("instance-a") && holdsAllTasks("instance-b"));

        producer = PacedProducer.start(kafka.bootstrap(), workload, 15, 50, kafka.progress(APP_ID), 400);
        a.awaitWhileAlive("instance a handling records", Duration.ofSeconds(60), () -> !a.modelsSeen().isEmpty());
        b.awaitWhileAlive("instance b handling records", Duration.ofSeconds(60), () -> !b.modelsSeen().isEmpty());
        a.awaitWhileAlive("a third committed", Duration.ofSeconds(60),
                () -> kafka.committedTotal(APP_ID) >= workload.size() / 3);
        final Set<String> modelsOfA = a.modelsSeen();
        System.out.printf("instance a had %s, instance b had %s; killing a%n", modelsOfA, b.modelsSeen());
        a.kill();

        b.awaitWhileAlive("instance b taking over every model", Duration.ofSeconds(60),
                () -> b.modelsSeen().containsAll(workload.models()));
        producer.done().get(120, TimeUnit.SECONDS);
        b.awaitWhileAlive("all records committed", Duration.ofSeconds(90), () -> kafka.drained(APP_ID, workload));

        assertThat(modelsOfA).as("models instance a handled").isNotEmpty();
        expected.assertPublished(kafka.readCommitted(LearnerConfig.defaults().topics().models()),
                kafka.readCommitted(LearnerConfig.defaults().topics().control()));
    }

    private boolean bothAssigned() throws Exception {
        final ConsumerGroupDescription group = kafka.describeGroup(APP_ID);
        return group.groupState() == GroupState.STABLE && group.members().size() == 2
                && group.members().stream().allMatch(m -> m.assignment().topicPartitions().stream()
                        .anyMatch(tp -> tp.topic().equals(LearnerConfig.defaults().topics().train())));
    }

    private static boolean holdsAllTasks(final String instance) {
        for (int p = 0; p < PARTITIONS; p++) {
            if (!Files.isDirectory(dir.resolve(instance).resolve(APP_ID).resolve("0_" + p))) {
                return false;
            }
        }
        return true;
    }

    private LearnerChild startChild(final String name) {
        return track(LearnerChild.start(name, dir, kafka.bootstrap(), APP_ID, dir.resolve(name),
                EosSettings.child(Map.of("num.standby.replicas", "1"))));
    }
}
