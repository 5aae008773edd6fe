package io.onlinelearner.topology;

import com.fasterxml.jackson.databind.JsonNode;
import io.onlinelearner.config.LearnerSettings;
import io.onlinelearner.config.TestTopics;
import io.onlinelearner.learner.ModelState;
import io.onlinelearner.learner.Snapshot;
import io.onlinelearner.model.InputFormat;
import io.onlinelearner.serde.JsonCodec;
import io.onlinelearner.serde.ModelStateSerde;
import io.onlinelearner.vectors.SharedVector;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.function.BiConsumer;

/**
 * One lifecycle vector piped through the whole topology in file order, one record per millisecond,
 * in JSON or Avro, with everything it published recorded per input record: the control events,
 * the snapshots and the predictions each record caused. Predictions are checked on the way never
 * to change the store's bytes.
 */
public final class LifecycleRun {

    /** The model id of every lifecycle record. */
    public static final String MODEL = "m";

    /** What one input record caused. */
    record Step(
            int index,
            SharedVector.Input input,
            List<JsonNode> events,
            List<JsonNode> snapshots,
            List<JsonNode> predictions) {}

    final List<Step> steps = new ArrayList<>();
    final List<JsonNode> events = new ArrayList<>();
    final List<JsonNode> snapshots = new ArrayList<>();
    final List<JsonNode> predictions = new ArrayList<>();

    /** Every control event, in order. */
    public List<JsonNode> events() {
        return List.copyOf(events);
    }

    /** Every snapshot, in order. */
    public List<JsonNode> snapshots() {
        return List.copyOf(snapshots);
    }

    /** Every prediction, in order. */
    public List<JsonNode> predictions() {
        return List.copyOf(predictions);
    }

    /** Pipes every record of {@code vector} in {@code format}. */
    public static LifecycleRun of(final SharedVector vector, final InputFormat format) {
        return of(vector, format, (step, driver) -> {});
    }

    String lastSnapshotText;
    String finalStateSnapshotText;

    private LifecycleRun() {}

    /**
     * Pipes every record of {@code vector} in {@code format}; {@code afterEach} sees each step with
     * the driver, e.g. to check a checkpoint against the store.
     */
    static LifecycleRun of(
            final SharedVector vector, final InputFormat format, final BiConsumer<Step, LearnerDriver> afterEach) {
        final Properties props = vector.properties();
        props.setProperty(LearnerSettings.INPUT_FORMAT.key(), format.configName());
        final ModelStateSerde serde = new ModelStateSerde(vector.adam().learningRate());
        final LifecycleRun run = new LifecycleRun();
        try (LearnerDriver driver = new LearnerDriver(props)) {
            int index = 0;
            for (final SharedVector.Input input : vector.inputs()) {
                final Source source = Source.valueOf(input.topic().toUpperCase(Locale.ROOT));
                final byte[] before = serde.serialize("", driver.state(MODEL));
                driver.pipe(source, LearnerDriver.bytes(MODEL), SharedVector.value(input, format == InputFormat.AVRO));
                if (source == Source.PREDICT && !Arrays.equals(before, serde.serialize("", driver.state(MODEL)))) {
                    throw new AssertionError("prediction " + index + " changed the stored state");
                }
                final List<String> texts = driver.snapshots();
                if (!texts.isEmpty()) {
                    run.lastSnapshotText = texts.get(texts.size() - 1);
                }
                final Step step = new Step(
                        index++,
                        input,
                        driver.control(),
                        texts.stream()
                                .map(t -> LearnerDriver.json(LearnerDriver.bytes(t)))
                                .toList(),
                        driver.predictions());
                run.steps.add(step);
                run.events.addAll(step.events());
                run.snapshots.addAll(step.snapshots());
                run.predictions.addAll(step.predictions());
                if (!driver.deadLetters().isEmpty()) {
                    throw new AssertionError("record " + step.index() + " was dead-lettered");
                }
                afterEach.accept(step, driver);
            }
            final ModelState last = driver.state(MODEL);
            run.finalStateSnapshotText = new String(
                    JsonCodec.write(JsonCodec.value(Snapshot.of(MODEL, last), TestTopics.DEFAULT_LINEAGE)),
                    StandardCharsets.UTF_8);
        }
        return run;
    }
}
