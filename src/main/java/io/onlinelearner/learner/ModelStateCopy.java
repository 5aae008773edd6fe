package io.onlinelearner.learner;

import io.onlinelearner.drift.PageHinkleyState;
import io.onlinelearner.features.FeatureNames;
import io.onlinelearner.schedule.PlateauState;
import io.onlinelearner.stopping.Checkpoint;
import io.onlinelearner.stopping.StoppingState;

/**
 * The components of a {@link ModelState} being changed by one transition: a copy of a state whose
 * components are replaced one by one, then built into a new state with the one positional call of
 * the transitions. Used only by {@link ModelState}'s transitions, and only for the duration of one.
 */
final class ModelStateCopy {
    private final int features;
    private final boolean intercept;
    private Checkpoint live;
    private AdamMoments moments;
    private RoundState round;
    private StoppingState stopping;
    private Checkpoint frozen;
    private PlateauState plateau;
    private PageHinkleyState drift;
    private double lr;
    private long generation;
    private Counters counters;
    private FeatureNames names;

    ModelStateCopy(final ModelState state) {
        features = state.features();
        intercept = state.intercept();
        live = state.live();
        moments = state.moments();
        round = state.round();
        stopping = state.stopping();
        frozen = state.frozen();
        plateau = state.plateau();
        drift = state.drift();
        lr = state.lr();
        generation = state.generation();
        counters = state.counters();
        names = state.names();
    }

    ModelStateCopy live(final Checkpoint value) {
        live = value;
        return this;
    }

    ModelStateCopy moments(final AdamMoments value) {
        moments = value;
        return this;
    }

    ModelStateCopy round(final RoundState value) {
        round = value;
        return this;
    }

    ModelStateCopy stopping(final StoppingState value) {
        stopping = value;
        return this;
    }

    ModelStateCopy frozen(final Checkpoint value) {
        frozen = value;
        return this;
    }

    ModelStateCopy plateau(final PlateauState value) {
        plateau = value;
        return this;
    }

    ModelStateCopy drift(final PageHinkleyState value) {
        drift = value;
        return this;
    }

    ModelStateCopy lr(final double value) {
        lr = value;
        return this;
    }

    ModelStateCopy generation(final long value) {
        generation = value;
        return this;
    }

    ModelStateCopy counters(final Counters value) {
        counters = value;
        return this;
    }

    ModelStateCopy names(final FeatureNames value) {
        names = value;
        return this;
    }

    ModelState build() {
        return new ModelState(
                features,
                intercept,
                live,
                moments,
                round,
                stopping,
                frozen,
                plateau,
                drift,
                lr,
                generation,
                counters,
                names);
    }
}
