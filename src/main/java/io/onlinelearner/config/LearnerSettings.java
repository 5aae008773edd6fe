package io.onlinelearner.config;

import static io.onlinelearner.config.Values.bool;
import static io.onlinelearner.config.Values.doubleWhere;
import static io.onlinelearner.config.Values.doubles;
import static io.onlinelearner.config.Values.host;
import static io.onlinelearner.config.Values.intIn;
import static io.onlinelearner.config.Values.interactions;
import static io.onlinelearner.config.Values.longIn;
import static io.onlinelearner.config.Values.oneOf;
import static io.onlinelearner.config.Values.optionalDouble;
import static io.onlinelearner.config.Values.optionalIntIn;
import static io.onlinelearner.config.Values.optionalLongIn;
import static io.onlinelearner.config.Values.topicName;
import static io.onlinelearner.config.Values.unsigned32;

import io.onlinelearner.config.Setting.Parser;
import io.onlinelearner.drift.DriftAction;
import io.onlinelearner.features.FeatureMode;
import io.onlinelearner.features.HashingConfig;
import io.onlinelearner.features.Interaction;
import io.onlinelearner.learner.PredictParameters;
import io.onlinelearner.model.InputFormat;
import io.onlinelearner.model.Loss;
import io.onlinelearner.optim.EpsilonPlacement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.function.Function;

/**
 * Every {@code learner.*} key, each declared once with its type, default, validation and one-line
 * meaning: the one place where the learner's defaults live. Code and tests name a key by its
 * constant (e.g. {@link #ADAM_LR}), never by a string; {@code config/learner.properties} and the
 * configuration table of {@code docs/configuration.md} are generated from these definitions by
 * {@link SettingsDocs}, and tests check that they agree.
 */
public final class LearnerSettings {

    /** The prefix of every key the learner reads itself; other keys go to Kafka Streams. */
    public static final String PREFIX = "learner.";

    /** The value of {@link #DRIFT_DETECTOR} that turns drift detection off. */
    public static final String DETECTOR_NONE = "none";
    /** The value of {@link #DRIFT_DETECTOR} that turns on the Page-Hinkley test. */
    public static final String DETECTOR_PAGE_HINKLEY = "page-hinkley";

    private static final int MAX = Integer.MAX_VALUE;
    private static final List<Setting<?>> ALL = new ArrayList<>();

    public static final Setting<Double> ADAM_LR =
            define("adam.lr", "0.001", "Adam's learning rate, > 0", doubleWhere(v -> v > 0, "a finite number > 0"));
    public static final Setting<Double> ADAM_BETA1 = define(
            "adam.beta1",
            "0.9",
            "decay of the first moment, in [0, 1)",
            doubleWhere(v -> v >= 0 && v < 1, "a number in [0, 1)"));
    public static final Setting<Double> ADAM_BETA2 = define(
            "adam.beta2",
            "0.999",
            "decay of the second moment, in [0, 1)",
            doubleWhere(v -> v >= 0 && v < 1, "a number in [0, 1)"));
    public static final Setting<Double> ADAM_EPSILON =
            define("adam.epsilon", "1e-8", "epsilon, > 0", doubleWhere(v -> v > 0, "a finite number > 0"));
    public static final Setting<EpsilonPlacement> ADAM_EPSILON_PLACEMENT = define(
            "adam.epsilon-placement",
            "outside",
            "outside (PyTorch), inside (sqrt(vhat + eps)) or hat (TensorFlow)",
            oneOf(List.of(EpsilonPlacement.values()), EpsilonPlacement::configName));
    public static final Setting<Boolean> ADAM_AMSGRAD =
            define("adam.amsgrad", "false", "divide by the running maximum of v (AMSGrad)", bool());
    public static final Setting<Double> ADAM_WEIGHT_DECAY =
            define("adam.weight-decay", "0", "weight decay, >= 0", doubleWhere(v -> v >= 0, "a finite number >= 0"));
    public static final Setting<Boolean> ADAM_DECOUPLED_WEIGHT_DECAY = define(
            "adam.decoupled-weight-decay",
            "false",
            "true: AdamW's decoupled decay; false: L2 added to the gradient",
            bool());
    public static final Setting<OptionalDouble> ADAM_MAX_GRAD_NORM = define(
            "adam.max-grad-norm",
            "",
            "clip the gradient's L2 norm to this, > 0; empty: no clipping",
            optionalDouble(v -> v > 0, "a finite number > 0, or empty for no clipping"));

