package io.onlinelearner.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The CPU time of the process's threads by group (the runner's Kafka Streams threads, the embedded
 * broker, the clients' I/O threads, RocksDB's background threads, the collector, the JIT), read on
 * Linux from {@code /proc/self/task}: each thread's name ({@code comm}, its first 15 characters)
 * and the nanoseconds it ran ({@code schedstat}). Native threads (RocksDB's, the collector's, the
 * JIT's) are counted too, which the JVM's thread beans do not see. Where the benchmark's process
 * CPU per record goes: what the runner does itself, and what its bytes cost the broker and RocksDB.
 * Elsewhere than on Linux every reading is empty.
 */
public final class ThreadCpu {

    /** The groups, in the order reports show them. */
    public enum Group {
        /** Threads of a Kafka Streams runner ({@code bench-…}: stream threads, state updater). */
        STREAMS("Kafka Streams threads"),
        /** The embedded broker's threads. */
        BROKER("broker"),
        /** The producers' I/O threads ({@code kafka-producer-network-thread}). */
        CLIENTS("producers' I/O"),
        /** RocksDB's flushes and compactions. */
        ROCKSDB("RocksDB"),
        /** The garbage collector. */
        COLLECTOR("collector"),
        /** The JIT compilers. */
        JIT("JIT"),
        /** Everything else (the JVM's own threads, the benchmark's main thread). */
        OTHER("other");

        private final String label;

        Group(final String label) {
            this.label = label;
        }

        /** The group's column heading in reports. */
        public String label() {
            return label;
        }
    }

    private static final Path TASKS = Path.of("/proc/self/task");
    private static final List<String> BROKER_PREFIXES = List.of(
            "data-plane-",
            "kafka-",
            "group-coordinat",
            "share-coordinat",
            "TxnMarkerSender",
            "AddPartitionsTo",
            "quorum-",
            "broker-",
            "ExpirationReape",
            "log-closing-",
            "raft-");

    /** Each live thread's CPU nanoseconds so far, by thread id, with its group. */
    record Snapshot(Map<Long, Group> groups, Map<Long, Long> nanos) {

        static final Snapshot EMPTY = new Snapshot(Map.of(), Map.of());

        /** Copies of the maps: a reading never changes. */
        Snapshot {
            groups = Map.copyOf(groups);
            nanos = Map.copyOf(nanos);
        }

        /**
         * The CPU nanoseconds by group from {@code before} to this reading: threads started since
         * (a thread id of {@code before} in another group, or with more time then, is a new thread
         * under a reused id) count from zero; threads that ended since are not counted.
         */
        Map<Group, Long> since(final Snapshot before) {
            final Map<Group, Long> spent = new EnumMap<>(Group.class);
            nanos.forEach((tid, now) -> {
                final boolean same = groups.get(tid) == before.groups.get(tid);
                final long then = same ? before.nanos.getOrDefault(tid, 0L) : 0L;
                spent.merge(groups.get(tid), now >= then ? now - then : now, Long::sum);
            });
            return spent;
        }
    }

    private ThreadCpu() {}

    /** The groups' Markdown column headings, each after {@code " | "}, then the end of the row. */
    static String headings() {
        final StringBuilder out = new StringBuilder();
        for (final Group group : Group.values()) {
            out.append(" | ").append(group.label());
        }
        return out.append(" |\n").toString();
    }

    /** The alignment cells of the groups' columns, each starting with {@code "|"}. */
    static String alignments() {
        return "|---:".repeat(Group.values().length);
    }

    /** {@code m}'s CPU microseconds per record by group as Markdown cells ({@code n/a} when unknown). */
    static String cells(final Measurement m) {
        final StringBuilder out = new StringBuilder();
        for (final Group group : Group.values()) {
            final double micros = m.cpuMicrosPerRecord(group);
            out.append(" | ").append(Double.isNaN(micros) ? "n/a" : String.format(Locale.ROOT, "%.1f", micros));
        }
        return out.append(" |\n").toString();
    }

    /** The group of a thread named {@code name} (the first 15 characters Linux keeps). */
    static Group group(final String name) {
        if (name.startsWith("bench-")) {
            return Group.STREAMS;
        }
        if (name.startsWith("kafka-producer-")) {
            return Group.CLIENTS;
        }
        if (name.startsWith("rocksdb:")) {
            return Group.ROCKSDB;
        }
        if (name.startsWith("GC Thread") || name.startsWith("G1 ")) {
            return Group.COLLECTOR;
        }
        if (name.startsWith("C1 Compiler") || name.startsWith("C2 Compiler")) {
            return Group.JIT;
        }
        return BROKER_PREFIXES.stream().anyMatch(name::startsWith) ? Group.BROKER : Group.OTHER;
    }

    /** The first field of a {@code schedstat} line: nanoseconds on a CPU. */
    static long runNanos(final String schedstat) {
        final String trimmed = schedstat.trim();
        final int space = trimmed.indexOf(' ');
        return Long.parseLong(space < 0 ? trimmed : trimmed.substring(0, space));
    }

    /** Every live thread's CPU time now; empty where {@code /proc/self/task} cannot be read. */
    static Snapshot snapshot() {
        if (!Files.isDirectory(TASKS)) {
            return Snapshot.EMPTY;
        }
        final Map<Long, Group> groups = new HashMap<>();
        final Map<Long, Long> nanos = new HashMap<>();
        try (Stream<Path> tasks = Files.list(TASKS)) {
            tasks.forEach(task -> {
                try {
                    final String name = Files.readString(task.resolve("comm"), StandardCharsets.UTF_8)
                            .strip();
                    final long ran = runNanos(Files.readString(task.resolve("schedstat"), StandardCharsets.UTF_8));
                    final long tid = Long.parseLong(task.getFileName().toString());
                    groups.put(tid, group(name));
                    nanos.put(tid, ran);
                } catch (IOException | NumberFormatException e) {
                    // The thread ended while it was read, or the kernel keeps no schedstat: not counted.
                }
            });
        } catch (IOException e) {
            return Snapshot.EMPTY;
        }
        return new Snapshot(groups, nanos);
    }
}
