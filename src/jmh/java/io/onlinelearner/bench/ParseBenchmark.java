package io.onlinelearner.bench;

import io.onlinelearner.config.LearnerConfig;
import io.onlinelearner.model.Example;
import io.onlinelearner.model.RecordParser;
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

/** The parse of one training record's value, {@code {"x": [...], "y": ...}}, with {@code d} features. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class ParseBenchmark {

    private static final int POOL = 64;

    @Param({"10", "100"})
    public int d;

    private RecordParser parser;
    private byte[][] values;
    private int next;

    /** Builds the record values as a producer would write them. */
    @Setup(Level.Trial)
    public void setUp() {
        final Random random = new Random(7);
        parser = new RecordParser(LearnerConfig.defaults().model().maxFeatures());
        values = new byte[POOL][];
        for (int k = 0; k < POOL; k++) {
            values[k] = SyntheticRecords.trainingValue(random, d).getBytes(StandardCharsets.UTF_8);
        }
    }

    /** {@link RecordParser#parse} of one value. */
    @Benchmark
    public Example parse() {
        final Example example = parser.parse(values[next]);
        next = (next + 1) & (POOL - 1);
        return example;
    }
}