    public static final Setting<OptionalInt> MODEL_FEATURES = define(
            "model.features",
            "",
            "the dimension d, <= max-features; empty: taken from a model's first valid record",
            optionalIntIn(1, 1_000_000));
    public static final Setting<Boolean> MODEL_INTERCEPT =
            define("model.intercept", "true", "learn a bias b in y = w.x + b", bool());
    public static final Setting<Loss> MODEL_LOSS = define(
            "model.loss",
            "squared",
            "squared or logistic (labels 0 or 1)",
            oneOf(List.of(Loss.values()), Loss::configName));
    public static final Setting<double[]> MODEL_INITIAL_WEIGHTS =
            define("model.initial-weights", "", "comma-separated initial weights; empty: zeros", doubles());
    public static final Setting<Double> MODEL_INITIAL_BIAS =
            define("model.initial-bias", "0", "the initial bias", doubleWhere(v -> true, "a finite number"));
    public static final Setting<Integer> MODEL_MAX_FEATURES = define(
            "model.max-features",
            "10000",
            "the largest dimension a record may have, in [1, 1000000]",
            intIn(1, 1_000_000));

    public static final Setting<Integer> STOPPING_VALIDATION_WINDOW =
            define("stopping.validation-window", "100", "scored validation records per round, >= 1", intIn(1, MAX));
    public static final Setting<Integer> STOPPING_PATIENCE =
            define("stopping.patience", "5", "rounds without improvement before stopping, >= 0", intIn(0, MAX));
    public static final Setting<Double> STOPPING_MIN_DELTA = define(
            "stopping.min-delta",
            "0",
            "an improvement must beat the best by more than |min-delta|",
            doubleWhere(v -> true, "a finite number"));
    public static final Setting<OptionalDouble> STOPPING_BASELINE = define(
            "stopping.baseline",
            "",
            "wait resets only on rounds that also beat this; empty: none",
            optionalDouble(v -> true, "a finite number, or empty for none"));
    public static final Setting<Integer> STOPPING_WARMUP_ROUNDS =
            define("stopping.warmup-rounds", "0", "rounds ignored at the start, >= 0", intIn(0, MAX));
    public static final Setting<Boolean> STOPPING_RESTORE_BEST = define(
            "stopping.restore-best",
            "true",
            "freeze the best snapshot (true) or the parameters at the stop (false)",
            bool());

    public static final Setting<OptionalDouble> PLATEAU_FACTOR = define(
            "plateau.factor",
            "",
            "multiply the learning rate by this on a plateau, in (0, 1); empty: no plateau schedule",
            optionalDouble(v -> v > 0 && v < 1, "a number in (0, 1), or empty for no plateau schedule"));
    public static final Setting<Integer> PLATEAU_PATIENCE = define(
            "plateau.patience", "10", "rounds without improvement before the learning rate drops, >= 0", intIn(0, MAX));
    public static final Setting<Double> PLATEAU_MIN_DELTA = define(
            "plateau.min-delta",
            "1e-4",
            "an improvement must beat the best by more than this, >= 0",
            doubleWhere(v -> v >= 0, "a finite number >= 0"));
    public static final Setting<Integer> PLATEAU_COOLDOWN =
            define("plateau.cooldown", "0", "rounds after a drop in which no plateau is counted, >= 0", intIn(0, MAX));
    public static final Setting<Double> PLATEAU_MIN_LR = define(
            "plateau.min-lr",
            "0",
            "the learning rate never drops below this, >= 0",
            doubleWhere(v -> v >= 0, "a finite number >= 0"));

    public static final Setting<String> DRIFT_DETECTOR = define(
            "drift.detector",
            DETECTOR_NONE,
            "none or page-hinkley (a Page-Hinkley test on every training record's loss)",
            oneOf(List.of(DETECTOR_NONE, DETECTOR_PAGE_HINKLEY), Function.identity()));
    public static final Setting<Integer> DRIFT_MIN_INSTANCES = define(
            "drift.min-instances", "30", "losses seen since (re-)arming before the test may fire, >= 1", intIn(1, MAX));
    public static final Setting<Double> DRIFT_DELTA = define(
            "drift.delta",
            "0.005",
            "the magnitude of change tolerated, >= 0",
            doubleWhere(v -> v >= 0, "a finite number >= 0"));
    public static final Setting<Double> DRIFT_THRESHOLD = define(
            "drift.threshold",
            "50",
            "the statistic at which the test fires, > 0",
            doubleWhere(v -> v > 0, "a finite number > 0"));
    public static final Setting<Double> DRIFT_ALPHA = define(
            "drift.alpha",
            "0.9999",
            "forgetting factor of the cumulative sum, in (0, 1]",
            doubleWhere(v -> v > 0 && v <= 1, "a number in (0, 1]"));
    public static final Setting<DriftAction> DRIFT_ACTION = define(
            "drift.action",
            "alert",
            "on drift: alert (the event only), resume (a stopped model resumes from best) or reset",
            oneOf(List.of(DriftAction.values()), DriftAction::configName));

