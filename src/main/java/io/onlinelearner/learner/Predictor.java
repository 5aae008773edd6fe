package io.onlinelearner.learner;

import io.onlinelearner.model.Loss;
import io.onlinelearner.model.PredictRequest;
import io.onlinelearner.stopping.Checkpoint;

/**
 * Answers predictions from the parameters in force: a stopped model's frozen parameters, a
 * training model's live ones (or its best snapshot since the last start, resume or reset with
 * {@code learner.predict.parameters=best}, once one exists), a new model's initial ones. Reads
 * only; the caller has checked the dimension.
 */
final class Predictor {

    private final InitialStates initial;
    private final PredictParameters choice;

    Predictor(final InitialStates initial, final PredictParameters choice) {
        this.initial = initial;
        this.choice = choice;
    }

    Prediction predict(final ModelState state, final PredictRequest request) {
        if (state == null) {
            return answer(
                    request,
                    initial.parameters(request.dimension()),
                    initial.model().intercept(),
                    PublishedStatus.NEW,
                    Prediction.Answering.INITIAL,
                    0L);
        }
        final PublishedStatus status = PublishedStatus.of(state.status());
        if (state.status() == ModelStatus.STOPPED) {
            return answer(
                    request,
                    state.frozen(),
                    state.intercept(),
                    status,
                    Prediction.Answering.FROZEN,
                    state.generation());
        }
        final Checkpoint best = choice == PredictParameters.BEST ? state.best() : null;
        return best != null
                ? answer(request, best, state.intercept(), status, Prediction.Answering.BEST, state.generation())
                : answer(
                        request,
                        state.live(),
                        state.intercept(),
                        status,
                        Prediction.Answering.LIVE,
                        state.generation());
    }

    private Prediction answer(
            final PredictRequest request,
            final Checkpoint parameters,
            final boolean intercept,
            final PublishedStatus status,
            final Prediction.Answering answering,
            final long generation) {
        final double linear = parameters.weights().predict(request.features(), intercept);
        final double value = initial.model().loss() == Loss.LOGISTIC ? Loss.sigmoid(linear) : linear;
        return new Prediction(
                request.idJson(),
                value,
                status,
                answering,
                parameters.updates(),
                generation,
                parameters.trainedThrough());
    }
}
