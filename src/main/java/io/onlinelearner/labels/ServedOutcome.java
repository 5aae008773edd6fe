package io.onlinelearner.labels;

import io.onlinelearner.learner.Prediction;

/**
 * One record of the {@code outcomes} topic: a served prediction joined to its label.
 *
 * @param model      the model id
 * @param idJson     the request's {@code id}, as the JSON text it was echoed with
 * @param prediction the prediction as it was served
 * @param y          the label
 * @param loss       the loss of the served prediction against {@code y}
 * @param parameters which parameters served it
 * @param updates    the updates those parameters had absorbed
 * @param generation the model's generation when it was served
 * @param delayMs    the label's timestamp minus the request's, >= 0
 */
public record ServedOutcome(
        String model,
        String idJson,
        double prediction,
        double y,
        double loss,
        Prediction.Answering parameters,
        long updates,
        long generation,
        long delayMs) {}
