package io.onlinelearner.learner;

import io.onlinelearner.drift.DriftConfig;
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
 */
public record LearnerSpec(
        ModelSpec model,
        AdamHyperparameters adam,
        StoppingConfig stopping,
        Optional<PlateauConfig> plateau,
        Optional<DriftConfig> drift,
        PredictParameters predict) {

    /** Checks that nothing is null. */
    public LearnerSpec {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(adam, "adam");
        Objects.requireNonNull(stopping, "stopping");
        Objects.requireNonNull(plateau, "plateau");
        Objects.requireNonNull(drift, "drift");
        Objects.requireNonNull(predict, "predict");
    }

    /** The settings with no plateau schedule, no drift detection and live predictions. */
    public static LearnerSpec of(final ModelSpec model, final AdamHyperparameters adam, final StoppingConfig stopping) {
        return new LearnerSpec(model, adam, stopping, Optional.empty(), Optional.empty(), PredictParameters.LIVE);
    }
}
