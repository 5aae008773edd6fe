package io.onlinelearner.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.onlinelearner.config.LearnerConfig;
import io.onlinelearner.config.LearnerSettings;
import io.onlinelearner.labels.ModelLabels;
import io.onlinelearner.labels.ServedLoss;
import io.onlinelearner.learner.Learner;
import io.onlinelearner.learner.ModelState;
import io.onlinelearner.learner.ModelStatus;
import io.onlinelearner.model.Example;
import io.onlinelearner.model.Position;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class ModelTrackTest {

    /** A state after one round closed (window 1), so it has a best loss. */
    private static ModelState stateWithBest() {
        final Properties p = new Properties();
        p.setProperty(LearnerSettings.STOPPING_VALIDATION_WINDOW.key(), "1");
        final LearnerConfig config = LearnerConfig.parse(p);
        final Learner learner = new Learner(config.model(), config.adam(), config.stopping());
        final ModelState trained = learner.train(null, new Example(new double[] {1.0}, 2.0), Position.train(0, 0L))
                .state();
        return learner.validate(trained, new Example(new double[] {1.0}, 3.0)).state();
    }

    @Test
    void shouldKeepNoStateForAModelCountedOnlyInTotals() {
        final ModelTrack track = ModelTrack.totalsOnly("m");
        final ModelState state = stateWithBest();
        assertThat(track.update(state)).isNull();
        assertThat(track.state()).isNull();
        assertThat(track.bestLoss()).isEqualTo(state.stopping().best());
        assertThat(track.update(state)).isEqualTo(ModelStatus.TRAINING);
    }

    @Test
    void shouldKeepTheLatestStateForAModelWithItsOwnSeries() {
        final ModelTrack track = ModelTrack.withSeries("m", 10, 1);
        final ModelState state = stateWithBest();
        track.update(state);
        assertThat(track.state()).isSameAs(state);
        assertThat(track.roundLoss()).isEqualTo(state.lastRoundLoss());
        assertThat(track.bestLoss()).isEqualTo(state.stopping().best());
    }

    @Test
    void shouldDrawTheMeanServedLossAtEachCountOfJoinedLabelsOnlyOnceLabelsAreSeen() {
        final ModelTrack track = ModelTrack.withSeries("m", 4, 1);
        track.update(stateWithBest());
        assertThat(track.history().served()).as("no label seen").isNull();
        track.labels(Double.NaN, 1, 0);
        track.labels(0.5, 0, 1);
        track.labels(0.5, 1, 1);
        track.labels(0.75, 0, 2);
        track.labels(1.0, 0, 3);
        track.labels(0.25, 0, 4);
        track.labels(0.5, 0, 5);
        final ModelHistory.Served served = track.history().served();
        assertThat(served.joined()).as("decimated to every 2nd count when full").containsExactly(2L, 4L);
        assertThat(served.loss()).containsExactly(0.75, 0.25);
        assertThat(served.mean()).isEqualTo(0.5);
        assertThat(served.pending()).isZero();
        assertThat(track.servedLoss()).isEqualTo(0.5);
        assertThat(track.pending()).isZero();
    }

    @Test
    void shouldTakeInTheServedLossOnlyForAModelWithItsOwnSeries() {
        final ModelLabels labels = new ModelLabels(2, 1, ServedLoss.empty(10).with(0.5));
        final ModelTrack series = ModelTrack.withSeries("m", 4, 1);
        final ModelTrack totals = ModelTrack.totalsOnly("n");

        series.labels(labels);
        totals.labels(labels);

        assertThat(series.servedLoss()).isEqualTo(0.5);
        assertThat(series.pending()).isEqualTo(2.0);
        assertThat(totals.servedLoss()).isNaN();
        assertThat(totals.pending()).isZero();
    }

    @Test
    void shouldDrawTheMeansOfTheLabelBookkeepingAtTheCountsTheCurveKeeps() {
        final ModelTrack track = ModelTrack.withSeries("m", 4, 1);
        track.update(stateWithBest());
        ModelLabels labels = ModelLabels.none(2);
        for (final double loss : new double[] {1.0, 3.0, 5.0, 7.0, 9.0, 11.0}) {
            labels = labels.remembered().joined(loss);
            track.labels(labels);
        }

        final ModelHistory.Served served = track.history().served();
        assertThat(served.joined()).as("every 2nd count once full").containsExactly(2L, 4L, 6L);
        assertThat(served.loss()).as("the means of the last two losses then").containsExactly(2.0, 6.0, 10.0);
        assertThat(served.mean()).isEqualTo(10.0);
        assertThat(track.servedLoss()).isEqualTo(10.0);

        track.labels(Double.NaN, 0, 0);
        assertThat(track.servedLoss())
                .as("explicit counts replace the bookkeeping")
                .isNaN();
    }
}
