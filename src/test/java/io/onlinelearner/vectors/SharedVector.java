package io.onlinelearner.vectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.onlinelearner.config.LearnerConfig;
import io.onlinelearner.config.LearnerSettings;
import io.onlinelearner.drift.DriftAction;
import io.onlinelearner.drift.DriftConfig;
import io.onlinelearner.features.HashingConfig;
import io.onlinelearner.features.Interaction;
import io.onlinelearner.learner.LearnerSpec;
import io.onlinelearner.learner.PredictParameters;
import io.onlinelearner.model.AvroEncoding;
import io.onlinelearner.model.Command;
import io.onlinelearner.model.Loss;
import io.onlinelearner.model.ModelSpec;
import io.onlinelearner.optim.AdamHyperparameters;
import io.onlinelearner.optim.EpsilonPlacement;
import io.onlinelearner.schedule.PlateauConfig;
import io.onlinelearner.stopping.StoppingConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * One file of the shared vectors, copied unchanged from the project's shared folder into
 * {@code src/test/resources/vectors} and read as it is: the settings it was computed with, its
 * records, and what it expects. Shared by the core, topology and integration tests.
 */
public final class SharedVector {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final String name;
    private final JsonNode root;

    private SharedVector(final String name, final JsonNode root) {
        this.name = name;
        this.root = root;
    }

    /** The folder of the vectors inside the repository: {@code src/test/resources/vectors}. */
    public static Path folder() {
        return Path.of("src", "test", "resources", "vectors");
    }

