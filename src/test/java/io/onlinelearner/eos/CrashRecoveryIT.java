package io.onlinelearner.eos;

import static org.assertj.core.api.Assertions.assertThat;

import io.onlinelearner.config.LearnerConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.IsolationLevel;
import org.junit.jupiter.api.Test;

/**
 * SIGKILL the learner (a child JVM) four times while it trains six models on three partitions,
 * each time while one of its transactions is open, restarting it on the same state folder three
 * times and once on a fresh one (so that it restores from the changelog alone). Afterwards every
 * model's committed snapshots and stop signal equal a replay of its records through the core:
 * nothing lost, nothing applied twice.
 */
class CrashRecoveryIT extends EosTestBase {

    private static final String APP_ID = "eos-crash";
    private static final int PARTITIONS = 3;
    private static final int KILLS = 4;
    private static final int FRESH_STATE_AFTER_KILL = 2;
    /** Records each run must commit before it is killed: proof that it recovered and went on. */
    private static final int PROGRESS = 100;

    /**
     * Long transactions and no record cache: at a kill the open transaction holds snapshots and
     * changelog writes, which recovery must discard.
     */
    private static final Map<String, String> UNCACHED_LONG_TRANSACTIONS = uncachedLongTransactions();

    @Test
    void shouldKeepEveryModelExactAcrossRepeatedSigkills() throws Exception {
        kafka.createTopics(PARTITIONS);
        final Workload workload = Workload.generate(PARTITIONS, 2, 10, 40, EosSettings.WINDOW, 42L,
                System.currentTimeMillis() - 60_000);
        final Replay expected = Replay.of(workload, EosSettings.config());
        assertThat(expected.stopped()).as("models that stop").isNotEmpty();
        assertThat(expected.stillTraining()).as("models that keep training").isNotEmpty();

        final long start = System.nanoTime();
        Path stateDir = dir.resolve("state-1");
        LearnerChild child = startChild("run-0", stateDir);
        producer = PacedProducer.start(kafka.bootstrap(), workload, 15, 50, kafka.progress(APP_ID), 400);
        final String models = LearnerConfig.defaults().topics().models();
        final String changelog = KafkaHarness.changelog(APP_ID);
        int abortedByKill = 0;
        long committedAtKill = 0;
        for (int kill = 1; kill <= KILLS; kill++) {
            awaitCommitted(child, Math.max((long) workload.size() * kill / (KILLS + 2), committedAtKill + PROGRESS));
            child.awaitWhileAlive("an open transaction holding snapshots", Duration.ofSeconds(30),
                    () -> kafka.openTransaction(PARTITIONS, models));
            child.kill();
            final boolean dangling = kafka.openTransaction(PARTITIONS, models);
            committedAtKill = kafka.committedTotal(APP_ID);
            abortedByKill += dangling ? 1 : 0;
            System.out.printf("kill %d at %.1f s: sent %d, committed %d of %d, left open: snapshots %b, changelog %b%n",
                    kill, (System.nanoTime() - start) / 1e9, producer.sent(), committedAtKill,
                    workload.size(), dangling, kafka.openTransaction(PARTITIONS, changelog));
            if (kill == FRESH_STATE_AFTER_KILL) {
                stateDir = dir.resolve("state-2");
            }
            child = startChild("run-" + kill, stateDir);
        }
        assertThat(abortedByKill).as("kills that left an open transaction with snapshots to abort").isPositive();
        producer.done().get(120, TimeUnit.SECONDS);
        child.awaitWhileAlive("all records committed", Duration.ofSeconds(90),
                () -> kafka.drained(APP_ID, workload));

        final Map<String, List<String>> committed = kafka.readCommitted(models);
        final int uncommitted = count(kafka.read(models, IsolationLevel.READ_UNCOMMITTED));
        System.out.printf("snapshots seen read_committed: %d, read_uncommitted: %d%n", count(committed), uncommitted);
        assertThat(uncommitted).as("snapshots a read_uncommitted consumer sees, aborted ones included")
                .isGreaterThan(count(committed));
        expected.assertPublished(committed, kafka.readCommitted(LearnerConfig.defaults().topics().control()));
    }

    private static void awaitCommitted(final LearnerChild child, final long threshold) {
        child.awaitWhileAlive("committed progress past " + threshold, Duration.ofSeconds(90),
                () -> kafka.committedTotal(APP_ID) >= threshold);
    }

    private static int count(final Map<String, List<String>> byKey) {
        return byKey.values().stream().mapToInt(List::size).sum();
    }

    private static Map<String, String> uncachedLongTransactions() {
        final Map<String, String> p = new HashMap<>(EosSettings.LONG_TRANSACTIONS);
        p.put("statestore.cache.max.bytes", "0");
        return p;
    }

    private LearnerChild startChild(final String name, final Path stateDir) {
        return track(LearnerChild.start(name, dir, kafka.bootstrap(), APP_ID, stateDir,
                EosSettings.child(UNCACHED_LONG_TRANSACTIONS)));
    }
}
