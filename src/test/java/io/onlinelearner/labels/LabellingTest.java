package io.onlinelearner.labels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.onlinelearner.config.LearnerConfig;
import io.onlinelearner.learner.Learner;
import io.onlinelearner.learner.LearnerSpec;
import io.onlinelearner.learner.ModelState;
import io.onlinelearner.learner.Outcome;
import io.onlinelearner.learner.Prediction.Answering;
import io.onlinelearner.model.Example;
import io.onlinelearner.model.Label;
import io.onlinelearner.model.Loss;
import io.onlinelearner.model.ModelSpec;
import io.onlinelearner.model.Position;
import io.onlinelearner.model.PredictRequest;
import io.onlinelearner.model.RecordRejectedException;
import io.onlinelearner.model.RejectionReason;
import io.onlinelearner.stopping.StoppingConfig;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** {@link Labelling}: what a served request remembers, and how a joined label's example reaches the learner. */
class LabellingTest {

    private static final long T0 = 1_000_000L;

    private final Learner learner = new Learner(LearnerSpec.of(
            new ModelSpec(OptionalInt.empty(), true, Loss.SQUARED, new double[0], 0.0, 8),
            LearnerConfig.defaults().adam().withLearningRate(0.1),
            new StoppingConfig(2, 1, 0, OptionalDouble.empty(), 0, true)));
    private final Labelling labelling =
            new Labelling(learner, new LabelJoiner(new LabelSettings(true, 1000, 10, 3, 5), Loss.SQUARED));
    private final MemoryPending pending = new MemoryPending();

    private Labelling.Served predict(final ModelState state, final double[] x, final String id, final long ts) {
        final Labelling.Served served = labelling.predict(state, pending, "m", new PredictRequest(x, id), ts, ts, ts);
        pending.apply(served.changes());
        return served;
    }

    @Test
    void shouldRememberOnlyRequestsWithAnId() {
        assertThat(predict(null, new double[] {1.0}, null, T0).changes()).isSameAs(Changes.NONE);
        assertThat(predict(null, new double[] {1.0}, "null", T0 + 1).changes()).isSameAs(Changes.NONE);
        final Labelling.Served served = predict(null, new double[] {1.0}, "\"a\"", T0 + 2);

        assertThat(served.prediction().parameters()).isEqualTo(Answering.INITIAL);
        assertThat(pending.get("m", "\"a\""))
                .isEqualTo(new Remembered("\"a\"", new double[] {1.0}, 0.0, Answering.INITIAL, 0, 0, T0 + 2, T0 + 2));
        assertThat(pending.labels("m").pending()).isEqualTo(1);
    }

    @Test
    void shouldNotRememberARequestTheLearnerRejects() {
        final ModelState trained = learner.train(null, new Example(new double[] {1.0, 2.0}, 1.0), Position.train(0, 0))
                .state();

        assertThat(catchThrowableOfType(
                                RecordRejectedException.class, () -> predict(trained, new double[] {1.0}, "\"a\"", T0))
                        .reason())
                .isEqualTo(RejectionReason.WRONG_DIMENSION);
        assertThat(pending.count("m")).isZero();
    }

    @Test
    void shouldTrainOnAJoinedLabelWithItsLineageAndHoldOutEveryThird() {
        ModelState state = null;
        final Outcome.Kind[] kinds = new Outcome.Kind[3];
        for (int i = 0; i < 3; i++) {
            predict(state, new double[] {1.0 + i}, "" + i, T0 + i);
            final Labelling.Labelled labelled = labelling.label(
                    state, pending, "m", new Label("" + i, 2.0), T0 + 10 + i, T0 + 10 + i, Position.labels(0, 40 + i));
            pending.apply(labelled.changes());
            kinds[i] = labelled.learned().kind();
            assertThat(labelled.validated()).isEqualTo(i == 2);
            state = labelled.learned().state();
        }

        assertThat(kinds).containsExactly(Outcome.Kind.APPLIED, Outcome.Kind.APPLIED, Outcome.Kind.SCORED);
        assertThat(state.updates()).isEqualTo(2);
        assertThat(state.live().trainedThrough()).isEqualTo(Position.labels(0, 41));
        final ModelState direct = learner.train(
                        learner.train(null, new Example(new double[] {1.0}, 2.0), Position.train(0, 40))
                                .state(),
                        new Example(new double[] {2.0}, 2.0),
                        Position.train(0, 41))
                .state();
        assertThat(state.live().theta()).isEqualTo(direct.live().theta());
    }

    @Test
    void shouldLeaveEverythingAsItWasWhenTheLearnerRejectsTheExample() {
        predict(null, new double[] {1.0}, "\"a\"", T0);
        final ModelState wider = learner.train(null, new Example(new double[] {1.0, 2.0}, 1.0), Position.train(0, 0))
                .state();

        final RecordRejectedException rejected = catchThrowableOfType(
                RecordRejectedException.class,
                () -> labelling.label(
                        wider, pending, "m", new Label("\"a\"", 1.0), T0 + 1, T0 + 1, Position.labels(0, 1)));

        assertThat(rejected.reason()).isEqualTo(RejectionReason.WRONG_DIMENSION);
        assertThat(pending.count("m")).isEqualTo(1);
        assertThat(pending.labels("m").joined()).isZero();
    }
}
