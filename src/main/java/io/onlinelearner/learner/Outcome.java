package io.onlinelearner.learner;

/**
 * What one accepted record did to its model. A rejected record never yields an outcome: the
 * learner throws {@link io.onlinelearner.model.RecordRejectedException} instead.
 *
 * @param kind  what happened
 * @param state the model's state afterwards, to be written once; the very instance passed in when unchanged
 * @param loss  the record's loss at the parameters it met (NaN when not computed)
 */
public record Outcome(Kind kind, ModelState state, double loss) {

    /** What a record did. */
    public enum Kind {
        /** A training record took one Adam step. */
        APPLIED,
        /** The model had stopped; the record was counted but not applied or scored. */
        SKIPPED,
        /** A validation record was scored into the open round. */
        SCORED,
        /** A validation record was scored and closed a round; training goes on. */
        ROUND_CLOSED,
        /** A validation record closed a round and early stopping fired: the model is now frozen. */
        STOPPED;

        /** True when a snapshot goes to the models topic. */
        public boolean closesRound() {
            return this == ROUND_CLOSED || this == STOPPED;
        }
    }
}