    /** Every vector file in the folder, in name order. */
    public static List<SharedVector> all() {
        try (Stream<Path> files = Files.list(folder())) {
            return files.filter(p -> p.toString().endsWith(".json"))
                    .sorted()
                    .map(SharedVector::load)
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + folder().toAbsolutePath(), e);
        }
    }

    /** What a vector file describes, told from its top-level fields (see the folder's README). */
    public enum Kind {
        /** {@code steps}: one model's training stream with expected parameters. */
        TRAJECTORY,
        /** {@code events} on train and validation of one model, with the expected stop. */
        EARLY_STOPPING,
        /** A {@code modelId} and events on all four inputs, with everything the learner emits. */
        LIFECYCLE,
        /** A lifecycle file with {@code labels} settings: labels that come later. */
        LABELS,
        /** A lifecycle file with named {@code features} (hashed). */
        HASHED
    }

    /** The kind of this file. */
    public Kind kind() {
        if (root.has("steps")) {
            return Kind.TRAJECTORY;
        }
        if (!root.has("modelId")) {
            return Kind.EARLY_STOPPING;
        }
        if (root.has("labels")) {
            return Kind.LABELS;
        }
        return root.has("features") ? Kind.HASHED : Kind.LIFECYCLE;
    }

    /** Every file of one kind, in name order. */
    public static List<SharedVector> ofKind(final Kind kind) {
        return all().stream().filter(v -> v.kind() == kind).toList();
    }

    /** The trajectory files (those with {@code steps}). */
    public static List<SharedVector> trajectories() {
        return ofKind(Kind.TRAJECTORY);
    }

    /** The early-stopping files (those with {@code events} for one model on train and validation only). */
    public static List<SharedVector> earlyStopping() {
        return ofKind(Kind.EARLY_STOPPING);
    }

    /**
     * The lifecycle files (a {@code modelId} and events on all four input topics), without the
     * labels and named-features files, which add inputs of their own.
     */
    public static List<SharedVector> lifecycles() {
        return ofKind(Kind.LIFECYCLE);
    }

    /** One file by name, without {@code .json}. */
    public static SharedVector named(final String name) {
        return load(folder().resolve(name + ".json"));
    }

    private static SharedVector load(final Path file) {
        try {
            final String fileName = file.getFileName().toString();
            return new SharedVector(fileName.substring(0, fileName.length() - 5), MAPPER.readTree(file.toFile()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    public String name() {
        return name;
    }

    public JsonNode root() {
        return root;
    }

    public boolean isLifecycle() {
        return kind() == Kind.LIFECYCLE;
    }

    public boolean isLabels() {
        return kind() == Kind.LABELS;
    }

    /** The labels files, read through {@link LabelsVector}. */
    public static List<SharedVector> labelFiles() {
        return ofKind(Kind.LABELS);
    }

    public boolean isTrajectory() {
        return kind() == Kind.TRAJECTORY;
    }

    public double relativeTolerance() {
        return root.path("tolerance").path("relative").asDouble();
    }

    public double absoluteTolerance() {
        return root.path("tolerance").path("absolute").asDouble();
    }

    /** True when {@code actual} is within the file's tolerance of {@code expected}. */
    public boolean close(final double actual, final double expected) {
        return Math.abs(actual - expected) <= absoluteTolerance() + relativeTolerance() * Math.abs(expected);
    }

    public AdamHyperparameters adam() {
        final JsonNode o = root.path("optimizer");
        final OptionalDouble clip =
                o.path("maxGradNorm").isNull() || o.path("maxGradNorm").isMissingNode()
                        ? OptionalDouble.empty()
                        : OptionalDouble.of(o.path("maxGradNorm").asDouble());
        return new AdamHyperparameters(
                o.path("lr").asDouble(),
                o.path("beta1").asDouble(),
                o.path("beta2").asDouble(),
                o.path("epsilon").asDouble(),
                EpsilonPlacement.fromConfigName(o.path("epsilonPlacement").asText()),
                o.path("amsgrad").asBoolean(),
                o.path("weightDecay").asDouble(),
                o.path("decoupledWeightDecay").asBoolean(),
                clip);
    }

    public ModelSpec model() {
        final JsonNode m = root.path("model");
        return new ModelSpec(
                OptionalInt.of(m.path("features").asInt()),
                m.path("intercept").asBoolean(),
                Loss.fromConfigName(m.path("loss").asText()),
                doubles(m.path("initialWeights")),
                m.path("initialBias").asDouble(),
                10_000);
    }

    /** The early-stopping settings, or the defaults with a window of 1 for trajectory files. */
    public StoppingConfig stopping() {
        final JsonNode s = root.path("earlyStopping");
        if (s.isMissingNode()) {
            return LearnerConfig.defaults().stopping();
        }
        final OptionalDouble baseline = s.path("baseline").isNull()
                ? OptionalDouble.empty()
                : OptionalDouble.of(s.path("baseline").asDouble());
        return new StoppingConfig(
                s.path("validationWindow").asInt(),
                s.path("patience").asInt(),
                s.path("minDelta").asDouble(),
                baseline,
                s.path("warmupRounds").asInt(),
                s.path("restoreBest").asBoolean());
    }

    /** The plateau schedule's settings, empty when the file has none (off). */
    public Optional<PlateauConfig> plateau() {
        final JsonNode p = root.path("plateau");
        if (p.isNull() || p.isMissingNode()) {
            return Optional.empty();
        }
        return Optional.of(new PlateauConfig(
                p.path("factor").asDouble(),
                p.path("patience").asInt(),
                p.path("minDelta").asDouble(),
                p.path("cooldown").asInt(),
                p.path("minLr").asDouble()));
    }

    /** The drift detector's settings, empty when the file has none (off). */
    public Optional<DriftConfig> drift() {
        final JsonNode d = root.path("drift");
        if (d.isNull() || d.isMissingNode()) {
            return Optional.empty();
        }
        return Optional.of(new DriftConfig(
                d.path("minInstances").asInt(),
                d.path("delta").asDouble(),
                d.path("threshold").asDouble(),
                d.path("alpha").asDouble(),
                DriftAction.fromConfigName(d.path("action").asText())));
    }

    /** Which parameters answer predictions ({@code live} when the file does not say). */
    public PredictParameters predictParameters() {
        return PredictParameters.fromConfigName(root.path("predictParameters").asText("live"));
    }

    /** Every setting of the file as the learner takes them. */
    public LearnerSpec learnerSpec() {
        return new LearnerSpec(model(), adam(), stopping(), plateau(), drift(), predictParameters(), hashing());
    }

    /**
     * The named features' settings of a {@code hashed} file ({@code keep-names} on, 2 names per
     * index, the defaults), empty for the others.
     */
    public Optional<HashingConfig> hashing() {
        if (kind() != Kind.HASHED) {
            return Optional.empty();
        }
        final JsonNode f = root.path("features");
        return Optional.of(new HashingConfig(
                f.path("hashBits").asInt(),
                f.path("hashSeed").asInt(),
                Interaction.parseAll(interactions()),
                true,
                2,
                model().maxFeatures()));
    }

    /** A {@code hashed} file's interactions as {@code learner.features.interactions} spells them. */
    private String interactions() {
        final java.util.List<String> rules = new java.util.ArrayList<>();
        for (final JsonNode pair : root.path("features").path("interactions")) {
            rules.add(pair.get(0).asText() + ":" + pair.get(1).asText());
        }
        return String.join(",", rules);
    }

    /**
     * The JSON value of one event of a {@code hashed} file as it is produced to its topic:
     * {@code {"features": ..., "y": ...}}, or for {@code predict} {@code {"features": ..., "id": ...}}.
     */
    public static byte[] hashedValue(final JsonNode event) {
        final com.fasterxml.jackson.databind.node.ObjectNode value = MAPPER.createObjectNode();
        value.set("features", event.path("features"));
        if ("predict".equals(event.path("topic").asText())) {
            if (event.has("id")) {
                value.set("id", event.path("id"));
            }
        } else {
            value.set("y", event.path("y"));
        }
        return value.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The records of a lifecycle file in processing order, on all four topics. */
    public List<Input> inputs() {
        final java.util.ArrayList<Input> inputs = new java.util.ArrayList<>();
        for (final JsonNode e : root.path("events")) {
            final String topic = e.path("topic").asText();
            final JsonNode id = e.path("id");
            final boolean isCommand = "commands".equals(topic);
            inputs.add(new Input(
                    topic,
                    e.has("x") ? doubles(e.path("x")) : null,
                    e.path("y").asDouble(),
                    id.isMissingNode() ? null : id.toString(),
                    isCommand ? command(e.path("command")) : null,
                    isCommand ? e.path("command").toString() : null));
        }
        return inputs;
    }

    /** A well-formed command of a vector file, e.g. {@code {"command": "resume", "from": "best"}}. */
    public static Command command(final JsonNode value) {
        final String name = value.path("command").asText();
        return switch (name) {
            case "stop" -> new Command.Stop();
            case "resume" ->
                new Command.Resume(Command.ResumeFrom.valueOf(
                        value.path("from").asText("best").toUpperCase(java.util.Locale.ROOT)));
            case "reset" -> new Command.Reset();
            case "set-lr" -> new Command.SetLr(value.path("lr").asDouble());
            default -> throw new IllegalArgumentException("unknown command " + value);
        };
    }

    /** The same settings as {@code learner.*} properties, for driving the whole application. */
    public Properties properties() {
        final Properties p = new Properties();
        final AdamHyperparameters a = adam();
        p.setProperty(LearnerSettings.ADAM_LR.key(), Double.toString(a.learningRate()));
        p.setProperty(LearnerSettings.ADAM_BETA1.key(), Double.toString(a.beta1()));
        p.setProperty(LearnerSettings.ADAM_BETA2.key(), Double.toString(a.beta2()));
        p.setProperty(LearnerSettings.ADAM_EPSILON.key(), Double.toString(a.epsilon()));
        p.setProperty(
                LearnerSettings.ADAM_EPSILON_PLACEMENT.key(),
                a.epsilonPlacement().configName());
        p.setProperty(LearnerSettings.ADAM_AMSGRAD.key(), Boolean.toString(a.amsgrad()));
        p.setProperty(LearnerSettings.ADAM_WEIGHT_DECAY.key(), Double.toString(a.weightDecay()));
        p.setProperty(LearnerSettings.ADAM_DECOUPLED_WEIGHT_DECAY.key(), Boolean.toString(a.decoupledWeightDecay()));
        a.maxGradNorm().ifPresent(v -> p.setProperty(LearnerSettings.ADAM_MAX_GRAD_NORM.key(), Double.toString(v)));
        final ModelSpec m = model();
        if (kind() == Kind.HASHED) {
            final JsonNode f = root.path("features");
            p.setProperty(LearnerSettings.FEATURES_MODE.key(), "hashed");
            p.setProperty(
                    LearnerSettings.FEATURES_HASH_BITS.key(), f.path("hashBits").asText());
            p.setProperty(
                    LearnerSettings.FEATURES_HASH_SEED.key(), f.path("hashSeed").asText());
            p.setProperty(LearnerSettings.FEATURES_INTERACTIONS.key(), interactions());
        } else {
            p.setProperty(
                    LearnerSettings.MODEL_FEATURES.key(),
                    Integer.toString(m.features().getAsInt()));
            p.setProperty(LearnerSettings.MODEL_INITIAL_WEIGHTS.key(), join(m.initialWeights()));
        }
        p.setProperty(LearnerSettings.MODEL_INTERCEPT.key(), Boolean.toString(m.intercept()));
        p.setProperty(LearnerSettings.MODEL_LOSS.key(), m.loss().configName());
        p.setProperty(LearnerSettings.MODEL_INITIAL_BIAS.key(), Double.toString(m.initialBias()));
        final StoppingConfig s = stopping();
        p.setProperty(LearnerSettings.STOPPING_VALIDATION_WINDOW.key(), Integer.toString(s.validationWindow()));
        p.setProperty(LearnerSettings.STOPPING_PATIENCE.key(), Integer.toString(s.patience()));
        p.setProperty(LearnerSettings.STOPPING_MIN_DELTA.key(), Double.toString(s.minDelta()));
        s.baseline().ifPresent(v -> p.setProperty(LearnerSettings.STOPPING_BASELINE.key(), Double.toString(v)));
        p.setProperty(LearnerSettings.STOPPING_WARMUP_ROUNDS.key(), Integer.toString(s.warmupRounds()));
        p.setProperty(LearnerSettings.STOPPING_RESTORE_BEST.key(), Boolean.toString(s.restoreBest()));
        plateau().ifPresent(c -> {
            p.setProperty(LearnerSettings.PLATEAU_FACTOR.key(), Double.toString(c.factor()));
            p.setProperty(LearnerSettings.PLATEAU_PATIENCE.key(), Integer.toString(c.patience()));
            p.setProperty(LearnerSettings.PLATEAU_MIN_DELTA.key(), Double.toString(c.minDelta()));
            p.setProperty(LearnerSettings.PLATEAU_COOLDOWN.key(), Integer.toString(c.cooldown()));
            p.setProperty(LearnerSettings.PLATEAU_MIN_LR.key(), Double.toString(c.minLr()));
        });
        drift().ifPresent(c -> {
            p.setProperty(LearnerSettings.DRIFT_DETECTOR.key(), LearnerSettings.DETECTOR_PAGE_HINKLEY);
            p.setProperty(LearnerSettings.DRIFT_MIN_INSTANCES.key(), Integer.toString(c.minInstances()));
            p.setProperty(LearnerSettings.DRIFT_DELTA.key(), Double.toString(c.delta()));
            p.setProperty(LearnerSettings.DRIFT_THRESHOLD.key(), Double.toString(c.threshold()));
            p.setProperty(LearnerSettings.DRIFT_ALPHA.key(), Double.toString(c.alpha()));
            p.setProperty(LearnerSettings.DRIFT_ACTION.key(), c.action().configName());
        });
        p.setProperty(
                LearnerSettings.PREDICT_PARAMETERS.key(), predictParameters().configName());
        return p;
    }

    /**
     * The value of one lifecycle record as it is produced to its topic: JSON for every topic by
     * default; with {@code avro}, train, validation and predict values Avro single-object encoded
     * (an id as its string form: Avro ids are strings), commands still JSON.
     */
    public static byte[] value(final Input input, final boolean avro) {
        if ("commands".equals(input.topic())) {
            return input.commandJson().getBytes(StandardCharsets.UTF_8);
        }
        final boolean predict = "predict".equals(input.topic());
        if (avro) {
            return predict
                    ? AvroEncoding.encodePredict(input.x(), avroId(input.idJson()))
                    : AvroEncoding.encodeExample(input.x(), input.y());
        }
        final StringBuilder b = new StringBuilder("{\"x\":[");
        for (int i = 0; i < input.x().length; i++) {
            b.append(i == 0 ? "" : ",").append(input.x()[i]);
        }
        b.append(']');
        if (predict) {
            if (input.idJson() != null) {
                b.append(",\"id\":").append(input.idJson());
            }
        } else {
            b.append(",\"y\":").append(input.y());
        }
        return b.append('}').toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The Avro string form of a JSON id: a string's text, a number's JSON text; null for none. */
    public static String avroId(final String idJson) {
        if (idJson == null) {
            return null;
        }
        try {
            final JsonNode id = MAPPER.readTree(idJson);
            return id.isTextual() ? id.asText() : idJson;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The records in processing order: the steps (all training) or the events. */
    public List<Event> events() {
        final JsonNode list = isTrajectory() ? root.path("steps") : root.path("events");
        final java.util.ArrayList<Event> events = new java.util.ArrayList<>();
        for (final JsonNode e : list) {
            final boolean train =
                    !isTrajectory() ? "train".equals(e.path("topic").asText()) : true;
            events.add(new Event(train, doubles(e.path("x")), e.path("y").asDouble(), e.path("expect")));
        }
        return events;
    }

    /**
     * Asserts that parameters {@code theta} (weights, then the bias when {@code withBias}) after
     * {@code updates} updates match an expectation {@code {"weights", "bias", "updates"}} of this
     * file within its tolerance: as many weights as expected, a bias slot exactly when {@code
     * withBias}, and a missing slot read as a bias of 0 (a model without intercept).
     */
    public void assertMatches(
            final double[] theta, final long updates, final JsonNode expected, final boolean withBias) {
        final double[] weights = doubles(expected.path("weights"));
        org.assertj.core.api.Assertions.assertThat(updates)
                .as("%s: updates", name)
                .isEqualTo(expected.path("updates").asLong());
        org.assertj.core.api.Assertions.assertThat(theta)
                .as("%s: parameters after %d updates (weights, then a bias: %b)", name, updates, withBias)
                .hasSize(weights.length + (withBias ? 1 : 0));
        for (int i = 0; i < weights.length; i++) {
            org.assertj.core.api.Assertions.assertThat(close(theta[i], weights[i]))
                    .as("%s: weight %d after %d updates: %s vs %s", name, i, updates, theta[i], weights[i])
                    .isTrue();
        }
        final double bias = withBias ? theta[weights.length] : 0.0;
        org.assertj.core.api.Assertions.assertThat(
                        close(bias, expected.path("bias").asDouble()))
                .as("%s: bias after %d updates: %s vs %s", name, updates, bias, expected.path("bias"))
                .isTrue();
    }

    /**
     * Asserts that {@code signal}, a {@code STOPPED} event on {@code control}, is {@code model}'s and
     * names the stopped round, the best round and (within tolerance) the best loss that this
     * early-stopping file expects.
     */
    public void assertStopSignal(final JsonNode signal, final String model) {
        final JsonNode expect = expect();
        org.assertj.core.api.Assertions.assertThat(signal.path("model").asText())
                .isEqualTo(model);
        org.assertj.core.api.Assertions.assertThat(signal.path("event").asText())
                .isEqualTo("STOPPED");
        org.assertj.core.api.Assertions.assertThat(signal.path("stoppedRound").asInt())
                .isEqualTo(expect.path("stoppedRound").asInt());
        org.assertj.core.api.Assertions.assertThat(signal.path("bestRound").asInt())
                .isEqualTo(expect.path("bestRound").asInt());
        org.assertj.core.api.Assertions.assertThat(close(
                        signal.path("bestLoss").asDouble(),
                        expect.path("bestLoss").asDouble()))
                .as("%s: best loss %s vs %s", name, signal.path("bestLoss"), expect.path("bestLoss"))
                .isTrue();
    }

    /** The {@code expect} object of an early-stopping file. */
    public JsonNode expect() {
        return root.path("expect");
    }

    /**
     * The value of a trajectory or early-stopping record as it is produced to train or validation:
     * JSON, or with {@code avro} Avro single-object encoded.
     */
    public static byte[] value(final Event event, final boolean avro) {
        return avro
                ? AvroEncoding.encodeExample(event.x(), event.y())
                : json(event).getBytes(StandardCharsets.UTF_8);
    }

    /** The event's JSON value as it would be produced to a topic. */
    public static String json(final Event event) {
        final StringBuilder b = new StringBuilder("{\"x\":[");
        for (int i = 0; i < event.x().length; i++) {
            b.append(i == 0 ? "" : ",").append(event.x()[i]);
        }
        return b.append("],\"y\":").append(event.y()).append('}').toString();
    }

    public static double[] doubles(final JsonNode array) {
        if (array.isNumber()) {
            return new double[] {array.asDouble()};
        }
        final double[] values = new double[array.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = array.get(i).asDouble();
        }
        return values;
    }

    private static String join(final double[] values) {
        final StringBuilder b = new StringBuilder();
        for (int i = 0; i < values.length; i++) {
            b.append(i == 0 ? "" : ",").append(values[i]);
        }
        return b.toString();
    }

    @Override
    public String toString() {
        return name;
    }

    /**
     * One record of a lifecycle file.
     *
     * @param topic   {@code train}, {@code validation}, {@code predict} or {@code commands}
     * @param x       the features (null for a command)
     * @param y       the label (0 when absent)
     * @param idJson  a prediction request's {@code id} as JSON text, null when absent
     * @param command the command of a {@code commands} record, else null
     * @param commandJson the value of a {@code commands} record as JSON text, else null
     */
    public record Input(String topic, double[] x, double y, String idJson, Command command, String commandJson) {}

    /**
     * One record of a vector file.
     *
     * @param train  true for the training topic, false for validation
     * @param x      the features
     * @param y      the label
     * @param expect what the file expects after this record (a missing node when nothing)
     */
    public record Event(boolean train, double[] x, double y, JsonNode expect) {}
}
