package io.onlinelearner.bench;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;

/**
 * The CPU time the whole process has used so far: every thread of the runner, the embedded broker
 * serving it, the JIT and the collector. A run's share of it, divided by its records, is the CPU a
 * record costs end to end, and shows where it goes. It is no steadier than a rate when other
 * processes share the machine's cores (on this project's shared 2-vCPU machine, a stream thread's CPU
 * per record moved by about ±20% between invocations of one jar, its rate by ±25%). The CPU time of a Kafka Streams application's stream threads alone is the runner's
 * own per-record work, without the broker, the JIT or the collector.
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

    /**
     * The CPU seconds used so far by the live stream threads of the Kafka Streams application
     * {@code applicationId} (threads named {@code <application.id>-…-StreamThread-n}), or NaN where the
     * JVM does not measure thread CPU time.
     */
    static double streamThreadSeconds(final String applicationId) {
        final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        if (!threads.isThreadCpuTimeSupported() || !threads.isThreadCpuTimeEnabled()) {
            return Double.NaN;
        }
        long nanos = 0;
        for (final ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null
                    && info.getThreadName().startsWith(applicationId + "-")
                    && info.getThreadName().contains("-StreamThread-")) {
                nanos += Math.max(0, threads.getThreadCpuTime(info.getThreadId()));
            }
        }
        return nanos / 1e9;
    }

    /**
     * The seconds the JIT has spent compiling so far, summed over its compiler threads (HotSpot's
     * {@link java.lang.management.CompilationMXBean#getTotalCompilationTime()}), or NaN where the JVM
     * does not report it.
     */
    static double jitSeconds() {
        final CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        return jit != null && jit.isCompilationTimeMonitoringSupported()
                ? jit.getTotalCompilationTime() / 1e3
                : Double.NaN;
    }

    /** The CPU seconds the calling thread has used so far, or NaN where the JVM does not measure it. */
    static double currentThreadSeconds() {
        final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        return threads.isCurrentThreadCpuTimeSupported() ? threads.getCurrentThreadCpuTime() / 1e9 : Double.NaN;
    }
}
