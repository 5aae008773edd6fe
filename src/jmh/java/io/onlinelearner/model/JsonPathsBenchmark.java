package io.onlinelearner.model;

import io.onlinelearner.bench.SyntheticRecords;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The two paths of {@link RecordParser#parse} on the same training values of {@code d} features,
 * in one run: the plain scanner the learner uses ({@link PlainJsonScanner}) against Jackson alone,
 * its baseline. In this package because the Jackson-only parser is not public.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class JsonPathsBenchmark {

    private static final int POOL = 64;

    @Param({"10", "100"})
    public int d;

    private RecordParser scanning;
    private RecordParser jackson;
    private byte[][] values;
    private int next;

    /** The values as a producer would write them. */
    @Setup(Level.Trial)
    public void setUp() {
        final Random random = new Random(7);
        scanning = new RecordParser(1_000);
        jackson = RecordParser.jacksonOnly(1_000);
        values = new byte[POOL][];
        for (int k = 0; k < POOL; k++) {
            values[k] = SyntheticRecords.trainingValue(random, d);
        }
    }

    /** The learner's parse: the plain scanner for these values. */
    @Benchmark
    public Example scanner() {
        final Example example = scanning.parse(values[next]);
        next = (next + 1) & (POOL - 1);
        return example;
    }

    /** The baseline: Jackson's streaming parser for every value. */
    @Benchmark
    public Example jackson() {
        final Example example = jackson.parse(values[next]);
        next = (next + 1) & (POOL - 1);
        return example;
    }
}
