package io.onlinelearner.bench;

import io.onlinelearner.config.LearnerConfig;
import io.onlinelearner.model.AvroCodec;
import io.onlinelearner.model.AvroEncoding;
import io.onlinelearner.model.Example;
import io.onlinelearner.model.InputFormat;
import io.onlinelearner.model.InputParser;
import io.onlinelearner.model.RecordParser;
import java.io.IOException;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageDecoder;
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
 * The parse of one training record's value with {@code d} features: JSON {@code {"x": [...], "y": ...}}
 * ({@link RecordParser#parse}), the same records Avro single-object encoded as the learner decodes
 * them ({@link AvroCodec}, straight into a {@code double[]}), and, for comparison, as Avro's generic
 * {@link BinaryMessageDecoder} would (a {@code GenericRecord} of boxed doubles, then copied out).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class ParseBenchmark {

    private static final int POOL = 64;

    @Param({"10", "100", "1000"})
    public int d;

    private RecordParser parser;
    private InputParser avro;
    private BinaryMessageDecoder<GenericRecord> generic;
    private GenericRecord reuse;
    private byte[][] values;
    private byte[][] avroValues;
    private int next;

    /** Builds the record values as a producer would write them, in both formats. */
    @Setup(Level.Trial)
    public void setUp() {
        final Random random = new Random(7);
        final int maxFeatures = LearnerConfig.defaults().model().maxFeatures();
        parser = new RecordParser(maxFeatures);
        avro = InputParser.forFormat(
                InputFormat.AVRO, maxFeatures, LearnerConfig.defaults().inputMaxBytes());
        generic = new BinaryMessageDecoder<>(GenericData.get(), AvroCodec.EXAMPLE_SCHEMA);
        values = new byte[POOL][];
        avroValues = new byte[POOL][];
        for (int k = 0; k < POOL; k++) {
            values[k] = SyntheticRecords.trainingValue(random, d);
            final Example example = parser.parse(values[k]);
            avroValues[k] = AvroEncoding.encodeExample(example.x(), example.y());
        }
    }

    /** {@link RecordParser#parse} of one JSON value. */
    @Benchmark
    public Example parse() {
        final Example example = parser.parse(values[next]);
        next = (next + 1) & (POOL - 1);
        return example;
    }

    /** {@link InputParser#parseExample} of one Avro value, as {@code learner.input.format=avro} runs it. */
    @Benchmark
    public Example parseAvro() {
        final Example example = avro.parseExample(avroValues[next]);
        next = (next + 1) & (POOL - 1);
        return example;
    }

    /** Avro's {@code BinaryMessageDecoder} into a reused {@code GenericRecord}, copied to an {@link Example}. */
    @Benchmark
    public Example parseAvroGeneric() throws IOException {
        reuse = generic.decode(avroValues[next], reuse);
        next = (next + 1) & (POOL - 1);
        @SuppressWarnings("unchecked")
        final List<Double> boxed = (List<Double>) reuse.get("x");
        final double[] x = new double[boxed.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = boxed.get(i);
        }
        return new Example(x, (Double) reuse.get("y"));
    }
}
