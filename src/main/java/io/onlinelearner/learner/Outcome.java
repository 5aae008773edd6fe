package io.onlinelearner.learner;

import java.util.List;

/**
 * What one accepted record did to its model, as one value the stream processor acts on without
 * logic: write {@link #state()} when {@link #write()}, forward {@link #events()} to {@code control}
 * in order, forward a snapshot of each of {@link #snapshots()} to {@code models} in order, and
 * count {@link #kind()}. A rejected record never yields an outcome: the learner throws
 * {@link io.onlinelearner.model.RecordRejectedException} instead.
 *
 * @param kind      what kind of record it was and what it did, for metrics
 * @param state     the model's state afterwards; null only for a model that has no state and got none
 * @param write     true when {@code state} is new and must be written; false when unchanged (or none)
 * @param events    the control events, in order (without the model id)
 * @param snapshots the states to publish as snapshots on {@code models}, in order
 * @param loss      the record's loss at the parameters it met (NaN when not computed)
 */
public record Outcome(
        Kind kind,
        ModelState state,
        boolean write,
        List<ControlEvent> events,
        List<ModelState> snapshots,
        double loss) {

    /** Copies the lists, so that the outcome is a value. */
    public Outcome {
        events = List.copyOf(events);
        snapshots = List.copyOf(snapshots);
    }

    /** What a record did. */
    public enum Kind {
        /** A training record took one Adam step. */
        APPLIED,
        /**
         * The model had stopped: a training record was counted (and scored for drift) but not
         * applied; a validation record was not scored.
         */
        SKIPPED,
        /** A validation record was scored into the open round. */
        SCORED,
        /** A validation record was scored and closed a round; training goes on. */
        ROUND_CLOSED,
        /** A validation record closed a round and early stopping fired: the model is now frozen. */
        STOPPED,
        /** A command applied. */
        COMMAND_APPLIED,
        /** A well-formed command that did not apply: one {@code IGNORED} event, no change. */
        COMMAND_IGNORED;

        /** True when a validation record closed a round. */
        public boolean closesRound() {
            return this == ROUND_CLOSED || this == STOPPED;
        }
    }
}
