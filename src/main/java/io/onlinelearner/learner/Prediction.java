package io.onlinelearner.learner;

import io.onlinelearner.model.Position;
import java.util.Locale;

/**
 * The answer to one {@code predict} record, without the model id (the processor adds it).
 *
 * @param idJson         the request's {@code id} as JSON text to echo; null when it had none
 * @param prediction     {@code w·x + b}, or {@code σ(w·x + b)} for logistic loss
 * @param status         the model's status (NEW when it has no state)
 * @param parameters     which parameters answered
 * @param updates        the updates those parameters had absorbed
 * @param generation     the model's generation (0 for a new model)
 * @param trainedThrough those parameters' lineage; null before their first update
 */
public record Prediction(
        String idJson,
        double prediction,
        PublishedStatus status,
        Answering parameters,
        long updates,
        long generation,
        Position trainedThrough) {

    /** Which parameters answered a prediction. */
    public enum Answering {
        /** A model with no state: its initial parameters. */
        INITIAL,
        /** A training model's current parameters. */
        LIVE,
        /** A training model's best round snapshot since its last start, resume or reset. */
        BEST,
        /** A stopped model's frozen parameters. */
        FROZEN;

        private final String wireName = name().toLowerCase(Locale.ROOT);

        /** The name on the wire, e.g. {@code live}. */
        public String wireName() {
            return wireName;
        }
    }
}
