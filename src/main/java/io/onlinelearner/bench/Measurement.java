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
 */
public record Measurement(
        String guarantee, Runner runner, long records, double startupSeconds, double seconds, long heapBytes) {

    /** Records per second over the whole run, start-up included. */
    public double recordsPerSecond() {
        return records / seconds;
    }

    /** Records per second once the first record arrived (start-up excluded). */
    public double steadyRecordsPerSecond() {
        return records / (seconds - startupSeconds);
    }
}
