package io.onlinelearner.eos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.onlinelearner.broker.KafkaBrokerExtension;
import io.onlinelearner.cli.RunProcess;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The broker stops, while a transaction of the learner ({@code run} in a child JVM) is open in
 * the middle of the stream, and stays away longer than the learner's session and transaction
 * timeouts; then it starts again on the same data folder and port. The same learner process
 * recovers by itself and continues, and afterwards every model's committed outputs, the dead
 * letters and the stores' changelogs equal a replay through the core.
 */
class BrokerRestartIT extends EosTestBase {

    /** Its own broker: this test stops it, which would disturb every test on the shared one. */
    @RegisterExtension
    static final KafkaBrokerExtension KAFKA = KafkaBrokerExtension.dedicated();

    private static final int PARTITIONS = 2;
    /** Longer than the child's session timeout (6 s) and transaction timeout (5 s). */
    private static final Duration OUTAGE = Duration.ofSeconds(7);

    @Test
    void shouldRecoverAndContinueWhenTheBrokerRestarts() throws Exception {
        final String appId = KafkaBrokerExtension.unique("eos-broker-restart");
        final KafkaHarness kafka = new KafkaHarness(KAFKA, new TopicNames(appId), appId);
        kafka.createTopics(PARTITIONS);
        final Workload workload =
                Workload.generate(PARTITIONS, 2, 8, 40, EosSettings.WINDOW, 11L, System.currentTimeMillis() - 60_000);
        final Replay expected =
                Replay.of(workload, EosSettings.config(kafka.topics().settings()));
        // The outage must outlast the learner's session and its transaction timeout, so that the
        // learner loses its membership and its open transaction: 6 s and 5 s (45 s and 10 s by
        // default) keep the outage at 7 s. Long transactions, so that one is open when the broker stops.
        final Map<String, String> extra = EosSettings.with(
                EosSettings.with(EosSettings.LONG_TRANSACTIONS, EosSettings.SHORT_SESSION),
                Map.of("producer.transaction.timeout.ms", "5000"));
        final RunProcess child = startRun(
                appId + "-run",
                EosSettings.run(kafka.bootstrap(), appId, kafka.topics(), dir.resolve(appId + "-state"), extra));
        producer = PacedProducer.start(kafka.bootstrap(), kafka.topics(), workload, 15, 50, kafka.progress(), 400);
        child.awaitWhileAlive(
                "a third committed", Duration.ofSeconds(60), () -> kafka.committedTotal() >= workload.size() / 3);

        child.awaitWhileAlive(
                "an open transaction holding snapshots",
                Duration.ofSeconds(30),
                () -> kafka.openTransaction(PARTITIONS, kafka.topics().models()));
        final long beforeRestart = kafka.committedTotal();
        KAFKA.stopBroker();
        await("the learner staying alive without a broker")
                .during(OUTAGE)
                .atMost(OUTAGE.plusSeconds(5))
                .until(child::isAlive);
        KAFKA.startBrokerAgain();
        System.out.printf(
                "broker restarted after %s with %d of %d records committed%n", OUTAGE, beforeRestart, workload.size());
        child.awaitWhileAlive(
                "progress after the restart",
                Duration.ofSeconds(90),
                () -> kafka.committedTotal() > beforeRestart + 100);
        awaitProduced(child);
        child.awaitWhileAlive("all records committed", Duration.ofSeconds(90), () -> kafka.drained(workload));

        assertThat(child.isAlive())
                .as("the same learner process, never restarted")
                .isTrue();
        CommittedStores.assertCommitted(expected, kafka, workload);
    }
}
