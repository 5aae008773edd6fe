package io.onlinelearner.config;

import static io.onlinelearner.config.LearnerSettings.ADAM_AMSGRAD;
import static io.onlinelearner.config.LearnerSettings.ADAM_BETA1;
import static io.onlinelearner.config.LearnerSettings.ADAM_BETA2;
import static io.onlinelearner.config.LearnerSettings.ADAM_DECOUPLED_WEIGHT_DECAY;
import static io.onlinelearner.config.LearnerSettings.ADAM_EPSILON;
import static io.onlinelearner.config.LearnerSettings.ADAM_EPSILON_PLACEMENT;
import static io.onlinelearner.config.LearnerSettings.ADAM_LR;
import static io.onlinelearner.config.LearnerSettings.ADAM_MAX_GRAD_NORM;
import static io.onlinelearner.config.LearnerSettings.ADAM_WEIGHT_DECAY;
import static io.onlinelearner.config.LearnerSettings.DRIFT_ACTION;
import static io.onlinelearner.config.LearnerSettings.DRIFT_ALPHA;
import static io.onlinelearner.config.LearnerSettings.DRIFT_DELTA;
import static io.onlinelearner.config.LearnerSettings.DRIFT_DETECTOR;
import static io.onlinelearner.config.LearnerSettings.DRIFT_MIN_INSTANCES;
import static io.onlinelearner.config.LearnerSettings.DRIFT_THRESHOLD;
import static io.onlinelearner.config.LearnerSettings.FEATURES_HASH_BITS;
import static io.onlinelearner.config.LearnerSettings.FEATURES_HASH_SEED;
import static io.onlinelearner.config.LearnerSettings.FEATURES_INTERACTIONS;
import static io.onlinelearner.config.LearnerSettings.FEATURES_KEEP_NAMES;
import static io.onlinelearner.config.LearnerSettings.FEATURES_MODE;
import static io.onlinelearner.config.LearnerSettings.FEATURES_NAMES_PER_INDEX;
import static io.onlinelearner.config.LearnerSettings.MODEL_FEATURES;
import static io.onlinelearner.config.LearnerSettings.MODEL_INITIAL_BIAS;
import static io.onlinelearner.config.LearnerSettings.MODEL_INITIAL_WEIGHTS;
import static io.onlinelearner.config.LearnerSettings.MODEL_INTERCEPT;
import static io.onlinelearner.config.LearnerSettings.MODEL_LOSS;
import static io.onlinelearner.config.LearnerSettings.MODEL_MAX_FEATURES;
import static io.onlinelearner.config.LearnerSettings.PLATEAU_COOLDOWN;
import static io.onlinelearner.config.LearnerSettings.PLATEAU_FACTOR;
import static io.onlinelearner.config.LearnerSettings.PLATEAU_MIN_DELTA;
import static io.onlinelearner.config.LearnerSettings.PLATEAU_MIN_LR;
import static io.onlinelearner.config.LearnerSettings.PLATEAU_PATIENCE;
import static io.onlinelearner.config.LearnerSettings.STOPPING_BASELINE;
import static io.onlinelearner.config.LearnerSettings.STOPPING_MIN_DELTA;
import static io.onlinelearner.config.LearnerSettings.STOPPING_PATIENCE;
import static io.onlinelearner.config.LearnerSettings.STOPPING_RESTORE_BEST;
import static io.onlinelearner.config.LearnerSettings.STOPPING_VALIDATION_WINDOW;
import static io.onlinelearner.config.LearnerSettings.STOPPING_WARMUP_ROUNDS;

import io.onlinelearner.drift.DriftAction;
import io.onlinelearner.drift.DriftConfig;
import io.onlinelearner.features.FeatureMode;
import io.onlinelearner.features.HashingConfig;
import io.onlinelearner.labels.LabelSettings;
import io.onlinelearner.model.InputFormat;
import io.onlinelearner.model.ModelSpec;
import io.onlinelearner.optim.AdamHyperparameters;
import io.onlinelearner.optim.EpsilonPlacement;
import io.onlinelearner.schedule.PlateauConfig;
import io.onlinelearner.stopping.StoppingConfig;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.Properties;

/**
 * Reads the typed values of {@link LearnerSettings} from properties, falling back to their
 * defaults, and builds the core's records from them. Every value is parsed by its one definition,
 * so every bad value fails with the same wording; the few rules that relate two keys are checked
 * here, in the same wording. An unknown {@code learner.*} key is an error too: a typo must not
 * silently fall back to a default.
 */
