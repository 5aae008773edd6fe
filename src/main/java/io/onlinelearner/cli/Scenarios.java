package io.onlinelearner.cli;

import io.onlinelearner.cli.Scenario.Act;
import io.onlinelearner.cli.Scenario.Concept;
import io.onlinelearner.cli.Scenario.Play;
import io.onlinelearner.cli.Scenario.Say;
import io.onlinelearner.cli.Scenario.Top;
import io.onlinelearner.config.LearnerSettings;
import io.onlinelearner.config.Setting;
import io.onlinelearner.drift.DriftAction;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The demo's scenarios, each built fresh for a seed. Both follow model {@value #MODEL} with
 * {@code d = 3}, a validation window of one block's {@value DemoStream#VALIDATION_PER_BLOCK}
 * records and patience {@value #PATIENCE}:
 *
 * <ul>
 *   <li>{@code drift}, the whole loop: learn {@link #ORIGINAL} and stop early; serve a few
 *       predictions from the frozen model; then training and validation both follow
 *       {@link #CHANGED}, Page-Hinkley fires on the frozen model's training losses, its action
 *       resumes the model, which learns the new concept and stops again.
 *   <li>{@code label-flip}: from block {@value #CLEAN_BLOCKS} on the training labels flip sign
 *       while validation stays clean, and early stopping catches it.
 *   <li>{@code labels}, labels that come later: blocks of {@value DemoStream#REQUESTS_PER_BLOCK}
 *       prediction requests of {@link #ORIGINAL}, each block's labels {@value #LABEL_DELAY_MS} ms
 *       later; every second joined label is held out for validation, the others train; the model
 *       stops early, and the frozen model serves a few requests whose labels come later too.
 *   <li>{@code features}, named features: records of a {@link Shop} (user plan and id, item
 *       category, a promotion flag) hashed into {@code 2^18} weights with the interaction
 *       {@code user:item}; the model stops early, answers a few named requests and shows its
 *       {@value #TOP} largest weights with their feature texts.
 * </ul>
 */
final class Scenarios {

    /** The scenarios' names, the first the default. */
    static final List<String> NAMES = List.of("drift", "label-flip", "labels", "features");
    /** The model every scenario follows. */
    static final String MODEL = "demo";
    /** Early stopping's patience, in rounds. */
    static final int PATIENCE = 3;
    /** {@code label-flip}: blocks with clean training labels; the first flipped round has this index. */
    static final int CLEAN_BLOCKS = 12;
    /** Blocks sent at most while waiting for a stop. */
    static final int MAX_BLOCKS = 60;
    /** The first concept. */
    static final Concept ORIGINAL = new Concept(new double[] {1.5, -2.0, 0.5}, 0.3);
    /** The {@code drift} scenario's new concept, for training and validation alike. */
    static final Concept CHANGED = new Concept(new double[] {-1.0, 1.0, 2.0}, -0.5);
    /** The feature vectors the frozen model is asked about in {@code drift}. */
    static final double[][] QUESTIONS = {{1.0, 0.0, 0.0}, {0.0, 1.0, 0.0}, {1.0, 1.0, 1.0}};

    /** {@code labels}: how much later than its block of requests a block of labels is stamped, in milliseconds. */
    static final long LABEL_DELAY_MS = 1000;

    /** {@code features}: how many of the largest weights are shown at the end. */
    static final int TOP = 8;
    /** {@code features}: the named requests the frozen model answers. */
    static final List<Shop.Visit> NAMED_QUESTIONS = List.of(
            Shop.Visit.of("pro", "games", true, "u1"),
            Shop.Visit.of("free", "garden", false, "u2"),
            Shop.Visit.of("team", "books", true, "u9"));

    private static final double DRIFT_MIN_DELTA = 0.002;

    private Scenarios() {}

    /** The scenario called {@code name}, drawing its records from {@code seed}; empty for an unknown name. */
    static Optional<Scenario> named(final String name, final long seed) {
        return switch (name) {
            case "drift" -> Optional.of(drift(new DemoStream(seed)));
            case "label-flip" -> Optional.of(labelFlip(new DemoStream(seed)));
            case "labels" -> Optional.of(labels(new DemoStream(seed)));
            case "features" -> Optional.of(features(new DemoStream(seed)));
            default -> Optional.empty();
        };
    }

    private static Scenario drift(final DemoStream stream) {
        final Map<Setting<?>, Object> settings = common(0.05);
        settings.put(LearnerSettings.STOPPING_MIN_DELTA, DRIFT_MIN_DELTA);
        settings.put(LearnerSettings.DRIFT_DETECTOR, LearnerSettings.DETECTOR_PAGE_HINKLEY);
        settings.put(LearnerSettings.DRIFT_ACTION, DriftAction.RESUME);
        final List<Act> acts = List.of(
                new Say("Model '" + MODEL + "' learns " + ORIGINAL.formula() + " + noise. " + stopping(DRIFT_MIN_DELTA)
                        + "\nPage-Hinkley drift detection watches every training loss; its action resumes a "
                        + "stopped model."),
                new Play(DemoStream.blocks(MAX_BLOCKS, i -> stream.block("", "first concept", ORIGINAL, 1.0)), true),
                new Play(
                        DemoStream.blocks(
                                1,
                                i -> DemoStream.questions(
                                        "\nServing the frozen model: " + QUESTIONS.length + " records on predict, "
                                                + "answers on predictions (true values of " + ORIGINAL.formula()
                                                + "):",
                                        QUESTIONS,
                                        ORIGINAL)),
                        false),
                new Play(
                        DemoStream.blocks(
                                MAX_BLOCKS,
                                i -> stream.block(
                                        i == 0
                                                ? "\nThe world changes: training and validation now follow "
                                                        + CHANGED.formula() + "."
                                                : "",
                                        "new concept",
                                        CHANGED,
                                        1.0)),
                        true));
        return new Scenario("drift", settings, MODEL, acts, CHANGED);
    }

    private static Scenario labelFlip(final DemoStream stream) {
        final List<Act> acts = List.of(
                new Say("Model '" + MODEL + "' learns " + ORIGINAL.formula() + " + noise. " + stopping(0.0)
                        + "\nFrom round " + CLEAN_BLOCKS + " on the training labels flip sign (y' = -y); "
                        + "validation stays clean."),
                new Play(
                        DemoStream.blocks(
                                MAX_BLOCKS,
                                i -> i < CLEAN_BLOCKS
                                        ? stream.block("", "clean labels", ORIGINAL, 1.0)
                                        : stream.block("", "training labels flipped", ORIGINAL, -1.0)),
                        true));
        return new Scenario("label-flip", common(0.01), MODEL, acts, ORIGINAL);
    }

    private static Scenario labels(final DemoStream stream) {
        final Map<Setting<?>, Object> settings = common(0.05);
        settings.put(LearnerSettings.STOPPING_MIN_DELTA, DRIFT_MIN_DELTA);
        settings.put(LearnerSettings.LABELS_ENABLED, true);
        settings.put(LearnerSettings.LABELS_HOLDOUT_EVERY, 2);
        settings.put(LearnerSettings.LABELS_WINDOW, DemoStream.REQUESTS_PER_BLOCK);
        final List<Act> acts = List.of(
                new Say("Model '" + MODEL + "' answers requests on predict; each answer's label (" + ORIGINAL.formula()
                        + " + noise) arrives about a second later on labels, and the learner joins it to the "
                        + "prediction it served: one record on outcomes, then every second label is held out for "
                        + "validation and the others train the model. " + stopping(DRIFT_MIN_DELTA)
                        + "\n'served' is the mean loss of the last " + DemoStream.REQUESTS_PER_BLOCK
                        + " predictions as they were served."),
                new Play(
                        DemoStream.blocks(
                                2 * MAX_BLOCKS,
                                i -> i % 2 == 0
                                        ? stream.requests("", i / 2, ORIGINAL)
                                        : stream.labels("", "labels of block " + i / 2, LABEL_DELAY_MS)),
                        true),
                new Play(
                        DemoStream.blocks(
                                2,
                                i -> i == 0
                                        ? stream.followed(
                                                "\nServing the frozen model: " + QUESTIONS.length + " requests "
                                                        + "(true values of " + ORIGINAL.formula() + "):",
                                                QUESTIONS,
                                                ORIGINAL)
                                        : stream.labels(
                                                "\nTheir labels, a second later, joined to the answers served:",
                                                "",
                                                LABEL_DELAY_MS)),
                        false));
        return new Scenario("labels", settings, MODEL, acts, ORIGINAL);
    }

    private static Scenario features(final DemoStream stream) {
        final Map<Setting<?>, Object> settings = new LinkedHashMap<>();
        settings.put(LearnerSettings.FEATURES_MODE, "hashed");
        settings.put(LearnerSettings.FEATURES_INTERACTIONS, "user:item");
        settings.put(LearnerSettings.ADAM_LR, 0.05);
        settings.put(LearnerSettings.STOPPING_VALIDATION_WINDOW, DemoStream.VALIDATION_PER_BLOCK);
        settings.put(LearnerSettings.STOPPING_PATIENCE, PATIENCE);
        settings.put(LearnerSettings.STOPPING_MIN_DELTA, DRIFT_MIN_DELTA);
        final List<Act> acts = List.of(
                new Say("Model '" + MODEL + "' learns what a shop's customers spend from named features, e.g.\n"
                        + "  {\"features\": {\"user\": {\"plan\": \"pro\", \"id\": \"u3\"}, \"item\": {\"cat\": \"games\"}, "
                        + "\"promo\": true}, \"y\": 8.0}\n"
                        + "with " + Shop.FORMULA + " (the user id does nothing).\n"
                        + "Every feature text (user^plan=pro, item^cat=games, promo, and each user*item pair such as "
                        + "user^plan=pro*item^cat=games) is hashed into one of 2^18 weights; the model keeps only those "
                        + "it touched. " + stopping(DRIFT_MIN_DELTA)),
                new Play(DemoStream.blocks(MAX_BLOCKS, i -> stream.shopBlock("named features")), true),
                new Play(
                        DemoStream.blocks(
                                1,
                                i -> DemoStream.namedQuestions(
                                        "\nServing the frozen model: " + NAMED_QUESTIONS.size()
                                                + " records on predict with named features (true values without "
                                                + "noise):",
                                        NAMED_QUESTIONS)),
                        false),
                new Top(
                        "\nThe frozen model's " + TOP + " largest weights, with the feature texts seen for each "
                                + "(GET /models/" + MODEL + "/features?top=" + TOP + "):",
                        TOP));
        return new Scenario("features", settings, MODEL, acts, null);
    }

    private static Map<Setting<?>, Object> common(final double lr) {
        final Map<Setting<?>, Object> settings = new LinkedHashMap<>();
        settings.put(LearnerSettings.MODEL_FEATURES, ORIGINAL.weights().length);
        settings.put(LearnerSettings.ADAM_LR, lr);
        settings.put(LearnerSettings.STOPPING_VALIDATION_WINDOW, DemoStream.VALIDATION_PER_BLOCK);
        settings.put(LearnerSettings.STOPPING_PATIENCE, PATIENCE);
        return settings;
    }

    private static String stopping(final double minDelta) {
        return "Early stopping: patience " + PATIENCE + " rounds, min-delta " + minDelta
                + (minDelta > 0
                        ? " (a round improves on the best only when its loss is lower by more than " + minDelta + ")."
                        : " (any lower loss improves on the best).");
    }
}
