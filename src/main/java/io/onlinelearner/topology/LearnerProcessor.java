package io.onlinelearner.topology;

import io.onlinelearner.features.HashedInputParser;
import io.onlinelearner.labels.Changes;
import io.onlinelearner.labels.Labelling;
import io.onlinelearner.learner.Learner;
import io.onlinelearner.learner.ModelState;
import io.onlinelearner.learner.Outcome;
import io.onlinelearner.learner.Prediction;
import io.onlinelearner.model.Example;
import io.onlinelearner.model.InputParser;
import io.onlinelearner.model.Position;
import io.onlinelearner.model.PredictRequest;
import io.onlinelearner.model.RecordRejectedException;
import io.onlinelearner.model.RejectionReason;
import io.onlinelearner.model.WellFormedUtf8;
import java.util.Map;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The thin processor around the {@link Learner}: for each record it parses the value as its input
 * says, reads the model's state, calls the learner, writes the new state once when the outcome
 * says so, and forwards what the outcome lists ({@link Outputs}): snapshots, control events in
 * order, predictions. A rejected record goes to the dead letters and changes no state; a record
 * that fails unexpectedly (a bug, not bad input) too, with its stack trace, while Kafka's own
 * exceptions propagate so that exactly-once aborts and retries the task ({@link #process}). So that
 * such a record changes nothing, each record is handled in two phases: everything is computed, its
 * texts planned and its outputs encoded while nothing is written; then its writes are made and its
 * outputs forwarded (a failure during the writes themselves, a bug in a store layer, leaves the
 * writes made before it). The listener (the metrics) is told through a {@link GuardedListener}, of
 * a record's effects after its writes: its failure is logged and cannot undo the record. A stored
 * state this build cannot read fails only its model's records ({@link StateReads}).
 *
 * <p>Optional steps, each in its own class: labels that come later ({@link LabelsStep}: before each
 * record the stream time forgets requests past the ttl; a predict record with an id is remembered,
 * a label joined, its outcome forwarded and its example learned); what the stream time does
 * around each record ({@link Housekeeping}: the labels' expiry and idle eviction); a hashed model's
 * feature texts ({@link NamesStep}).
 * Where a record came from is its {@link Origin}, checked by the {@link MisroutingDetector}.
 *
 * <p>States are values: the learner returns new ones and never writes into those it was given, so
 * what the store holds and what was forwarded never change afterwards. The store (a
 * {@link ModelStateStore}, which serializes a state once per commit) is written only once the new
 * state is complete and checked finite, and never closed here: it belongs to Kafka Streams.
 */
final class LearnerProcessor implements Processor<byte[], byte[], byte[], byte[]> {

    private final Learner learner;
    private final LabelsStep labels;
    private final InputParser parser;
    private final Map<String, Source> inputs;
    private final LearnerListener listeners;
    private final MisroutingDetector misrouting;
    private final boolean rekeyed;
    private final NamesStep names;
    private final Outputs outputs;
    private final Housekeeping housekeeping;
    private LearnerListener listener;
    private ProcessorContext<byte[], byte[]> context;
    private KeyValueStore<String, ModelState> store;

    /**
     * @param wiring what the processors of the topology are built from
     * @param labels labels that come later; null when they are off
     */
    LearnerProcessor(final ProcessorWiring wiring, final LabelsStep labels) {
        final Learner learner = wiring.learner();
        final int maxBytes = wiring.maxBytes();
        this.learner = learner;
        this.labels = labels;
        this.inputs = wiring.inputs();
        this.listeners = wiring.listener();
        this.misrouting = wiring.misrouting();
        this.rekeyed = wiring.rekeyed();
        this.outputs = new Outputs(labels, rekeyed, wiring.lineage());
        this.parser = learner.settings()
                .hashing()
                .map(hashing -> HashedInputParser.of(hashing, maxBytes))
                .orElseGet(() ->
                        InputParser.forFormat(wiring.format(), learner.spec().maxFeatures(), maxBytes));
        this.names = learner.settings()
                .hashing()
                .map(hashing -> new NamesStep(hashing.namesPerIndex()))
                .orElse(null);
        this.housekeeping = new Housekeeping(labels, names, outputs, wiring.idleTtlMs());
    }

    @Override
    public void init(final ProcessorContext<byte[], byte[]> processorContext) {
        this.context = processorContext;
        this.listener = new GuardedListener(listeners.forPartition(
                processorContext.taskId().partition(), labels == null ? LearnerListener.NO_LABELS : labels::stored));
        this.store = processorContext.getStateStore(Names.STORE);
        outputs.init(processorContext);
        if (labels != null) {
            labels.init(processorContext);
        }
        if (names != null) {
            names.init(processorContext);
        }
        housekeeping.init(processorContext, listener);
        HeldWritesLayer.serve(processorContext.getStateStore(Names.STORE));
    }

    /** Tells the task's listener that the task closed; the stores are Kafka Streams' to close. */
    @Override
    public void close() {
        if (listener != null) {
            listener.onTaskClosed();
        }
    }

    /**
     * Handles one record. An exception of Kafka's own ({@link KafkaException}: a fenced producer, a
     * migrated task, a store that cannot be written) propagates unchanged, so that Kafka Streams aborts
     * the transaction and the task resumes from its last commit. Any other exception is a bug met on
     * this record while nothing of it is written: it is logged and the record goes to the
     * dead-letter topic as {@link DeadLetters#ofFailure} describes, with none of its outputs; the
     * next record is handled as usual. So does a re-keyed record whose origin headers name a topic
     * that is not an input (written to a repartition topic by another producer than the learner).
     */
    @Override
    public void process(final Record<byte[], byte[]> record) {
        final Origin origin = origin(record);
        final Source source = inputs.get(origin.topic());
        final String model = Names.model(record.key());
        if (source == null) {
            outputs.failed(
                    record,
                    origin,
                    model,
                    new IllegalStateException("a record that names " + origin.topic()
                            + " as its input topic, which is not one of " + inputs.keySet()));
            return;
        }
        try {
            handle(record, origin, source, model);
        } catch (KafkaException kafka) {
            outputs.abandon();
            throw kafka;
        } catch (RuntimeException failure) {
            outputs.failed(record, origin, model, failure);
            listener.onFailed(model, source);
        }
    }

    private void handle(
            final Record<byte[], byte[]> record, final Origin origin, final Source source, final String model) {
        if (misrouting.check(source, origin, record.key())) {
            listener.onMisrouted(source, origin.topic());
        }
        final long streamTime = housekeeping.beforeRecord(record);
        try {
            checkKey(record.key());
            switch (source) {
                case PREDICT -> predict(model, record, streamTime);
                case LABELS -> label(model, record, origin, streamTime);
                default -> apply(model, source, record, origin, streamTime);
            }
        } catch (RecordRejectedException rejection) {
            outputs.rejected(record, origin, rejection);
            listener.onRejected(model, source, rejection.reason());
        }
    }

    /**
     * Refuses a key that is not well-formed UTF-8: decoded, its bad bytes would become U+FFFD, and
     * keys that differ only there would share one model.
     */
    private static void checkKey(final byte[] key) {
        final int invalid = key == null ? -1 : WellFormedUtf8.firstInvalid(key);
        if (invalid >= 0) {
            throw new RecordRejectedException(
                    RejectionReason.BAD_KEY, "the key is not well-formed UTF-8 (at byte " + invalid + ")");
        }
    }

    private Origin origin(final Record<byte[], byte[]> record) {
        final RecordMetadata metadata = context.recordMetadata()
                .orElseThrow(() -> new IllegalStateException("a record without a source topic"));
        return rekeyed ? Origin.of(record.headers(), metadata) : Origin.of(metadata);
    }

    /** Answers a prediction request: reads the state and, with labels, remembers the request if it has an id. */
    private void predict(final String model, final Record<byte[], byte[]> record, final long streamTime) {
        final ModelState state = read(model);
        final PredictRequest request = parser.parsePredict(record.value());
        final Prediction prediction;
        Changes remembered = null;
        if (labels == null) {
            prediction = learner.predict(state, request);
        } else {
            final long sequence = context.recordMetadata().orElseThrow().offset();
            final Labelling.Served served =
                    labels.predict(state, model, request, record.timestamp(), sequence, streamTime);
            remembered = served.changes();
            prediction = served.prediction();
        }
        outputs.prediction(model, prediction, record.timestamp());
        if (labels != null) {
            labels.write(remembered);
        }
        housekeeping.seen(model, state, streamTime);
        outputs.send();
        listener.onPrediction(model, prediction, state);
        if (labels != null) {
            listener.onLabels(remembered);
        }
    }

    /**
     * Joins a label to its remembered request and learns from the example: the outputs are encoded
     * and the texts planned first; then the model's state and the remembered requests are written
     * and the outcome, the learner's snapshots and events forwarded.
     */
    private void label(
            final String model, final Record<byte[], byte[]> record, final Origin origin, final long streamTime) {
        final ModelState before = read(model);
        final Labelling.Labelled labelled = labels.label(
                before,
                model,
                parser.parseLabel(record.value()),
                record.timestamp(),
                streamTime,
                Position.labels(origin.partition(), origin.offset()));
        final NamesStep.Plan texts = names(model, before, labelled.learned(), labelled.example());
        outputs.outcome(model, labelled.outcome(), record.timestamp());
        outputs.published(model, labelled.learned(), record.timestamp(), labelled.changes());
        save(model, labelled.learned(), texts);
        labels.write(labelled.changes());
        housekeeping.seen(model, labelled.learned().state(), streamTime);
        outputs.send();
        listener.onLabelJoined(model, labelled.outcome());
        listener.onOutcome(model, Source.LABELS, labelled.learned());
        listener.onLabels(labelled.changes());
    }

    /**
     * Applies a training, validation or command record: everything is computed and encoded first,
     * then the state written once at most and the outputs forwarded in order.
     */
    private void apply(
            final String model,
            final Source source,
            final Record<byte[], byte[]> record,
            final Origin origin,
            final long streamTime) {
        final ModelState before = read(model);
        final Example example = source == Source.COMMANDS ? null : parser.parseExample(record.value());
        final Outcome outcome = outcome(before, source, example, record.value(), origin);
        final NamesStep.Plan texts = names(model, before, outcome, example);
        outputs.published(model, outcome, record.timestamp());
        save(model, outcome, texts);
        housekeeping.seen(model, outcome.state(), streamTime);
        outputs.send();
        listener.onOutcome(model, source, outcome);
    }

    /** Plans what the record does to a hashed model's texts ({@link NamesStep}); null in dense mode or when they are unchanged. */
    private NamesStep.Plan names(
            final String model, final ModelState before, final Outcome outcome, final Example example) {
        return names == null ? null : names.plan(model, before, outcome, example);
    }

    /** Writes the outcome's state once, when the outcome says so, and the texts it planned. */
    private void save(final String model, final Outcome outcome, final NamesStep.Plan texts) {
        if (outcome.write()) {
            store.put(model, outcome.state());
        }
        if (names != null) {
            names.write(texts);
        }
    }

    private Outcome outcome(
            final ModelState before,
            final Source source,
            final Example example,
            final byte[] value,
            final Origin origin) {
        return switch (source) {
            case TRAIN -> learner.train(before, example, Position.train(origin.partition(), origin.offset()));
            case VALIDATION -> learner.validate(before, example);
            case COMMANDS -> learner.command(before, parser.parseCommand(value));
            case PREDICT, LABELS -> throw new IllegalArgumentException(source + " records are handled on their own");
        };
    }

    private ModelState read(final String model) {
        return StateReads.read(store, model);
    }
}
