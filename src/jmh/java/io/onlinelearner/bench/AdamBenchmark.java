package io.onlinelearner.bench;

import io.onlinelearner.config.LearnerConfig;
import io.onlinelearner.learner.Learner;
import io.onlinelearner.learner.ModelState;
import io.onlinelearner.model.Example;
import io.onlinelearner.model.Position;
import io.onlinelearner.optim.Adam;
import io.onlinelearner.optim.AdamState;
import io.onlinelearner.optim.AdamUpdate;
import io.onlinelearner.optim.ArrayPool;
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
import org.tribuo.math.LinearParameters;
import org.tribuo.math.la.DenseMatrix;
import org.tribuo.math.la.Tensor;

/**
 * One Adam update on {@code d} parameters, the learner's against Tribuo's, on the same cycle of
 * gradients; and the learner's whole training step ({@link Learner#train}) for a squared-loss
 * record of {@code d} features (d + 1 parameters with the intercept).
 *
 * <p>Tribuo's {@code Adam.step} overwrites its input with the update, so each Tribuo operation
 * copies the gradient first (as Tribuo's own trainers compute a fresh gradient tensor per
 * example), then steps and applies the update to a {@link LinearParameters} (a 1 × d
 * {@link DenseMatrix}). The learner's step returns new arrays and writes nothing; its state is
 * carried from one operation to the next. Its in-place form writes over its inputs, as Tribuo's
 * does. Default hyperparameters on both sides. {@link #learnerTrain} is the step as the stream
 * processor takes it (in place), {@link #learnerTrainUnpooled} the pure allocating form.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class AdamBenchmark {

    private static final int POOL = 64;

    @Param({"1", "10", "100", "1000", "10000"})
    public int d;

    private Adam adam;
    private double[][] gradients;
    private double[] parameters;
    private AdamState state;
    private double[] inPlaceParameters;
    private AdamState inPlaceState;
    private int next;

    private org.tribuo.math.optimisers.Adam tribuo;
    private LinearParameters tribuoParameters;
    private DenseMatrix[] tribuoGradients;

    private Learner learner;
    private Example[] examples;
    private ModelState model;
    private ModelState unpooledModel;
    private final ArrayPool arrays = new ArrayPool();

    /** Builds the gradients, the examples and both optimisers' fresh state. */
    @Setup(Level.Trial)
    public void setUp() {
        final Random random = new Random(42);
        gradients = new double[POOL][d];
        tribuoGradients = new DenseMatrix[POOL];
        examples = new Example[POOL];
        for (int k = 0; k < POOL; k++) {
            final double[] x = new double[d];
            for (int i = 0; i < d; i++) {
                gradients[k][i] = random.nextGaussian();
                x[i] = random.nextGaussian();
            }
            tribuoGradients[k] = DenseMatrix.createDenseMatrix(new double[][] {negated(gradients[k])});
            examples[k] = new Example(x, random.nextGaussian());
        }
        adam = new Adam(LearnerConfig.defaults().adam());
        parameters = new double[d];
        state = AdamState.initial(d, false);
        inPlaceParameters = new double[d];
        inPlaceState = AdamState.initial(d, false);
        tribuo = new org.tribuo.math.optimisers.Adam(0.001, 0.9, 0.999, 1e-8);
        tribuoParameters = new LinearParameters(d, 1);
        tribuo.initialise(tribuoParameters);
        final LearnerConfig defaults = LearnerConfig.defaults();
        learner = new Learner(defaults.model(), defaults.adam(), defaults.stopping());
        model = learner.initialState(d);
        unpooledModel = learner.initialState(d);
    }

    /** The learner's Adam step. */
    @Benchmark
    public AdamState learnerAdamStep() {
        final AdamUpdate update = adam.step(parameters, gradients[next], state);
        next = (next + 1) & (POOL - 1);
        parameters = update.parameters();
        state = update.state();
        return state;
    }

    /**
     * The learner's Adam step written over its own inputs, as Tribuo's is: no allocation per step.
     * The learner itself uses the allocating form, since its states are values others may hold.
     */
    @Benchmark
    public AdamState learnerAdamStepInPlace() {
        final AdamUpdate update = adam.stepInPlace(inPlaceParameters, gradients[next], inPlaceState);
        next = (next + 1) & (POOL - 1);
        inPlaceState = update.state();
        return inPlaceState;
    }

    /** Tribuo's Adam step, applied to its parameters. */
    @Benchmark
    public Tensor[] tribuoAdamStep() {
        final Tensor[] update = tribuo.step(new Tensor[] {tribuoGradients[next].copy()}, 1.0);
        next = (next + 1) & (POOL - 1);
        tribuoParameters.update(update);
        return update;
    }

    /**
     * The learner's whole training step as the processor runs it: predict, loss, gradient (into a
     * pooled array), Adam written over the state's own arrays, finiteness check, new state.
     */
    @Benchmark
    public ModelState learnerTrain() {
        final ModelState trained = learner.trainInPlace(model, examples[next], Position.train(0, next), arrays)
                .state();
        model.release(trained, arrays);
        model = trained;
        next = (next + 1) & (POOL - 1);
        return model;
    }

    /** The same step into new arrays: the pure form, for callers whose states others may hold. */
    @Benchmark
    public ModelState learnerTrainUnpooled() {
        unpooledModel = learner.train(unpooledModel, examples[next], Position.train(0, next))
                .state();
        next = (next + 1) & (POOL - 1);
        return unpooledModel;
    }

    private static double[] negated(final double[] values) {
        final double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = -values[i];
        }
        return out;
    }
}
