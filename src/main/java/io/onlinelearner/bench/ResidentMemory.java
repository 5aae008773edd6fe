package io.onlinelearner.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The process's resident memory (RSS), as Linux reports it in {@code /proc/self/status}: heap, RocksDB and everything else. */
final class ResidentMemory {

    private static final Path STATUS = Path.of("/proc/self/status");

    private ResidentMemory() {}

    /** The resident bytes now ({@code VmRSS}), or -1 where {@code /proc} is not available. */
    static long bytes() {
        return field("VmRSS:");
    }

    /** The most resident bytes so far ({@code VmHWM}), or -1 where {@code /proc} is not available. */
    static long peakBytes() {
        return field("VmHWM:");
    }

    static long parse(final String status, final String name) {
        for (final String line : status.split("\n")) {
            if (line.startsWith(name)) {
                final String[] parts = line.substring(name.length()).trim().split("\\s+");
                return Long.parseLong(parts[0]) * 1024;
            }
        }
        return -1;
    }

    private static long field(final String name) {
        try {
            return parse(Files.readString(STATUS), name);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