    public static final Setting<PredictParameters> PREDICT_PARAMETERS = define(
            "predict.parameters",
            "live",
            "live (a training model's current parameters) or best (its best round's snapshot) answer predictions",
            oneOf(List.of(PredictParameters.values()), PredictParameters::configName));
    public static final Setting<InputFormat> INPUT_FORMAT = define(
            "input.format",
            "json",
            "json, or avro (single-object encoding) for train, validation, predict and labels values",
            oneOf(List.of(InputFormat.values()), InputFormat::configName));
    public static final Setting<Boolean> INPUT_REPARTITION = define(
            "input.repartition",
            "false",
            "re-key every input through one repartition topic, for producers that partition differently",
            bool());
    public static final Setting<Integer> INPUT_MAX_BYTES = define(
            "input.max-bytes",
            "1048576",
            "the largest input value accepted, in bytes, >= 1024 (unknown fields included); larger: dead letter too-large",
            intIn(1024, MAX));

    public static final Setting<FeatureMode> FEATURES_MODE = define(
            "features.mode",
            "dense",
            "dense (\"x\": [...]) or hashed (named \"features\": {...}, hashed into 2^hash-bits weights, lazy Adam)",
            oneOf(List.of(FeatureMode.values()), FeatureMode::configName));
    public static final Setting<Integer> FEATURES_HASH_BITS = define(
            "features.hash-bits",
            "18",
            "hashed mode: a model has 2^hash-bits weights, 1 to " + HashingConfig.MAX_BITS,
            intIn(1, HashingConfig.MAX_BITS));
    public static final Setting<Integer> FEATURES_HASH_SEED = define(
            "features.hash-seed",
            "0",
            "hashed mode: the seed of MurmurHash3 x86 32-bit, 0 to 4294967295",
            unsigned32());
    public static final Setting<List<Interaction>> FEATURES_INTERACTIONS = define(
            "features.interactions",
            "",
            "hashed mode: namespace pairs to cross, e.g. user:item,user:user (an empty name is the top level);"
                    + " empty: none",
            interactions());
    public static final Setting<Boolean> FEATURES_KEEP_NAMES = define(
            "features.keep-names",
            "true",
            "hashed mode: keep the feature texts seen for each index (GET /models/{id}/features)",
            bool());
    public static final Setting<Integer> FEATURES_NAMES_PER_INDEX = define(
            "features.names-per-index",
            "2",
            "hashed mode: texts kept per index (the first seen in training), 1 to 100",
            intIn(1, 100));

    public static final Setting<Ordering> ORDERING = define(
            "ordering",
            "timestamp",
            "timestamp (a task handles its inputs in timestamp order, waiting for records already on the broker:"
                    + " max.task.idle.ms=0) or arrival (whatever is buffered, never waiting: max.task.idle.ms=-1, faster);"
                    + " an explicit max.task.idle.ms wins",
            oneOf(List.of(Ordering.values()), Ordering::configName));

    public static final Setting<Boolean> LABELS_ENABLED = define(
            "labels.enabled",
            "false",
            "remember predictions with an id and learn from the labels that come later on the labels topic",
            bool());
    public static final Setting<Long> LABELS_TTL_MS = define(
            "labels.ttl-ms",
            "3600000",
            "how long a remembered prediction waits for its label, by the task's stream time, in ms, >= 1",
            longIn(1, Long.MAX_VALUE));
    public static final Setting<Integer> LABELS_MAX_PENDING = define(
            "labels.max-pending",
            "100000",
            "remembered predictions per model; beyond that the oldest is forgotten (expired), >= 1",
            intIn(1, MAX));
    public static final Setting<Integer> LABELS_HOLDOUT_EVERY = define(
            "labels.holdout-every",
            "0",
            "every k-th joined label of a model validates instead of training, >= 0 (0: never)",
            intIn(0, MAX));
    public static final Setting<Integer> LABELS_WINDOW =
            define("labels.window", "1000", "outcomes in a model's mean served loss, 1 to 100000", intIn(1, 100_000));

