package io.onlinelearner.bench;

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
 */
public record Measurement(
        String guarantee,
        Runner runner,
        long records,
        double startupSeconds,
        double seconds,
        long heapBytes,
        long residentBytes) {

    /** A measurement without the resident memory. */
    public Measurement(
            final String guarantee,
            final Runner runner,
            final long records,
            final double startupSeconds,
            final double seconds,
            final long heapBytes) {
        this(guarantee, runner, records, startupSeconds, seconds, heapBytes, -1);
    }

    /** Records per second over the whole run, start-up included. */
    public double recordsPerSecond() {
        return records / seconds;
    }

    /** Records per second once the first record arrived (start-up excluded). */
    public double steadyRecordsPerSecond() {
        return records / (seconds - startupSeconds);
    }
}
