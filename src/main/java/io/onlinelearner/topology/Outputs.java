package io.onlinelearner.topology;

import io.onlinelearner.config.RecordLimits;
import io.onlinelearner.labels.Changes;
import io.onlinelearner.labels.ModelLabels;
import io.onlinelearner.labels.ServedOutcome;
import io.onlinelearner.learner.ControlEvent;
import io.onlinelearner.learner.Eviction;
import io.onlinelearner.learner.ModelState;
import io.onlinelearner.learner.Outcome;
import io.onlinelearner.learner.Prediction;
import io.onlinelearner.learner.Snapshot;
import io.onlinelearner.model.RecordRejectedException;
import io.onlinelearner.serde.JsonCodec;
import io.onlinelearner.serde.JsonWriter;
import io.onlinelearner.serde.LabelsJson;
import io.onlinelearner.serde.LineageNames;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the {@link LearnerProcessor} forwards, each to its sink, keyed by model id and stamped with
 * the input record's timestamp: snapshots (with the model's label counts when labels are on) to
 * {@code models}, events to {@code control}, predictions, outcomes, and dead letters with the
 * record's key on its input topic. It only encodes and forwards; it reads no store but the labels
 * bookkeeping a snapshot carries.
 *
 * <p>A record's snapshots, events, predictions and outcomes are encoded first and held until
 * {@link #send}, which the processor calls once the record's state is written: a record that fails
 * while they are encoded has forwarded nothing, and its dead letter ({@link #failed}) drops what
 * was held. The held records are this instance's own and never leave it before {@code send}.
 */
final class Outputs {

    private static final Logger LOG = LoggerFactory.getLogger(LearnerProcessor.class);

    private final LabelsStep labels;
    private final boolean rekeyed;
    private final LineageNames lineage;
    private final JsonWriter json = new JsonWriter();
    private final List<Held> held = new ArrayList<>();
    private ProcessorContext<byte[], byte[]> context;
    private int maxRequestBytes;
    private long failures;

    /**
     * @param labels  labels that come later; null when they are off
     * @param rekeyed true when the inputs arrive through the repartition topic, the input key in a header
     * @param lineage what a lineage calls the topics that train
     */
    Outputs(final LabelsStep labels, final boolean rekeyed, final LineageNames lineage) {
        this.labels = labels;
        this.rekeyed = rekeyed;
        this.lineage = lineage;
    }

    /**
     * Forwards through {@code processorContext} from now on; called at every (re)initialisation of
     * the task, when whatever was held for a record that did not finish is dropped: the task
     * resumes from its last commit and handles that record again.
     */
    void init(final ProcessorContext<byte[], byte[]> processorContext) {
        this.context = processorContext;
        this.maxRequestBytes = RecordLimits.producerMaxRequestBytes(processorContext.appConfigs());
        held.clear();
    }

    /** Drops what was held for a record that did not finish (Kafka failed while it was written or sent). */
    void abandon() {
        held.clear();
    }

    /** Holds an outcome's snapshots, then its events, in order. */
    void published(final String model, final Outcome outcome, final long timestamp) {
        published(model, outcome, timestamp, Changes.NONE);
    }

    /**
     * Holds an outcome's snapshots, then its events, in order; a snapshot carries the label counts
     * that {@code unwritten}, the record's changes to the remembered requests, leave.
     */
    void published(final String model, final Outcome outcome, final long timestamp, final Changes unwritten) {
        for (final ModelState published : outcome.snapshots()) {
            final Snapshot snapshot = Snapshot.of(model, published);
            final JsonCodec.Body value = labels == null
                    ? JsonCodec.value(snapshot, lineage)
                    : LabelsJson.value(snapshot, labels.labels(model, unwritten), lineage);
            hold(Names.MODELS_SINK, model, json.write(value), timestamp);
        }
        for (final ControlEvent event : outcome.events()) {
            hold(Names.CONTROL_SINK, model, json.write(JsonCodec.eventValue(model, event, lineage)), timestamp);
        }
    }

    /**
     * Holds an evicted model's last snapshot, with its label counts as they were
     * ({@code remembered}), then its event; the eviction sends them once it has written, before the
     * record being handled holds anything.
     */
    void evicted(final String model, final Eviction eviction, final ModelLabels remembered, final long timestamp) {
        final Snapshot snapshot = Snapshot.of(model, eviction.last());
        final JsonCodec.Body value =
                labels == null ? JsonCodec.value(snapshot, lineage) : LabelsJson.value(snapshot, remembered, lineage);
        hold(Names.MODELS_SINK, model, json.write(value), timestamp);
        hold(Names.CONTROL_SINK, model, json.write(JsonCodec.eventValue(model, eviction.event(), lineage)), timestamp);
    }

    /** Holds the answer to a predict record. */
    void prediction(final String model, final Prediction prediction, final long timestamp) {
        hold(
                Names.PREDICTIONS_SINK,
                model,
                json.write(JsonCodec.predictionValue(model, prediction, lineage)),
                timestamp);
    }

    /** Holds a joined label's outcome. */
    void outcome(final String model, final ServedOutcome outcome, final long timestamp) {
        hold(Names.OUTCOMES_SINK, model, json.write(LabelsJson.outcomeValue(outcome)), timestamp);
    }

    /** Forwards what is held, in the order it was held. */
    void send() {
        for (final Held record : held) {
            forward(record.sink, record.model, record.json, record.timestamp);
        }
        held.clear();
    }

    /** The dead letter of a rejected record; drops what was held for it. */
    void rejected(final Record<byte[], byte[]> record, final Origin origin, final RecordRejectedException rejection) {
        held.clear();
        context.forward(
                DeadLetters.fitted(
                        DeadLetters.of(record.withKey(inputKey(record)), origin, rejection), maxRequestBytes),
                Names.DEAD_LETTER_SINK);
    }

    /**
     * Logs an unexpected failure on {@code record}, drops what was held for it and forwards its
     * dead letter ({@link DeadLetters#ofFailure}). The task's first failure is logged with its stack
     * trace, then the 2nd, 4th, 8th… with their count, so that a bug met by every record of a model
     * does not flood the log.
     */
    void failed(
            final Record<byte[], byte[]> record,
            final Origin origin,
            final String model,
            final RuntimeException failure) {
        held.clear();
        failures++;
        if (failures == 1) {
            LOG.error(
                    "Processing the record at {}-{} offset {} (model '{}') failed unexpectedly; it goes to the "
                            + "dead-letter topic and the learner continues; later failures of this task are logged "
                            + "with their count only (learner_records_total{outcome=\"failed\"} counts them all)",
                    origin.topic(),
                    origin.partition(),
                    origin.offset(),
                    model,
                    failure);
        } else if (Long.bitCount(failures) == 1) {
            LOG.error(
                    "Processing has failed unexpectedly on {} records of this task, the last at {}-{} offset {} "
                            + "(model '{}'): {}",
                    failures,
                    origin.topic(),
                    origin.partition(),
                    origin.offset(),
                    model,
                    failure.toString());
        }
        context.forward(
                DeadLetters.fitted(
                        DeadLetters.ofFailure(record.withKey(inputKey(record)), origin, failure), maxRequestBytes),
                Names.DEAD_LETTER_SINK);
    }

    /** The record's key on its input topic: a re-keyed record carries it in a header, trusted only then. */
    private byte[] inputKey(final Record<byte[], byte[]> record) {
        return rekeyed ? Origin.inputKey(record.headers(), record.key()) : record.key();
    }

    private void hold(final String sink, final String model, final byte[] json, final long timestamp) {
        held.add(new Held(sink, model, json, timestamp));
    }

    private void forward(final String sink, final String model, final byte[] json, final long timestamp) {
        context.forward(new Record<>(model.getBytes(StandardCharsets.UTF_8), json, timestamp), sink);
    }

    private record Held(String sink, String model, byte[] json, long timestamp) {}
}