final class SettingsReader {

    private final Properties properties;

    SettingsReader(final Properties properties) {
        this.properties = properties;
        for (final String key : properties.stringPropertyNames()) {
            if (key.startsWith(LearnerSettings.PREFIX) && LearnerSettings.forKey(key) == null) {
                throw new ConfigException("invalid configuration: unknown key " + key
                        + " (docs/configuration.md and config/learner.properties list every learner.* key)");
            }
        }
    }

    /** The typed value of {@code setting}. */
    <T> T get(final Setting<T> setting) {
        return setting.read(properties);
    }

    /** The text of {@code setting}, trimmed, as a start-up error quotes it. */
    String text(final Setting<?> setting) {
        return setting.text(properties);
    }

    /**
     * Named features, present only with {@code learner.features.mode=hashed}; every key is checked
     * either way. In hashed mode the settings lazy Adam cannot honour refuse start-up, each naming
     * its key: AMSGrad, weight decay, gradient clipping, initial weights, a fixed dimension (it is
     * {@code 2^hash-bits}), an explicit ε placement other than {@code hat}, and Avro input (named
     * features are JSON only).
     */
    Optional<HashingConfig> hashing() {
        final FeatureMode mode = get(FEATURES_MODE);
        final HashingConfig config = new HashingConfig(
                get(FEATURES_HASH_BITS),
                get(FEATURES_HASH_SEED),
                get(FEATURES_INTERACTIONS),
                get(FEATURES_KEEP_NAMES),
                get(FEATURES_NAMES_PER_INDEX),
                get(MODEL_MAX_FEATURES));
        if (mode != FeatureMode.HASHED) {
            return Optional.empty();
        }
        refuseInHashedMode(ADAM_AMSGRAD, get(ADAM_AMSGRAD), "false");
        refuseInHashedMode(ADAM_WEIGHT_DECAY, get(ADAM_WEIGHT_DECAY) != 0.0, "0");
        refuseInHashedMode(ADAM_MAX_GRAD_NORM, get(ADAM_MAX_GRAD_NORM).isPresent(), "empty (no clipping)");
        refuseInHashedMode(MODEL_INITIAL_WEIGHTS, get(MODEL_INITIAL_WEIGHTS).length > 0, "empty (zeros)");
        refuseInHashedMode(
                MODEL_FEATURES,
                get(MODEL_FEATURES).isPresent(),
                "empty (the dimension is 2^" + FEATURES_HASH_BITS.key() + ")");
        refuseInHashedMode(
                ADAM_EPSILON_PLACEMENT,
                properties.containsKey(ADAM_EPSILON_PLACEMENT.key())
                        && get(ADAM_EPSILON_PLACEMENT) != EpsilonPlacement.HAT,
                "hat, or no line for the key (lazy Adam places epsilon at the hat)");
        refuseInHashedMode(
                LearnerSettings.INPUT_FORMAT,
                get(LearnerSettings.INPUT_FORMAT) != InputFormat.JSON,
                "json (named features are JSON objects)");
        return Optional.of(config);
    }

    private void refuseInHashedMode(final Setting<?> setting, final boolean refused, final String allowed) {
        if (refused) {
            throw new ConfigException(
                    setting.key(), text(setting), allowed + " with " + FEATURES_MODE.key() + "=hashed");
        }
    }

    AdamHyperparameters adam() {
        final boolean hashed = get(FEATURES_MODE) == FeatureMode.HASHED;
        return new AdamHyperparameters(
                get(ADAM_LR),
                get(ADAM_BETA1),
                get(ADAM_BETA2),
                get(ADAM_EPSILON),
                hashed ? EpsilonPlacement.HAT : get(ADAM_EPSILON_PLACEMENT),
                get(ADAM_AMSGRAD),
                get(ADAM_WEIGHT_DECAY),
                get(ADAM_DECOUPLED_WEIGHT_DECAY),
                get(ADAM_MAX_GRAD_NORM));
    }

