package io.onlinelearner.topology;

import io.onlinelearner.config.Topics;
import io.onlinelearner.learner.Learner;
import io.onlinelearner.learner.ModelState;
import io.onlinelearner.learner.Outcome;
import io.onlinelearner.learner.Snapshot;
import io.onlinelearner.learner.StopSignal;
import io.onlinelearner.model.Example;
import io.onlinelearner.model.Position;
import io.onlinelearner.model.InputFormat;
import io.onlinelearner.model.InputParser;
import io.onlinelearner.model.RecordRejectedException;
import io.onlinelearner.serde.JsonCodec;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The thin processor around the {@link Learner}: for each record it parses the value, reads the
 * model's state, calls the learner, writes the new state once, and forwards a snapshot at the end
 * of a round and a stop signal at the stop. A rejected record goes to the dead-letter sink and
 * changes no state. It never closes the store: the store belongs to Kafka Streams.
 *
 * <p>The states it last wrote are kept as objects in {@link RecentStates}, so that the next record
 * of a busy model skips the store's lookup and deserialization; that copy is dropped whenever Kafka
 * Streams (re)initializes or closes the task.
 */
final class LearnerProcessor implements Processor<byte[], byte[], byte[], byte[]> {

    private final Learner learner;
    private final Topics topics;
    private final InputParser parser;
    private final LearnerListener listener;
    private final RecentStates recent = new RecentStates();
    private ProcessorContext<byte[], byte[]> context;
    private KeyValueStore<String, ModelState> store;

    LearnerProcessor(final Learner learner, final Topics topics, final LearnerListener listener) {
        this(learner, topics, InputFormat.JSON, listener);
    }

    LearnerProcessor(final Learner learner, final Topics topics, final InputFormat format,
            final LearnerListener listener) {
        this.learner = learner;
        this.topics = topics;
        this.listener = listener;
        this.parser = InputParser.forFormat(format, learner.spec().maxFeatures());
    }

    @Override
    public void init(final ProcessorContext<byte[], byte[]> processorContext) {
        this.context = processorContext;
        this.store = processorContext.getStateStore(Names.STORE);
        recent.clear();
    }

    @Override
    public void close() {
        recent.clear();
    }

    @Override
    public void process(final Record<byte[], byte[]> record) {
        final RecordMetadata metadata = context.recordMetadata().orElse(null);
        final Source source = metadata != null && topics.validation().equals(metadata.topic())
                ? Source.VALIDATION : Source.TRAIN;
        final String model = modelId(record.key());
        try {
            final Example example = parser.parseExample(record.value());
            final ModelState state = read(model);
            final Outcome outcome = source == Source.TRAIN
                    ? learner.train(state, example, position(metadata))
                    : learner.validate(state, example);
            if (outcome.write()) {
                store.put(model, outcome.state());
                recent.put(model, outcome.state());
            }
            for (final ModelState published : outcome.snapshots()) {
                forward(Names.MODELS_SINK, model, JsonCodec.snapshot(Snapshot.of(model, published)), record);
            }
            if (outcome.kind() == Outcome.Kind.STOPPED) {
                forward(Names.CONTROL_SINK, model, JsonCodec.stopSignal(StopSignal.of(model, outcome.state())), record);
            }
            listener.onOutcome(model, source, outcome);
        } catch (RecordRejectedException rejection) {
            context.forward(DeadLetters.of(record, metadata, rejection), Names.DEAD_LETTER_SINK);
            listener.onRejected(model, source, rejection.reason());
        }
    }

    private ModelState read(final String model) {
        final ModelState held = recent.get(model);
        if (held != null) {
            return held;
        }
        final ModelState stored = store.get(model);
        if (stored != null) {
            recent.put(model, stored);
        }
        return stored;
    }

    private void forward(final String sink, final String model, final byte[] json, final Record<byte[], byte[]> input) {
        context.forward(new Record<>(model.getBytes(StandardCharsets.UTF_8), json, input.timestamp()), sink);
    }

    /** Where the record sits in its topic: the lineage of the parameters it trains. */
    private static Position position(final RecordMetadata metadata) {
        return metadata == null ? null : new Position(metadata.partition(), metadata.offset());
    }

    /** The model id of a record key: its UTF-8 text, or {@code default} for a null or empty key. */
    static String modelId(final byte[] key) {
        return key == null || key.length == 0 ? Names.DEFAULT_MODEL : new String(key, StandardCharsets.UTF_8);
    }
}
