package io.onlinelearner.learner;

import io.onlinelearner.drift.DriftConfig;
import io.onlinelearner.model.Example;
import io.onlinelearner.model.Loss;
import io.onlinelearner.model.ModelSpec;
import io.onlinelearner.model.Position;
import io.onlinelearner.schedule.PlateauConfig;
import io.onlinelearner.stopping.StoppingConfig;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/** Small learners and models for the core's unit tests: one feature, intercept, lr 0.1, rounds of 2 records. */
final class Fixtures {

    static final double LR = 0.1;
    static final StoppingConfig WINDOW_2 = new StoppingConfig(2, 1, 0, OptionalDouble.empty(), 0, true);
    static final ModelSpec ONE_FEATURE =
            new ModelSpec(OptionalInt.of(1), true, Loss.SQUARED, new double[] {2.0}, 1.0, 4);

    private Fixtures() {}

    static Learner learner() {
        return learner(WINDOW_2, Optional.empty(), Optional.empty(), PredictParameters.LIVE);
    }

    static Learner learner(
            final StoppingConfig stopping,
            final Optional<PlateauConfig> plateau,
            final Optional<DriftConfig> drift,
            final PredictParameters predict) {
        return new Learner(new LearnerSpec(
                ONE_FEATURE,
                io.onlinelearner.config.LearnerConfig.defaults().adam().withLearningRate(LR),
                stopping,
                plateau,
                drift,
                predict));
    }

    static Example ex(final double x, final double y) {
        return new Example(new double[] {x}, y);
    }

    static Position at(final long offset) {
        return Position.train(0, offset);
    }

    /** {@code n} training records (offsets {@code from}, {@code from + 1}, ...) applied to {@code state}. */
    static ModelState train(final Learner learner, final ModelState state, final int n, final long from) {
        ModelState s = state;
        for (int i = 0; i < n; i++) {
            s = learner.train(s, ex(1.0 + i % 3, 2.0 * (1.0 + i % 3) - 1.0), at(from + i))
                    .state();
        }
        return s;
    }

    /** One round of two validation records closed on {@code state}, with {@code y} as labels. */
    static Outcome round(final Learner learner, final ModelState state, final double y) {
        return learner.validate(learner.validate(state, ex(1.0, y)).state(), ex(1.0, y));
    }
}
