package io.onlinelearner.bench;

import io.onlinelearner.config.LearnerConfig;
import io.onlinelearner.features.HashedInputParser;
import io.onlinelearner.learner.Learner;
import io.onlinelearner.learner.ModelState;
import io.onlinelearner.model.InputParser;
import io.onlinelearner.model.Position;
import io.onlinelearner.serde.ModelStateSerde;
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
 * The state store's serde on a hashed model of {@code bench --hashed} after {@code records} of its
 * records: serialize, and deserialize, in format 8 with Adam's betas (first-step moments stored as
 * gradients, as the learner's store does) and without them (every moment as it is).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class HashedSerdeBenchmark {

    @Param({"20", "1000"})
    public int records;

    @Param({"true", "false"})
    public boolean gradients;

    private ModelStateSerde serde;
    private ModelState state;
    private byte[] bytes;

    /** The model after {@code records} benchmark records, and its bytes. */
    @Setup(Level.Trial)
    public void setUp() {
        final LearnerConfig config = HashedBenchmark.coreConfig(18);
        final Learner learner = new Learner(config.learnerSpec());
        final InputParser parser = HashedInputParser.of(config.hashing().orElseThrow(), config.inputMaxBytes());
        final Random random = new Random(7);
        ModelState current = null;
        for (int i = 1; i <= records; i++) {
            current = learner.train(
                            current, parser.parseExample(HashedRecords.trainingValue(random)), Position.train(0, i))
                    .state();
        }
        state = current;
        final double lr = config.adam().learningRate();
        serde = gradients
                ? new ModelStateSerde(lr, config.adam().beta1(), config.adam().beta2())
                : new ModelStateSerde(lr);
        bytes = serde.serialize("t", state);
    }

    /** serialize, as a commit does for each model it writes. */
    @Benchmark
    public byte[] serialize() {
        return serde.serialize("t", state);
    }

    /** deserialize, as a read from the store below does. */
    @Benchmark
    public ModelState deserialize() {
        return serde.deserialize("t", bytes);
    }
}
