package io.onlinelearner.learner;

import io.onlinelearner.model.Command;
import io.onlinelearner.stopping.Checkpoint;
import io.onlinelearner.stopping.EarlyStopping;

/**
 * The transitions of a model's life shared by commands, early stopping and drift actions: stop,
 * resume, reset and set-lr, each returning the new state and adding its control event (and its
 * snapshot, for a stop or a reset) to the record's {@link Effects}. Pure; no checks of whether the
 * transition applies (the caller decides).
 */
final class Lifecycle {

    private final EarlyStopping stopping;
    private final InitialStates initial;

    Lifecycle(final EarlyStopping stopping, final InitialStates initial) {
        this.stopping = stopping;
        this.initial = initial;
    }

    /** Stops a training model now: frozen to the best snapshot with restore-best, else the live parameters. */
    ModelState stop(final ModelState state, final Cause cause, final Effects effects) {
        final ModelState stopped = state.stopped(stopping.frozen(state.stopping(), state.live()));
        effects.event(stoppedEvent(stopped, cause));
        effects.snapshot(stopped);
        return stopped;
    }

    /** Resumes a stopped model from its frozen parameters (a warm restart) or from its last live state. */
    ModelState resume(final ModelState state, final Command.ResumeFrom from, final Cause cause, final Effects effects) {
        final ModelState resumed = from == Command.ResumeFrom.BEST
                ? state.resumed(state.frozen(), state.moments().zeroed())
                : state.resumed(state.live(), state.moments());
        effects.event(new ControlEvent.Resumed(
                cause,
                resumed.generation(),
                PublishedStatus.TRAINING,
                from,
                resumed.live().updates()));
        return resumed;
    }

    /** Starts a model over: initial parameters, Adam state, rounds, stopping, plateau, drift and rate. */
    ModelState reset(final ModelState state, final Cause cause, final Effects effects) {
        final ModelState reset = state.reset(initial.of(state.features()));
        effects.event(new ControlEvent.Reset(cause, reset.generation(), PublishedStatus.TRAINING));
        effects.snapshot(reset);
        return reset;
    }

    /** Changes the model's learning rate; {@code round} is the round that caused it (plateau), else null. */
    static ModelState setLr(
            final ModelState state, final double lr, final Cause cause, final Integer round, final Effects effects) {
        effects.event(new ControlEvent.LrChanged(
                cause, state.generation(), PublishedStatus.of(state.status()), state.lr(), lr, round));
        return state.withLr(lr);
    }

    /** The stop signal of a model that has just stopped. */
    static ControlEvent.Stopped stoppedEvent(final ModelState stopped, final Cause cause) {
        final Checkpoint frozen = stopped.frozen();
        final boolean hasBest = stopped.stopping().hasBest();
        return new ControlEvent.Stopped(
                cause,
                stopped.generation(),
                PublishedStatus.STOPPED,
                stopped.round().last(),
                hasBest ? stopped.stopping().bestRound() : null,
                hasBest ? stopped.stopping().best() : null,
                frozen.updates(),
                stopped.features(),
                PublishedParameters.weights(frozen, stopped.features()),
                PublishedParameters.bias(frozen, stopped.features(), stopped.intercept()),
                frozen.trainedThrough());
    }
}
