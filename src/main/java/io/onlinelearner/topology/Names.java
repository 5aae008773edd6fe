package io.onlinelearner.topology;

import java.nio.charset.StandardCharsets;

/** Names of the topology's nodes, of its state stores and of the model a key names, in one place. */
public final class Names {

    /** The persistent key-value store of model states, keyed by model id. */
    public static final String STORE = "model-state";
    /** The persistent key-value store of remembered requests (labels that come later), in the layout of {@code serde.PendingFormat}. */
    public static final String LABELS_STORE = "learner-labels";
    /** The persistent key-value store of models by the stream time of their last record, for idle eviction ({@code IdleIndex}). */
    public static final String LAST_SEEN_STORE = "learner-last-seen";
    /** The persistent key-value store of hashed models' feature texts, keyed by model id, in the layout of {@code serde.NamesFormat}. */
    public static final String FEATURE_NAMES_STORE = "learner-feature-names";
    /** The persistent key-value store of the texts hashed models learnt since those of {@link #FEATURE_NAMES_STORE}, keyed and laid out the same. */
    public static final String FEATURE_NAMES_RECENT_STORE = "learner-feature-names-recent";
    /** With re-keyed inputs, the node after the repartition topic that the processor reads from. */
    public static final String INPUTS = "learner-inputs";
    /** The processor that owns the store and runs the learner. */
    public static final String LEARNER = "learner";
    /** The sink writing snapshots. */
    public static final String MODELS_SINK = "models-sink";
    /** The sink writing control events (the stop signal among them). */
    public static final String CONTROL_SINK = "control-sink";
    /** The sink writing predictions. */
    public static final String PREDICTIONS_SINK = "predictions-sink";
    /** The sink writing outcomes (served predictions joined to their labels). */
    public static final String OUTCOMES_SINK = "outcomes-sink";
    /** The sink writing rejected records. */
    public static final String DEAD_LETTER_SINK = "dead-letter-sink";
    /** The model id used for a record whose key is null or empty. */
    public static final String DEFAULT_MODEL = "default";

    private Names() {}

    /** The model id of a record key: its UTF-8 text, or {@link #DEFAULT_MODEL} for a null or empty key. */
    public static String model(final byte[] key) {
        return key == null || key.length == 0 ? DEFAULT_MODEL : new String(key, StandardCharsets.UTF_8);
    }

    /** The model an id names, as the learner reads a key: an empty id is {@link #DEFAULT_MODEL}. */
    public static String model(final String id) {
        return id.isEmpty() ? DEFAULT_MODEL : id;
    }

    /** The source node reading {@code input}: its tag and {@code -source}, e.g. {@code train-source}. */
    public static String source(final Source input) {
        return input.tag() + "-source";
    }
}
