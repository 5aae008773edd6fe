package io.onlinelearner.bench;

import io.onlinelearner.features.FeatureReader;
import io.onlinelearner.features.HashingConfig;
import io.onlinelearner.features.Interaction;
import io.onlinelearner.model.HashedFeatures;
import io.onlinelearner.model.NamedRecordParser;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
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
 * Parse and hash of one named-features record of 30 features: 15 top-level members (9 numbers, 5
 * strings, one {@code true}), namespaces {@code user} and {@code item} of 3 members each, and the
 * interaction {@code user:item} (9 more), into 2^18 buckets: the JSON bytes of the record through
 * the hashed-mode record parser ({@link FeatureReader#records}) to {@link HashedFeatures} and the
 * label, with and without the feature texts kept.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class FeatureHashBenchmark {

    private static final int POOL = 64;

    @Param({"true", "false"})
    public boolean keepNames;

    private NamedRecordParser<HashedFeatures> parser;
    private byte[][] values;
    private int next;

    /** Builds the records as a producer would write them. */
    @Setup(Level.Trial)
    public void setUp() {
        parser = FeatureReader.records(
                new HashingConfig(18, 0, Interaction.parseAll("user:item"), keepNames, 2, 10_000));
        final Random random = new Random(7);
        values = new byte[POOL][];
        for (int k = 0; k < POOL; k++) {
            values[k] = record(random).getBytes(StandardCharsets.UTF_8);
        }
    }

    /** One record's value: its features and label, as JSON. */
    static String record(final Random random) {
        final StringBuilder b = new StringBuilder("{\"features\":{");
        for (int i = 0; i < 9; i++) {
            b.append(String.format(Locale.ROOT, "\"n%d\":%.4f,", i, random.nextGaussian()));
        }
        for (int i = 0; i < 5; i++) {
            b.append(String.format(Locale.ROOT, "\"s%d\":\"v%d\",", i, random.nextInt(50)));
        }
        b.append("\"mobile\":true,");
        b.append(String.format(
                Locale.ROOT,
                "\"user\":{\"id\":\"u%d\",\"plan\":\"p%d\",\"tenure\":%.3f},",
                random.nextInt(10_000),
                random.nextInt(4),
                random.nextDouble() * 5));
        b.append(String.format(
                Locale.ROOT,
                "\"item\":{\"id\":\"i%d\",\"cat\":\"c%d\",\"price\":%.2f}",
                random.nextInt(1_000),
                random.nextInt(20),
                random.nextDouble() * 100));
        return b.append(String.format(Locale.ROOT, "},\"y\":%.4f}", random.nextGaussian()))
                .toString();
    }

    /** The record's bytes to hashed features and label, as the hashed-mode record parser reads them. */
    @Benchmark
    public NamedRecordParser.Labelled<HashedFeatures> parseAndHash() {
        final NamedRecordParser.Labelled<HashedFeatures> record = parser.parse(values[next]);
        next = (next + 1) & (POOL - 1);
        return record;
    }
}
