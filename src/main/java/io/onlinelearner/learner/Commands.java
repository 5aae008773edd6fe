package io.onlinelearner.learner;

import io.onlinelearner.model.Command;

/**
 * Applies the commands of the {@code commands} topic: {@code stop} to a training model,
 * {@code resume} to a stopped one, {@code reset} and {@code set-lr} to any existing model. Anything
 * else (including every command to a model with no state) is {@code IGNORED}: one event, no change.
 */
final class Commands {

    private final Lifecycle lifecycle;

    Commands(final Lifecycle lifecycle) {
        this.lifecycle = lifecycle;
    }

    /** The outcome of {@code command} on {@code state} (null: the model has no state). */
    Outcome apply(final ModelState state, final Command command) {
        if (state == null) {
            return ignored(null, command, "the model has no state");
        }
        final boolean stopped = state.status() == ModelStatus.STOPPED;
        final Effects effects = new Effects();
        final ModelState next;
        if (command instanceof Command.Stop) {
            if (stopped) {
                return ignored(state, command, "already stopped");
            }
            next = lifecycle.stop(state, Cause.COMMAND, effects);
        } else if (command instanceof Command.Resume resume) {
            if (!stopped) {
                return ignored(state, command, "not stopped: the model is training");
            }
            next = lifecycle.resume(state, resume.from(), Cause.COMMAND, effects);
        } else if (command instanceof Command.Reset) {
            next = lifecycle.reset(state, Cause.COMMAND, effects);
        } else if (command instanceof Command.SetLr setLr) {
            next = Lifecycle.setLr(state, setLr.lr(), Cause.COMMAND, null, effects);
        } else {
            throw new IllegalArgumentException("unknown command " + command);
        }
        return effects.outcome(Outcome.Kind.COMMAND_APPLIED, next, true, Double.NaN);
    }

    private static Outcome ignored(final ModelState state, final Command command, final String reason) {
        final Effects effects = new Effects();
        final long generation = state == null ? 0L : state.generation();
        final PublishedStatus status = state == null ? PublishedStatus.NEW : PublishedStatus.of(state.status());
        effects.event(new ControlEvent.Ignored(Cause.COMMAND, generation, status, command.name(), reason));
        return effects.outcome(Outcome.Kind.COMMAND_IGNORED, state, false, Double.NaN);
    }
}
