package io.onlinelearner.topology;

import io.onlinelearner.config.LearnerConfig;
import io.onlinelearner.config.Topics;
import io.onlinelearner.learner.Learner;
import io.onlinelearner.learner.LearnerSpec;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.Topology;

/**
 * Builds the learner's {@link Topology} from its configuration: the one factory that {@code main}
 * and the tests share.
 *
 * <pre>
 * train ──────┐                     ┌─▶ models        (snapshot per round, at a stop and at a reset)
 * validation ─┤                     ├─▶ control       (events: STOPPED, RESUMED, RESET, LR_CHANGED, DRIFT, IGNORED)
 * predict ────┼─▶ learner [store] ──┼─▶ predictions   (one per valid predict record; no state written)
 * commands ───┘                     └─▶ dead-letters  (rejected records of every input, unchanged)
 * </pre>
 *
 * All four sources feed one processor, so they form one sub-topology: partition p of every input
 * is handled by the same task, which is why the four topics must be co-partitioned, and why one
 * model's records of every kind meet in one place, in stream order.
 */
public final class LearnerTopology {

    private LearnerTopology() {
    }

    /** The topology for {@code config}, reporting to no listener. */
    public static Topology build(final LearnerConfig config) {
        return build(config, LearnerListener.NONE);
    }

    /** The topology for {@code config}, reporting every record to {@code listener}. */
    public static Topology build(final LearnerConfig config, final LearnerListener listener) {
        final Topics topics = config.topics();
        final Learner learner = new Learner(new LearnerSpec(config.model(), config.adam(), config.stopping(),
                config.plateau(), config.drift(), config.predictParameters()));
        final Topology topology = new Topology();
        final Map<String, Source> inputs = addSources(topology, topics);
        topology.addProcessor(Names.LEARNER,
                new LearnerProcessorSupplier(learner, config.inputFormat(), inputs, listener),
                inputs.values().stream().map(Names::source).toArray(String[]::new));
        addSink(topology, Names.MODELS_SINK, topics.models());
        addSink(topology, Names.CONTROL_SINK, topics.control());
        addSink(topology, Names.PREDICTIONS_SINK, topics.predictions());
        addSink(topology, Names.DEAD_LETTER_SINK, topics.deadLetters());
        return topology;
    }

    /**
     * Adds one source per input ({@link Topics#inputs()}: train, validation, predict, commands) and
     * returns which input each record topic is, in that order: the one place the inputs enter.
     */
    static Map<String, Source> addSources(final Topology topology, final Topics topics) {
        final Map<String, Source> inputs = new LinkedHashMap<>();
        for (final Source input : Source.values()) {
            final String topic = input.topic(topics);
            topology.addSource(Names.source(input), new ByteArrayDeserializer(), new ByteArrayDeserializer(), topic);
            inputs.put(topic, input);
        }
        return inputs;
    }

    private static void addSink(final Topology topology, final String name, final String topic) {
        topology.addSink(name, topic, new ByteArraySerializer(), new ByteArraySerializer(), Names.LEARNER);
    }
}
