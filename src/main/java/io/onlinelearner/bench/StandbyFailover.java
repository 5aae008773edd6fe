package io.onlinelearner.bench;

import io.onlinelearner.topology.LearnerListener;
import io.onlinelearner.topology.LearnerTopology;
import io.onlinelearner.topology.Names;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.LagInfo;
import org.apache.kafka.streams.processor.StandbyUpdateListener;
import org.apache.kafka.streams.processor.StateRestoreListener;
import org.apache.kafka.streams.processor.TaskId;

/**
 * How long the learner's models take to move to another instance that keeps a standby copy of
 * them ({@code num.standby.replicas=1}): after a run, instance A restarts on the run's state
 * folder (its store is local) and instance B joins with an empty one; B builds its standby copy
 * from the changelog (the warm-up), then A leaves the group and B takes the partition over,
 * restoring only what its copy lacks. Both instances run in this JVM, on this machine.
 */
final class StandbyFailover {

    private StandbyFailover() {}

    /**
     * The figures of one failover.
     *
     * @param warmSeconds     from B's start until its standby copy had no lag
     * @param warmRecords     changelog records B's standby copy loaded meanwhile
     * @param failoverSeconds from A's close until B was running with the partition active
     * @param restored        changelog records B restored as the new active (what its copy lacked)
     */
    record Result(double warmSeconds, long warmRecords, double failoverSeconds, long restored) {}

    /** Measures one failover of {@code run}'s single store partition. */
    static Result of(final EndToEndBenchmark.LearnerRun run, final Duration timeout) throws Exception {
        final Properties a = withStandby(run.properties(), run.stateDir());
        final Properties b = withStandby(
                run.properties(), Files.createTempDirectory(run.stateDir().getParent(), "b"));
        final AtomicLong restored = new AtomicLong();
        final AtomicLong loaded = new AtomicLong();
        try (KafkaStreams first = new KafkaStreams(LearnerTopology.build(run.config(), LearnerListener.NONE), a);
                KafkaStreams second = new KafkaStreams(LearnerTopology.build(run.config(), LearnerListener.NONE), b)) {
            first.start();
            await(() -> first.state() == KafkaStreams.State.RUNNING && hasActive(first), timeout, "A running");
            second.setGlobalStateRestoreListener(counting(restored));
            second.setStandbyUpdateListener(loading(loaded));
            final long warmStart = System.nanoTime();
            second.start();
            await(() -> standbyCaughtUp(second), timeout, "B's standby caught up");
            final double warm = (System.nanoTime() - warmStart) / 1e9;
            final long failStart = System.nanoTime();
            first.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                    .withTimeout(Duration.ofSeconds(60)));
            await(
                    () -> second.state() == KafkaStreams.State.RUNNING && hasActive(second),
                    timeout,
                    "B running the partition");
            return new Result(warm, loaded.get(), (System.nanoTime() - failStart) / 1e9, restored.get());
        }
    }

    private static Properties withStandby(final Properties run, final Path stateDir) {
        final Properties copy = new Properties();
        copy.putAll(run);
        copy.setProperty("num.standby.replicas", "1");
        copy.setProperty("state.dir", stateDir.toString());
        return copy;
    }

    private static boolean hasActive(final KafkaStreams streams) {
        return streams.metadataForLocalThreads().stream()
                .anyMatch(thread -> !thread.activeTasks().isEmpty());
    }

    private static boolean standbyCaughtUp(final KafkaStreams streams) {
        final boolean standby = streams.metadataForLocalThreads().stream()
                .anyMatch(thread -> !thread.standbyTasks().isEmpty());
        final Map<Integer, LagInfo> lags = streams.allLocalStorePartitionLags().getOrDefault(Names.STORE, Map.of());
        return standby && !lags.isEmpty() && lags.values().stream().allMatch(lag -> lag.offsetLag() == 0);
    }

    private static StandbyUpdateListener loading(final AtomicLong loaded) {
        return new StandbyUpdateListener() {
            @Override
            public void onUpdateStart(final TopicPartition partition, final String store, final long startingOffset) {}

            @Override
            public void onBatchLoaded(
                    final TopicPartition partition,
                    final String store,
                    final TaskId task,
                    final long batchEndOffset,
                    final long batchSize,
                    final long currentEndOffset) {
                loaded.addAndGet(batchSize);
            }

            @Override
            public void onUpdateSuspended(
                    final TopicPartition partition,
                    final String store,
                    final long storeOffset,
                    final long currentEndOffset,
                    final SuspendReason reason) {}
        };
    }

    private static StateRestoreListener counting(final AtomicLong restored) {
        return new StateRestoreListener() {
            @Override
            public void onRestoreStart(
                    final TopicPartition partition, final String store, final long startOffset, final long endOffset) {}

            @Override
            public void onBatchRestored(
                    final TopicPartition partition, final String store, final long endOffset, final long count) {
                restored.addAndGet(count);
            }

            @Override
            public void onRestoreEnd(final TopicPartition partition, final String store, final long total) {}
        };
    }

    private static void await(final BooleanSupplier condition, final Duration timeout, final String what)
            throws InterruptedException, TimeoutException {
        final long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new TimeoutException("not within " + timeout + ": " + what);
            }
            Thread.sleep(20);
        }
    }
}
