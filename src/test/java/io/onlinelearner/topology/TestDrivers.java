package io.onlinelearner.topology;

import java.lang.reflect.Field;
import java.util.Properties;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;

/**
 * Opens {@link TopologyTestDriver}s that commit after every record as usual but do not flush the
 * stores to disk and write the task's checkpoint file (with two fsyncs) after every record.
 *
 * <p>Why: Kafka Streams 4.1's test driver commits with {@code enforceCheckpoint} after each piped
 * record, and its task then flushes RocksDB (one table file per record) and writes the checkpoint;
 * on a busy disk this made {@code LifecycleTopologyTest} take 537 s instead of 8 s on 4.4, whose
 * task checkpoints only past an offset threshold. A running task under exactly-once never checkpoints
 * between commits either, so nothing a test observes (outputs, changelogs, store contents) depends
 * on it. The driver's task keeps the offsets of its last flush in a protected field; with none
 * ({@code null}) it sees no flush as due. On a Kafka version without that field the driver is left
 * as it is.
 */
final class TestDrivers {

    private TestDrivers() {}

    /** A driver for {@code topology} with {@code streams}, without a flush and checkpoint per record. */
    static TopologyTestDriver open(final Topology topology, final Properties streams) {
        final TopologyTestDriver driver = new TopologyTestDriver(topology, streams);
        try {
            final Field taskField = TopologyTestDriver.class.getDeclaredField("task");
            taskField.setAccessible(true);
            final Object task = taskField.get(driver);
            if (task != null) {
                final Field snapshot = field(task.getClass(), "offsetSnapshotSinceLastFlush");
                if (snapshot != null) {
                    snapshot.setAccessible(true);
                    snapshot.set(task, null);
                }
            }
        } catch (NoSuchFieldException e) {
            return driver;
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot reach the test driver's task", e);
        }
        return driver;
    }

    private static Field field(final Class<?> type, final String name) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            try {
                return c.getDeclaredField(name);
            } catch (NoSuchFieldException e) {
                // look in the superclass
            }
        }
        return null;
    }
}