    ModelSpec model() {
        final int maxFeatures = get(MODEL_MAX_FEATURES);
        final OptionalInt features = get(MODEL_FEATURES);
        if (features.isPresent() && features.getAsInt() > maxFeatures) {
            throw new ConfigException(
                    MODEL_FEATURES.key(),
                    text(MODEL_FEATURES),
                    "an integer in [1, " + maxFeatures + "] (" + MODEL_MAX_FEATURES.key() + "), or empty");
        }
        final double[] weights = get(MODEL_INITIAL_WEIGHTS);
        if (weights.length > 0 && features.isPresent() && weights.length != features.getAsInt()) {
            throw new ConfigException(
                    MODEL_INITIAL_WEIGHTS.key(),
                    text(MODEL_INITIAL_WEIGHTS),
                    "empty or exactly " + features.getAsInt() + " numbers (" + MODEL_FEATURES.key() + ")");
        }
        if (weights.length > maxFeatures) {
            throw new ConfigException(
                    MODEL_INITIAL_WEIGHTS.key(),
                    text(MODEL_INITIAL_WEIGHTS),
                    "at most " + maxFeatures + " numbers (" + MODEL_MAX_FEATURES.key() + ")");
        }
        return new ModelSpec(
                features, get(MODEL_INTERCEPT), get(MODEL_LOSS), weights, get(MODEL_INITIAL_BIAS), maxFeatures);
    }

    StoppingConfig stopping() {
        return new StoppingConfig(
                get(STOPPING_VALIDATION_WINDOW),
                get(STOPPING_PATIENCE),
                get(STOPPING_MIN_DELTA),
                get(STOPPING_BASELINE),
                get(STOPPING_WARMUP_ROUNDS),
                get(STOPPING_RESTORE_BEST));
    }

    /** The plateau schedule, present only when {@code learner.plateau.factor} is set; every key is checked either way. */
    Optional<PlateauConfig> plateau() {
        final OptionalDouble factor = get(PLATEAU_FACTOR);
        final int patience = get(PLATEAU_PATIENCE);
        final double minDelta = get(PLATEAU_MIN_DELTA);
        final int cooldown = get(PLATEAU_COOLDOWN);
        final double minLr = get(PLATEAU_MIN_LR);
        return factor.isEmpty()
                ? Optional.empty()
                : Optional.of(new PlateauConfig(factor.getAsDouble(), patience, minDelta, cooldown, minLr));
    }

    /** Drift detection, present only with {@code learner.drift.detector=page-hinkley}; every key is checked either way. */
    Optional<DriftConfig> drift() {
        final String detector = get(DRIFT_DETECTOR);
        final int minInstances = get(DRIFT_MIN_INSTANCES);
        final double delta = get(DRIFT_DELTA);
        final double threshold = get(DRIFT_THRESHOLD);
        final double alpha = get(DRIFT_ALPHA);
        final DriftAction action = get(DRIFT_ACTION);
        return LearnerSettings.DETECTOR_NONE.equals(detector)
                ? Optional.empty()
                : Optional.of(new DriftConfig(minInstances, delta, threshold, alpha, action));
    }

    /** Labels that come later; every key is checked whether they are on or not. */
    LabelSettings labels() {
        return new LabelSettings(
                get(LearnerSettings.LABELS_ENABLED),
                get(LearnerSettings.LABELS_TTL_MS),
                get(LearnerSettings.LABELS_MAX_PENDING),
                get(LearnerSettings.LABELS_HOLDOUT_EVERY),
                get(LearnerSettings.LABELS_WINDOW));
    }

    /** The topic names, each legal and each different from the others. */
    Topics topics() {
        final Map<String, Setting<String>> seen = new HashMap<>();
        final String[] names = new String[LearnerSettings.TOPICS.size()];
        for (int i = 0; i < names.length; i++) {
            final Setting<String> setting = LearnerSettings.TOPICS.get(i);
            names[i] = get(setting);
            final Setting<String> other = seen.putIfAbsent(names[i], setting);
            if (other != null) {
                throw new ConfigException(
                        setting.key(), names[i], "different from " + other.key() + " (every topic needs its own name)");
            }
        }
        return new Topics(
                names[0], names[1], names[2], names[3], names[4], names[5], names[6], names[7], names[8], names[9]);
    }

    LearnerConfig.TopicProvisioning provisioning() {
        return new LearnerConfig.TopicProvisioning(
                get(LearnerSettings.TOPIC_CREATE),
                get(LearnerSettings.TOPIC_PARTITIONS),
                get(LearnerSettings.TOPIC_REPLICATION_FACTOR).shortValue(),
                RecordLimits.bytes(get(LearnerSettings.INPUT_MAX_BYTES)));
    }
}
