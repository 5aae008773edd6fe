package io.onlinelearner.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.onlinelearner.bench.ThreadCpu.Group;
import io.onlinelearner.bench.ThreadCpu.Snapshot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Threads grouped by the names Linux keeps, and CPU time between two readings. */
class ThreadCpuTest {

    @Test
    void shouldGroupThreadsByTheFifteenCharactersOfTheirNames() {
        assertThat(ThreadCpu.group("bench-learner-d")).isEqualTo(Group.STREAMS);
        assertThat(ThreadCpu.group("bench-baseline-")).isEqualTo(Group.STREAMS);
        assertThat(ThreadCpu.group("data-plane-kafk")).isEqualTo(Group.BROKER);
        assertThat(ThreadCpu.group("kafka-1-raft-io")).isEqualTo(Group.BROKER);
        assertThat(ThreadCpu.group("group-coordinat")).isEqualTo(Group.BROKER);
        assertThat(ThreadCpu.group("TxnMarkerSender")).isEqualTo(Group.BROKER);
        assertThat(ThreadCpu.group("kafka-producer-")).isEqualTo(Group.CLIENTS);
        assertThat(ThreadCpu.group("rocksdb:low")).isEqualTo(Group.ROCKSDB);
        assertThat(ThreadCpu.group("rocksdb:high")).isEqualTo(Group.ROCKSDB);
        assertThat(ThreadCpu.group("GC Thread#1")).isEqualTo(Group.COLLECTOR);
        assertThat(ThreadCpu.group("G1 Conc#0")).isEqualTo(Group.COLLECTOR);
        assertThat(ThreadCpu.group("C2 CompilerThre")).isEqualTo(Group.JIT);
        assertThat(ThreadCpu.group("C1 CompilerThre")).isEqualTo(Group.JIT);
        assertThat(ThreadCpu.group("java")).isEqualTo(Group.OTHER);
        assertThat(ThreadCpu.group("VM Thread")).isEqualTo(Group.OTHER);
    }

    @Test
    void shouldReadTheNanosecondsOnACpuFromSchedstat() {
        assertThat(ThreadCpu.runNanos("4411183 637247 2\n")).isEqualTo(4_411_183L);
        assertThat(ThreadCpu.runNanos("12")).isEqualTo(12L);
    }

    @Test
    void shouldCountTheTimeSinceTheFirstReadingAndNewThreadsFromZero() {
        final Snapshot before = new Snapshot(
                Map.of(1L, Group.STREAMS, 2L, Group.BROKER, 3L, Group.ROCKSDB, 4L, Group.JIT),
                Map.of(1L, 100L, 2L, 50L, 3L, 70L, 4L, 900L));
        final Snapshot after = new Snapshot(
                Map.of(1L, Group.STREAMS, 2L, Group.BROKER, 3L, Group.STREAMS, 5L, Group.STREAMS, 4L, Group.JIT),
                Map.of(1L, 160L, 2L, 50L, 3L, 30L, 5L, 10L, 4L, 20L));
        assertThat(after.since(before))
                .as("thread 3's id reused by a thread of another group, 4's by one that ran less: both new")
                .containsExactlyInAnyOrderEntriesOf(
                        Map.of(Group.STREAMS, 60L + 30L + 10L, Group.BROKER, 0L, Group.JIT, 20L));
    }

    @Test
    void shouldReadEveryLiveThreadOfThisProcessOnLinux() {
        assumeTrue(Files.exists(Path.of("/proc/self/schedstat")), "Linux with scheduler statistics only");
        final Snapshot now = ThreadCpu.snapshot();
        assertThat(now.nanos()).isNotEmpty().hasSameSizeAs(now.groups());
        assertThat(now.since(Snapshot.EMPTY).values().stream()
                        .mapToLong(Long::longValue)
                        .sum())
                .as("this JVM has run")
                .isPositive();
    }
}
