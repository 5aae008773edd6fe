package io.onlinelearner.config;

/**
 * Every {@code learner.*} configuration key, with its default and a one-line meaning: the one
 * place where the learner's defaults live. {@code config/learner.properties} lists the same keys,
 * and a test checks that the two agree.
 */
public enum Setting {
    ADAM_LR("learner.adam.lr", "0.001", "Adam's learning rate, > 0"),
    ADAM_BETA1("learner.adam.beta1", "0.9", "decay of the first moment, in [0, 1)"),
    ADAM_BETA2("learner.adam.beta2", "0.999", "decay of the second moment, in [0, 1)"),
    ADAM_EPSILON("learner.adam.epsilon", "1e-8", "epsilon, > 0"),
    ADAM_EPSILON_PLACEMENT("learner.adam.epsilon-placement", "outside",
            "outside (PyTorch), inside (sqrt(vhat + eps)) or hat (TensorFlow)"),
    ADAM_AMSGRAD("learner.adam.amsgrad", "false", "divide by the running maximum of v (AMSGrad)"),
    ADAM_WEIGHT_DECAY("learner.adam.weight-decay", "0", "weight decay, >= 0"),
    ADAM_DECOUPLED_WEIGHT_DECAY("learner.adam.decoupled-weight-decay", "false",
            "true: AdamW's decoupled decay; false: L2 added to the gradient"),
    ADAM_MAX_GRAD_NORM("learner.adam.max-grad-norm", "", "clip the gradient's L2 norm to this, > 0; empty: no clipping"),

    MODEL_FEATURES("learner.model.features", "", "the dimension d; empty: taken from a model's first valid record"),
    MODEL_INTERCEPT("learner.model.intercept", "true", "learn a bias b in y = w.x + b"),
    MODEL_LOSS("learner.model.loss", "squared", "squared or logistic (labels 0 or 1)"),
    MODEL_INITIAL_WEIGHTS("learner.model.initial-weights", "", "comma-separated initial weights; empty: zeros"),
    MODEL_INITIAL_BIAS("learner.model.initial-bias", "0", "the initial bias"),
    MODEL_MAX_FEATURES("learner.model.max-features", "10000", "the largest dimension a record may have, >= 1"),

    STOPPING_VALIDATION_WINDOW("learner.stopping.validation-window", "100", "scored validation records per round, >= 1"),
    STOPPING_PATIENCE("learner.stopping.patience", "5", "rounds without improvement before stopping, >= 0"),
    STOPPING_MIN_DELTA("learner.stopping.min-delta", "0", "an improvement must beat the best by more than |min-delta|"),
    STOPPING_BASELINE("learner.stopping.baseline", "", "wait resets only on rounds that also beat this; empty: none"),
    STOPPING_WARMUP_ROUNDS("learner.stopping.warmup-rounds", "0", "rounds ignored at the start, >= 0"),
    STOPPING_RESTORE_BEST("learner.stopping.restore-best", "true",
            "freeze the best snapshot (true) or the parameters at the stop (false)"),

    TOPIC_TRAIN("learner.topic.train", "train", "the training topic"),
    TOPIC_VALIDATION("learner.topic.validation", "validation", "the validation topic"),
    TOPIC_MODELS("learner.topic.models", "models", "snapshots out (compacted)"),
    TOPIC_CONTROL("learner.topic.control", "control", "stop signals out"),
    TOPIC_DEAD_LETTERS("learner.topic.dead-letters", "dead-letters", "rejected records out, with the reason in headers"),
    TOPIC_CREATE("learner.topic.create", "true", "create missing topics at start-up"),
    TOPIC_PARTITIONS("learner.topic.partitions", "1", "partitions of topics the learner creates, >= 1"),
    TOPIC_REPLICATION_FACTOR("learner.topic.replication-factor", "1",
            "replication factor of topics the learner creates, >= 1"),

    HTTP_HOST("learner.http.host", "127.0.0.1", "the address the HTTP API binds to"),
    HTTP_PORT("learner.http.port", "8080", "the HTTP API's port, 0 to 65535 (0: any free port)"),
    METRICS_MAX_MODELS("learner.metrics.max-models", "100", "models that get their own metric series, >= 0");

    /** The prefix of every key the learner reads itself; other keys go to Kafka Streams. */
    public static final String PREFIX = "learner.";

    private final String key;
    private final String defaultValue;
    private final String meaning;

    Setting(final String key, final String defaultValue, final String meaning) {
        this.key = key;
        this.defaultValue = defaultValue;
        this.meaning = meaning;
    }

    /** The property key, e.g. {@code learner.adam.lr}. */
    public String key() {
        return key;
    }

    /** The default, as written in a properties file; empty for "unset". */
    public String defaultValue() {
        return defaultValue;
    }

    /** A one-line meaning, with what is allowed. */
    public String meaning() {
        return meaning;
    }

    /** The setting with this key, or null. */
    public static Setting forKey(final String key) {
        for (final Setting setting : values()) {
            if (setting.key.equals(key)) {
                return setting;
            }
        }
        return null;
    }
}
