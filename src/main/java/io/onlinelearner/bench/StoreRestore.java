package io.onlinelearner.bench;

import io.onlinelearner.topology.LearnerListener;
import io.onlinelearner.topology.LearnerTopology;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.RemoveMembersFromConsumerGroupOptions;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.processor.StateRestoreListener;

/**
 * How long a learner that lost its state directory takes to rebuild its store from the changelog:
 * the run's state folder is emptied, any member left in its group is removed (a member that did not
 * leave it, e.g. a static one, would make the new instance first wait for the old member's session
 * to time out, 45 s by default, which is not restoring), and the same application
 * (same id, same configuration) is started again until every store partition has been restored.
 */
final class StoreRestore {

    private StoreRestore() {}

    /**
     * A restore's figures.
     *
     * @param seconds  from the start of the new client until the last store partition was restored
     * @param records  changelog records restored
     */
    record Result(double seconds, long records) {}

    /** Empties the state folder of {@code run}, then restores its {@code partitions} store partitions. */
    static Result afterLosingState(final LearnerRuns.LearnerRun run, final int partitions, final Duration timeout)
            throws InterruptedException, TimeoutException {
        deleteContents(run.stateDir());
        emptyGroup(run);
        final AtomicLong restored = new AtomicLong();
        final CountDownLatch done = new CountDownLatch(partitions);
        final long start = System.nanoTime();
        final KafkaStreams streams =
                new KafkaStreams(LearnerTopology.build(run.config(), LearnerListener.NONE), run.properties());
        streams.setGlobalStateRestoreListener(new StateRestoreListener() {
            @Override
            public void onRestoreStart(
                    final TopicPartition partition, final String store, final long startOffset, final long endOffset) {}

            @Override
            public void onBatchRestored(
                    final TopicPartition partition, final String store, final long endOffset, final long count) {
                restored.addAndGet(count);
            }

            @Override
            public void onRestoreEnd(final TopicPartition partition, final String store, final long total) {
                done.countDown();
            }
        });
        try {
            streams.start();
            if (!done.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new TimeoutException("the store was not restored within " + timeout);
            }
            return new Result((System.nanoTime() - start) / 1e9, restored.get());
        } finally {
            streams.close(Duration.ofSeconds(60));
        }
    }

    /** Removes the members left in the run's group, if any: a static member does not leave it when it closes. */
    private static void emptyGroup(final LearnerRuns.LearnerRun run) throws InterruptedException {
        final String group = run.properties().getProperty(StreamsConfig.APPLICATION_ID_CONFIG);
        try (Admin admin = Admin.create(Map.of(
                CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG,
                run.properties().getProperty(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG)))) {
            final boolean hasMembers = !admin.describeConsumerGroups(List.of(group))
                    .describedGroups()
                    .get(group)
                    .get()
                    .members()
                    .isEmpty();
            if (hasMembers) {
                admin.removeMembersFromConsumerGroup(group, new RemoveMembersFromConsumerGroupOptions())
                        .all()
                        .get();
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("could not empty group " + group, e.getCause());
        }
    }

    private static void deleteContents(final Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder())
                    .filter(path -> !path.equals(dir))
                    .forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
