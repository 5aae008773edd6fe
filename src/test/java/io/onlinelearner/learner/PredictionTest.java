package io.onlinelearner.learner;

import static io.onlinelearner.learner.Fixtures.at;
import static io.onlinelearner.learner.Fixtures.learner;
import static io.onlinelearner.learner.Fixtures.round;
import static io.onlinelearner.learner.Fixtures.train;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.onlinelearner.model.Command;
import io.onlinelearner.model.Example;
import io.onlinelearner.model.Loss;
import io.onlinelearner.model.ModelSpec;
import io.onlinelearner.model.PredictRequest;
import io.onlinelearner.model.RecordRejectedException;
import io.onlinelearner.model.RejectionReason;
import io.onlinelearner.serde.ModelStateSerde;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class PredictionTest {

    private static PredictRequest request(final double x) {
        return new PredictRequest(new double[] {x}, "\"r\"");
    }

    @Test
    void shouldAnswerANewModelFromItsInitialParametersWithoutCreatingState() {
        final Prediction p = learner().predict(null, new PredictRequest(new double[] {3.0}, null));
        assertThat(p)
                .isEqualTo(new Prediction(
                        null, 2.0 * 3.0 + 1.0, PublishedStatus.NEW, Prediction.Answering.INITIAL, 0, 0, null));
    }

    @Test
    void shouldAnswerLiveWhileTrainingAndFrozenOnceStopped() {
        final Learner learner = learner();
        final ModelState s = round(learner, train(learner, null, 4, 0), 3.0).state();
        final ModelState trained = train(learner, s, 2, 4);
        final Prediction live = learner.predict(trained, request(2.0));
        assertThat(live.parameters()).isEqualTo(Prediction.Answering.LIVE);
        assertThat(live.status()).isEqualTo(PublishedStatus.TRAINING);
        assertThat(live.updates()).isEqualTo(6);
        assertThat(live.trainedThrough()).isEqualTo(at(5));
        assertThat(live.idJson()).isEqualTo("\"r\"");
        final double[] theta = trained.parameters();
        assertThat(live.prediction()).isEqualTo(theta[0] * 2.0 + theta[1]);
        final ModelState stopped = learner.command(trained, new Command.Stop()).state();
        final Prediction frozen = learner.predict(stopped, request(2.0));
        assertThat(frozen.parameters()).isEqualTo(Prediction.Answering.FROZEN);
        assertThat(frozen.status()).isEqualTo(PublishedStatus.STOPPED);
        assertThat(frozen.updates()).isEqualTo(4);
        assertThat(frozen.trainedThrough()).isEqualTo(at(3));
    }

    @Test
    void shouldAnswerFromTheBestRoundSinceTheLastResumeWhenAskedAndLiveUntilThere() {
        final Learner learner = learner(Fixtures.WINDOW_2, Optional.empty(), Optional.empty(), PredictParameters.BEST);
        final ModelState noRound = train(learner, null, 4, 0);
        assertThat(learner.predict(noRound, request(1.0)).parameters()).isEqualTo(Prediction.Answering.LIVE);
        final ModelState later = train(learner, round(learner, noRound, 3.0).state(), 3, 4);
        final Prediction best = learner.predict(later, request(1.0));
        assertThat(best.parameters()).isEqualTo(Prediction.Answering.BEST);
        assertThat(best.updates()).isEqualTo(4);
        assertThat(best.trainedThrough()).isEqualTo(at(3));
        assertThat(learner().predict(later, request(1.0)).parameters()).isEqualTo(Prediction.Answering.LIVE);
        final ModelState resumed = learner.command(
                        learner.command(later, new Command.Stop()).state(), new Command.Resume(Command.ResumeFrom.LAST))
                .state();
        assertThat(learner.predict(resumed, request(1.0)).parameters()).isEqualTo(Prediction.Answering.LIVE);
    }

    @Test
    void shouldAnswerProbabilitiesForLogisticLoss() {
        final Learner logistic = new Learner(LearnerSpec.of(
                new ModelSpec(OptionalInt.empty(), true, Loss.LOGISTIC, new double[0], 0, 4),
                io.onlinelearner.config.LearnerConfig.defaults().adam().withLearningRate(0.5),
                Fixtures.WINDOW_2));
        ModelState s = null;
        for (int i = 0; i < 20; i++) {
            s = logistic.train(s, new Example(new double[] {1.0, -1.0}, 1.0), at(i))
                    .state();
        }
        final Prediction p = logistic.predict(s, new PredictRequest(new double[] {1.0, -1.0}, null));
        final double[] theta = s.parameters();
        assertThat(p.prediction()).isEqualTo(Loss.sigmoid(theta[0] - theta[1] + theta[2]));
        assertThat(p.prediction()).isGreaterThan(0.5).isLessThan(1.0);
        assertThat(logistic.predict(null, new PredictRequest(new double[] {4.0, 2.0}, null))
                        .prediction())
                .isEqualTo(0.5);
    }

    @Test
    void shouldRejectAnotherDimensionOrTooManyFeatures() {
        final Learner learner = learner();
        final ModelState s = train(learner, null, 1, 0);
        assertThat(catchThrowableOfType(
                                RecordRejectedException.class,
                                () -> learner.predict(s, new PredictRequest(new double[] {1, 2}, null)))
                        .reason())
                .isEqualTo(RejectionReason.WRONG_DIMENSION);
        assertThat(catchThrowableOfType(
                                RecordRejectedException.class,
                                () -> learner.predict(null, new PredictRequest(new double[] {1, 2}, null)))
                        .reason())
                .isEqualTo(RejectionReason.WRONG_DIMENSION);
        assertThat(catchThrowableOfType(
                                RecordRejectedException.class,
                                () -> learner.predict(s, new PredictRequest(new double[5], null)))
                        .reason())
                .isEqualTo(RejectionReason.TOO_MANY_FEATURES);
    }

    @Test
    void shouldNeverChangeTheState() {
        final Learner learner = learner();
        final ModelState s = round(learner, train(learner, null, 4, 0), 3.0).state();
        final ModelStateSerde serde = new ModelStateSerde(
                io.onlinelearner.config.LearnerConfig.defaults().adam().learningRate());
        final byte[] before = serde.serialize("t", s);
        learner.predict(s, request(5.0));
        assertThat(serde.serialize("t", s)).isEqualTo(before);
    }
}
