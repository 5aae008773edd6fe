package io.onlinelearner.eos;

import static org.assertj.core.api.Assertions.assertThat;

import io.onlinelearner.topology.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGKILL the learner (a child JVM) four times while it trains six models on three partitions,
 * restarting it on the same state folder three times and once on a fresh one (so that it
 * restores from the changelog alone). Afterwards every model's committed snapshots and stop
 * signal equal a replay of its records through the core: nothing lost, nothing applied twice.
 */
class CrashRecoveryIT {

    private static final String APP_ID = "eos-crash";
    private static final int PARTITIONS = 3;
    private static final int KILLS = 4;
    private static final int FRESH_STATE_AFTER_KILL = 2;

    @TempDir
    static Path dir;

    private static KafkaHarness kafka;

    private final List<LearnerChild> children = new ArrayList<>();
    private PacedProducer producer;

    @BeforeAll
    static void startBroker() throws Exception {
        kafka = KafkaHarness.start(dir.resolve("broker"));
    }

    @AfterAll
    static void stopBroker() {
        if (kafka != null) {
            kafka.close();
        }
    }

    @AfterEach
    void stopEverything() {
        children.forEach(LearnerChild::close);
        if (producer != null) {
            producer.close();
        }
    }

    @Test
    void shouldKeepEveryModelExactAcrossRepeatedSigkills() throws Exception {
        kafka.createTopics(PARTITIONS);
        final Workload workload = Workload.generate(PARTITIONS, 2, 10, 40, EosSettings.WINDOW, 42L,
                System.currentTimeMillis() - 60_000);
        final Replay expected = Replay.of(workload, EosSettings.config());
        assertThat(expected.stopped()).as("models that stop").isNotEmpty();
        assertThat(expected.stillTraining()).as("models that keep training").isNotEmpty();

        Path stateDir = dir.resolve("state-1");
        LearnerChild child = startChild("run-0", stateDir);
        producer = PacedProducer.start(kafka.bootstrap(), workload, 15, 50, kafka.progress(APP_ID), 400);
        for (int kill = 1; kill <= KILLS; kill++) {
            final long threshold = (long) workload.size() * kill / (KILLS + 1);
            awaitCommitted(child, threshold);
            System.out.printf("kill %d: sent %d, committed %d of %d%n", kill, producer.sent(),
                    kafka.committedTotal(APP_ID), workload.size());
            child.kill();
            if (kill == FRESH_STATE_AFTER_KILL) {
                stateDir = dir.resolve("state-2");
            }
            child = startChild("run-" + kill, stateDir);
        }
        producer.done().get(120, TimeUnit.SECONDS);
        child.awaitWhileAlive("all records committed", Duration.ofSeconds(90),
                () -> kafka.drained(APP_ID, workload));

        expected.assertPublished(kafka.readCommitted(Topics.DEFAULTS.models()),
                kafka.readCommitted(Topics.DEFAULTS.control()));
    }

    private static void awaitCommitted(final LearnerChild child, final long threshold) {
        child.awaitWhileAlive("committed progress past " + threshold, Duration.ofSeconds(90),
                () -> kafka.committedTotal(APP_ID) >= threshold);
    }

    private LearnerChild startChild(final String name, final Path stateDir) {
        final LearnerChild child = LearnerChild.start(name, dir, kafka.bootstrap(), APP_ID, stateDir,
                EosSettings.child(Map.of()));
        children.add(child);
        return child;
    }
}
