package io.onlinelearner.model;

import io.onlinelearner.bench.SyntheticRecords;
import java.nio.charset.StandardCharsets;
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
 * its baseline; {@code shape} {@code plain} is {@code {"x": [...], "y": ...}}, {@code extra} the
 * same with two more fields after {@code y} ({@code "ts"}, a number, and {@code "source"}, a
 * string), which the contract says are ignored. In this package because the Jackson-only parser is
 * not public.
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

    @Param({"plain", "extra"})
    public String shape;

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
            final byte[] plain = SyntheticRecords.trainingValue(random, d);
            values[k] = "extra".equals(shape) ? withExtraFields(plain) : plain;
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

    private static byte[] withExtraFields(final byte[] value) {
        final String json = new String(value, StandardCharsets.UTF_8);
        return (json.substring(0, json.lastIndexOf('}')) + ",\"ts\":1733400000000,\"source\":\"web\"}")
                .getBytes(StandardCharsets.UTF_8);
    }
}
