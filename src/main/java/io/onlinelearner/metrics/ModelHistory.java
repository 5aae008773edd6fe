package io.onlinelearner.metrics;

import io.onlinelearner.learner.ModelState;

/**
 * What the live page shows of one model: its latest state and its bounded loss history.
 *
 * @param model       the model id
 * @param state       the model's latest state seen by this instance
 * @param trainEvery  the current sampling stride of the training-loss curve, in updates
 * @param trainX      the update counts at which the training loss was sampled
 * @param trainLoss   the training loss (exponentially weighted mean) at those updates
 * @param rounds      the rounds whose loss is kept
 * @param roundLoss   those rounds' losses
 */
public record ModelHistory(
        String model,
        ModelState state,
        long trainEvery,
        long[] trainX,
        double[] trainLoss,
        long[] rounds,
        double[] roundLoss) {
}
