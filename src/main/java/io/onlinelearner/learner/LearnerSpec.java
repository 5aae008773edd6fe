package io.onlinelearner.learner;

import io.onlinelearner.drift.DriftConfig;
import io.onlinelearner.features.HashingConfig;
import io.onlinelearner.model.ModelSpec;
import io.onlinelearner.optim.AdamHyperparameters;
import io.onlinelearner.schedule.PlateauConfig;
import io.onlinelearner.stopping.StoppingConfig;
import java.util.Objects;
import java.util.Optional;

/**
 * Every setting the learner applies, as one value.
 *
 * @param model    what a new model looks like
 * @param adam     the optimiser; its learning rate is every model's initial rate
 * @param stopping early stopping
 * @param plateau  learning rate on plateau; empty when off
 * @param drift    drift detection; empty when off
 * @param predict  which parameters of a training model answer predictions
 * @param hashing  named features ({@code learner.features.mode=hashed}): sparse models learnt with
 *                 lazy Adam; empty for dense models (the default)
 */
public record LearnerSpec(
        ModelSpec model,
        AdamHyperparameters adam,
        StoppingConfig stopping,
        Optional<PlateauConfig> plateau,
        Optional<DriftConfig> drift,
        PredictParameters predict,
        Optional<HashingConfig> hashing) {

    /** Checks that nothing is null. */
    public LearnerSpec {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(adam, "adam");
        Objects.requireNonNull(stopping, "stopping");
        Objects.requireNonNull(plateau, "plateau");
        Objects.requireNonNull(drift, "drift");
        Objects.requireNonNull(predict, "predict");
        Objects.requireNonNull(hashing, "hashing");
    }

    /** Dense settings. */
    public LearnerSpec(
            final ModelSpec model,
            final AdamHyperparameters adam,
            final StoppingConfig stopping,
            final Optional<PlateauConfig> plateau,
            final Optional<DriftConfig> drift,
            final PredictParameters predict) {
        this(model, adam, stopping, plateau, drift, predict, Optional.empty());
    }

    /** True for named features: hashed, sparse models. */
    public boolean hashed() {
        return hashing.isPresent();
    }

    /** The settings with no plateau schedule, no drift detection and live predictions. */
    public static LearnerSpec of(final ModelSpec model, final AdamHyperparameters adam, final StoppingConfig stopping) {
        return new LearnerSpec(model, adam, stopping, Optional.empty(), Optional.empty(), PredictParameters.LIVE);
    }
}
