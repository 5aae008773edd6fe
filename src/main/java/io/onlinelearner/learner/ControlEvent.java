package io.onlinelearner.learner;

import io.onlinelearner.model.Command;
import io.onlinelearner.model.Position;
import io.onlinelearner.stopping.Weights;

/**
 * One event on the {@code control} topic, without the model id (the processor adds it). Every
 * event carries its {@code cause}, the model's {@code generation} and its {@code status} after the
 * event (a {@code DRIFT} event: before its action), and adds its own fields.
 */
public sealed interface ControlEvent {

    /** The event's name on the wire, e.g. {@code LR_CHANGED}. */
    String event();

    /** Why it happened. */
    Cause cause();

    /** The model's generation after the event (a {@code DRIFT} event: before its action). */
    long generation();

    /** The model's status after the event (a {@code DRIFT} event: before its action). */
    PublishedStatus status();

    /**
     * The model stopped (the stop signal).
     *
     * @param stoppedRound   the round at which early stopping fired, or a command stop's last closed round; null if none
     * @param bestRound      the best round since the last start, resume or reset; null if none
     * @param bestLoss       its loss; null if none
     * @param updates        the updates the frozen parameters had absorbed
     * @param features       the model's dimension d (2^bits for a hashed model, which alone writes it)
     * @param weights        the frozen weights, without the bias (dense, or the touched indices of a hashed model)
     * @param bias           the frozen bias (0 without intercept)
     * @param trainedThrough the frozen parameters' lineage; null if they never took an update
     */
    record Stopped(
            Cause cause,
            long generation,
            PublishedStatus status,
            Integer stoppedRound,
            Integer bestRound,
            Double bestLoss,
            long updates,
            int features,
            Weights weights,
            double bias,
            Position trainedThrough)
            implements ControlEvent {
        @Override
        public String event() {
            return "STOPPED";
        }
    }

    /**
     * A stopped model trains again.
     *
     * @param from    where its parameters came from
     * @param updates the updates the parameters now in force had absorbed
     */
    record Resumed(Cause cause, long generation, PublishedStatus status, Command.ResumeFrom from, long updates)
            implements ControlEvent {
        @Override
        public String event() {
            return "RESUMED";
        }
    }

    /** The model started over from its initial parameters. */
    record Reset(Cause cause, long generation, PublishedStatus status) implements ControlEvent {
        @Override
        public String event() {
            return "RESET";
        }
    }

    /**
     * The model's learning rate changed.
     *
     * @param from  the rate before
     * @param to    the rate from the next training record on
     * @param round the round whose end caused it (plateau only); null for a command
     */
    record LrChanged(Cause cause, long generation, PublishedStatus status, double from, double to, Integer round)
            implements ControlEvent {
        @Override
        public String event() {
            return "LR_CHANGED";
        }
    }

    /**
     * The drift detector fired.
     *
     * @param records   the losses it had seen since it was armed
     * @param statistic the Page-Hinkley statistic when it fired
     */
    record Drift(Cause cause, long generation, PublishedStatus status, long records, double statistic)
            implements ControlEvent {
        @Override
        public String event() {
            return "DRIFT";
        }
    }

    /**
     * A well-formed command that did not apply; nothing changed.
     *
     * @param command the command's name, e.g. {@code resume}
     * @param reason  why it did not apply, free text
     */
    record Ignored(Cause cause, long generation, PublishedStatus status, String command, String reason)
            implements ControlEvent {
        @Override
        public String event() {
            return "IGNORED";
        }
    }

    /**
     * The model had no record for longer than {@code learner.models.idle-ttl-ms} and was evicted:
     * its state and remembered requests are gone. {@code status} and {@code generation} are those
     * after the event, as for every event: {@code NEW} and 0, what the id's next record starts from;
     * the evicted model's own are in the last snapshot, published just before.
     *
     * @param idleMs the time since the model's last record, by its task's stream time
     */
    record Evicted(Cause cause, long generation, PublishedStatus status, long idleMs) implements ControlEvent {
        @Override
        public String event() {
            return "EVICTED";
        }
    }
}
