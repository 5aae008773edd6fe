package io.onlinelearner.bench;

import java.util.Map;

/**
 * One end-to-end measurement.
 *
 * @param guarantee      the processing guarantee ({@code exactly_once_v2} or {@code at_least_once})
 * @param runner         what processed the records
 * @param records        how many records were processed
 * @param startupSeconds from the start until the first record was processed
 * @param seconds        from the start until the last record was processed
 * @param heapBytes      heap in use after a full GC with the runner still running (broker included)
 * @param residentBytes  the process's resident memory (RSS) at the same moment, or -1 when unknown
 * @param cpuSeconds     the process's CPU time from the start until the last record was processed
 *                       (the runner, the embedded broker, the JIT and the collector), or NaN when unknown
 * @param threadCpuSeconds the CPU time of the runner's own processing threads over the same span (a
 *                       Kafka Streams application's stream threads, the raw consumer's polling
 *                       thread), or NaN when unknown
 * @param jitSeconds     the seconds the JIT spent compiling over the same span ({@link
 *                       ProcessCpu#jitSeconds()}), or NaN when unknown: a run that shares its cores
 *                       with the JIT is not yet in steady state
 * @param cpuByThread    the process's CPU nanoseconds over the same span by group of threads
 *                       ({@link ThreadCpu}); empty when unknown
 */
public record Measurement(
        String guarantee,
        Runner runner,
        long records,
        double startupSeconds,
        double seconds,
        long heapBytes,
        long residentBytes,
        double cpuSeconds,
        double threadCpuSeconds,
        double jitSeconds,
        Map<ThreadCpu.Group, Long> cpuByThread) {

    /** A copy of {@code cpuByThread}: a measurement never changes. */
    public Measurement {
        cpuByThread = Map.copyOf(cpuByThread);
    }

    /** A measurement without the resident memory and the CPU time. */
    public Measurement(
            final String guarantee,
            final Runner runner,
            final long records,
            final double startupSeconds,
            final double seconds,
            final long heapBytes) {
        this(
                guarantee,
                runner,
                records,
                startupSeconds,
                seconds,
                heapBytes,
                -1,
                Double.NaN,
                Double.NaN,
                Double.NaN,
                Map.of());
    }

    /** Records per second over the whole run, start-up included. */
    public double recordsPerSecond() {
        return records / seconds;
    }

    /** Records per second once the first record arrived (start-up excluded). */
    public double steadyRecordsPerSecond() {
        return records / (seconds - startupSeconds);
    }

    /**
     * The process's CPU microseconds per record over the run (NaN when unknown): what a record costs
     * in CPU end to end, whatever share of the cores the run got.
     */
    public double cpuMicrosPerRecord() {
        return cpuSeconds * 1e6 / records;
    }

    /**
     * The JIT's compilation seconds per wall-clock second of the run (NaN when unknown); near 0 in
     * steady state.
     */
    public double jitShare() {
        return jitSeconds / seconds;
    }

    /** The runner's processing threads' CPU microseconds per record (NaN when unknown). */
    public double threadCpuMicrosPerRecord() {
        return threadCpuSeconds * 1e6 / records;
    }

    /** The CPU microseconds per record that {@code group}'s threads took (NaN when unknown). */
    public double cpuMicrosPerRecord(final ThreadCpu.Group group) {
        return cpuByThread.isEmpty() ? Double.NaN : cpuByThread.getOrDefault(group, 0L) / 1e3 / records;
    }
}
