package io.onlinelearner.eos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.onlinelearner.config.LearnerConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The broker stops, while a transaction of the learner (a child JVM) is open in the middle of
 * the stream, and stays away longer than the learner's session and transaction timeouts; then it
 * starts again on the same data folder and port. The same learner process recovers by itself and
 * continues, and afterwards every model's committed outputs equal a replay through the core.
 */
class BrokerRestartIT extends EosTestBase {

    private static final String APP_ID = "eos-broker-restart";
    private static final int PARTITIONS = 2;
    /** Longer than the child's session timeout (6 s) and transaction timeout (5 s). */
    private static final Duration OUTAGE = Duration.ofSeconds(7);

    @Test
    void shouldRecoverAndContinueWhenTheBrokerRestarts() throws Exception {
        kafka.createTopics(PARTITIONS);
        final Workload workload = Workload.generate(PARTITIONS, 2, 8, 40, EosSettings.WINDOW, 11L,
                System.currentTimeMillis() - 60_000);
        final Replay expected = Replay.of(workload, EosSettings.config());
        final LearnerChild child = track(LearnerChild.start("learner", dir, kafka.bootstrap(), APP_ID, dir.resolve("state"),
                EosSettings.child(EosSettings.LONG_TRANSACTIONS)));
        producer = PacedProducer.start(kafka.bootstrap(), workload, 15, 50, kafka.progress(APP_ID), 400);
        child.awaitWhileAlive("a third committed", Duration.ofSeconds(60),
                () -> kafka.committedTotal(APP_ID) >= workload.size() / 3);

        child.awaitWhileAlive("an open transaction holding snapshots", Duration.ofSeconds(30),
                () -> kafka.openTransaction(PARTITIONS, LearnerConfig.defaults().topics().models()));
        final long beforeRestart = kafka.committedTotal(APP_ID);
        kafka.stopBroker();
        await("the learner staying alive without a broker").during(OUTAGE).atMost(OUTAGE.plusSeconds(5))
                .until(child::isAlive);
        kafka.startBrokerAgain();
        System.out.printf("broker restarted after %s with %d of %d records committed%n", OUTAGE, beforeRestart,
                workload.size());
        child.awaitWhileAlive("progress after the restart", Duration.ofSeconds(90),
                () -> kafka.committedTotal(APP_ID) > beforeRestart + 100);
        producer.done().get(120, TimeUnit.SECONDS);
        child.awaitWhileAlive("all records committed", Duration.ofSeconds(90), () -> kafka.drained(APP_ID, workload));

        assertThat(child.isAlive()).as("the same learner process, never restarted").isTrue();
        expected.assertPublished(kafka.readCommitted(LearnerConfig.defaults().topics().models()),
                kafka.readCommitted(LearnerConfig.defaults().topics().control()));
    }
}