    public static final Setting<String> TOPIC_TRAIN = topic("train", "train", "the training topic");
    public static final Setting<String> TOPIC_VALIDATION = topic("validation", "validation", "the validation topic");
    public static final Setting<String> TOPIC_PREDICT = topic("predict", "predict", "prediction requests in");
    public static final Setting<String> TOPIC_COMMANDS =
            topic("commands", "commands", "model commands in (stop, resume, reset, set-lr)");
    public static final Setting<String> TOPIC_LABELS =
            topic("labels", "labels", "labels of earlier predictions in (with learner.labels.enabled)");
    public static final Setting<String> TOPIC_MODELS = topic("models", "models", "snapshots out (compacted)");
    public static final Setting<String> TOPIC_CONTROL = topic("control", "control", "stop signals and events out");
    public static final Setting<String> TOPIC_PREDICTIONS = topic("predictions", "predictions", "predictions out");
    public static final Setting<String> TOPIC_OUTCOMES = topic(
            "outcomes", "outcomes", "served predictions joined to their labels out (with learner.labels.enabled)");
    public static final Setting<String> TOPIC_DEAD_LETTERS =
            topic("dead-letters", "dead-letters", "rejected records out, with the reason in headers");
    public static final Setting<Boolean> TOPIC_CREATE =
            define("topic.create", "true", "create missing topics at start-up", bool());
    public static final Setting<Integer> TOPIC_PARTITIONS = define(
            "topic.partitions", "1", "partitions of topics the learner creates, in [1, 100000]", intIn(1, 100_000));
    public static final Setting<Integer> TOPIC_REPLICATION_FACTOR = define(
            "topic.replication-factor",
            "1",
            "replication factor of topics the learner creates, in [1, 32767]",
            intIn(1, Short.MAX_VALUE));

    public static final Setting<OptionalLong> MODELS_IDLE_TTL_MS = define(
            "models.idle-ttl-ms",
            "",
            "evict a model that has had no valid record for this long, by its task's stream time, in ms, >= 1"
                    + " (its last snapshot is published, EVICTED goes to control, its state and remembered"
                    + " predictions are deleted); empty: never",
            optionalLongIn(1, Long.MAX_VALUE));
    public static final Setting<Integer> STORE_MEMORY_MB = define(
            "store.memory-mb",
            "256",
            "one bound, in MiB, on the off-heap memory of all the instance's RocksDB stores together (a shared block"
                    + " cache holding index and filter blocks, and the memtables charged to it), 16 to 1048576;"
                    + " a rocksdb.config.setter of your own replaces it (then leave this key unset)",
            intIn(16, 1 << 20));

    public static final Setting<String> HTTP_HOST = define(
            "http.host",
            "127.0.0.1",
            "the address the HTTP API binds to: a host name, an IPv4 address or an IPv6 address in brackets",
            host());
    public static final Setting<Integer> HTTP_PORT =
            define("http.port", "8080", "the HTTP API's port, 0 to 65535 (0: any free port)", intIn(0, 65_535));
    public static final Setting<Integer> METRICS_MAX_MODELS =
            define("metrics.max-models", "100", "models that get their own metric series, >= 0", intIn(0, MAX));

    /** The topic name keys, inputs first, in the order of {@link Topics#all()}. */
    public static final List<Setting<String>> TOPICS = List.of(
            TOPIC_TRAIN,
            TOPIC_VALIDATION,
            TOPIC_PREDICT,
            TOPIC_COMMANDS,
            TOPIC_LABELS,
            TOPIC_MODELS,
            TOPIC_CONTROL,
            TOPIC_PREDICTIONS,
            TOPIC_OUTCOMES,
            TOPIC_DEAD_LETTERS);

    private LearnerSettings() {}

    /** Every key, in declaration order (the order of {@code config/learner.properties}). */
    public static List<Setting<?>> all() {
        return Collections.unmodifiableList(ALL);
    }

    /**
     * Every key with its value in {@code properties}, or its default ({@code unset} for an empty
     * one), in declaration order: what the learner runs with, for the log at start-up.
     */
    public static Map<String, String> effective(final Properties properties) {
        final Map<String, String> values = new LinkedHashMap<>();
        for (final Setting<?> setting : ALL) {
            final String value = setting.text(properties);
            values.put(setting.key(), value.isEmpty() ? "unset" : value);
        }
        return values;
    }

    /** The setting with this key, or null. */
    public static Setting<?> forKey(final String key) {
        return ALL.stream().filter(s -> s.key().equals(key)).findFirst().orElse(null);
    }

    private static Setting<String> topic(final String name, final String defaultName, final String meaning) {
        return define("topic." + name, defaultName, meaning, topicName());
    }

    private static <T> Setting<T> define(
            final String name, final String defaultValue, final String meaning, final Parser<T> parser) {
        final Setting<T> setting = new Setting<>(PREFIX + name, defaultValue, meaning, parser);
        ALL.add(setting);
        return setting;
    }
}
