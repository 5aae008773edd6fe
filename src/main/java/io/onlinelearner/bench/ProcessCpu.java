package io.onlinelearner.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;

/**
 * The CPU time the whole process has used so far: every thread of the runner, the embedded broker
 * serving it, the JIT and the collector. A run's share of it, divided by its records, is the CPU a
 * record costs end to end; unlike a rate, it hardly moves when other processes take the machine's
 * cores, so two builds can be compared on a shared machine.
 */
final class ProcessCpu {

    private ProcessCpu() {}

    /** The process's CPU time so far in nanoseconds, or -1 where the JVM does not report it. */
    static long nanos() {
        final OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean hotspot) {
            return hotspot.getProcessCpuTime();
        }
        return -1;
    }

    /** The CPU seconds from {@code startNanos} (a {@link #nanos()} reading) to now, or NaN when either is unknown. */
    static double secondsSince(final long startNanos) {
        final long now = nanos();
        return startNanos < 0 || now < 0 ? Double.NaN : (now - startNanos) / 1e9;
    }
}
