package io.onlinelearner.bench;

import io.onlinelearner.config.LearnerConfig;
import io.onlinelearner.learner.Learner;
import io.onlinelearner.learner.ModelState;
import io.onlinelearner.model.Example;
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

/** The state store's serde round trip (serialize, then deserialize) of one model's state of {@code d} features. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class SerdeBenchmark {

    @Param({"10", "100", "1000"})
    public int d;

    private final ModelStateSerde serde = new ModelStateSerde(
            io.onlinelearner.config.LearnerConfig.defaults().adam().learningRate());
    private ModelState state;

    /** A model state after a few updates. */
    @Setup(Level.Trial)
    public void setUp() {
        final LearnerConfig defaults = LearnerConfig.defaults();
        final Learner learner = new Learner(defaults.model(), defaults.adam(), defaults.stopping());
        final Random random = new Random(3);
        ModelState current = learner.initialState(d);
        for (int k = 0; k < 10; k++) {
            final double[] x = random.doubles(d).toArray();
            current = learner.train(current, new Example(x, random.nextDouble()), Position.train(0, k))
                    .state();
        }
        state = current;
    }

    /** serialize then deserialize. */
    @Benchmark
    public ModelState roundTrip() {
        return serde.deserialize("t", serde.serialize("t", state));
    }
}
