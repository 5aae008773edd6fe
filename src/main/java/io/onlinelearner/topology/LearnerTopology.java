package io.onlinelearner.topology;

import io.onlinelearner.config.LearnerConfig;
import io.onlinelearner.config.Topics;
import io.onlinelearner.learner.Learner;
import io.onlinelearner.learner.LearnerSpec;
import io.onlinelearner.learner.PredictParameters;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import java.util.Optional;
import org.apache.kafka.streams.Topology;

/**
 * Builds the learner's {@link Topology} from its configuration: the one factory that {@code main}
 * and the tests share.
 *
 * <pre>
 * train ──────┐                     ┌─▶ models        (snapshot per round, and at the stop)
 *             ├─▶ learner [store] ──┼─▶ control       (stop signal, once)
 * validation ─┘                     └─▶ dead-letters  (rejected records, unchanged)
 * </pre>
 *
 * Both sources feed one processor, so they form one sub-topology: partition p of {@code train}
 * and partition p of {@code validation} are handled by the same task, which is why the two topics
 * must be co-partitioned.
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
                Optional.empty(), Optional.empty(), PredictParameters.LIVE));
        final Topology topology = new Topology();
        topology.addSource(Names.TRAIN_SOURCE, new ByteArrayDeserializer(), new ByteArrayDeserializer(), topics.train());
        topology.addSource(Names.VALIDATION_SOURCE, new ByteArrayDeserializer(), new ByteArrayDeserializer(),
                topics.validation());
        topology.addProcessor(Names.LEARNER, new LearnerProcessorSupplier(learner, topics, config.inputFormat(), listener),
                Names.TRAIN_SOURCE, Names.VALIDATION_SOURCE);
        topology.addSink(Names.MODELS_SINK, topics.models(), new ByteArraySerializer(), new ByteArraySerializer(),
                Names.LEARNER);
        topology.addSink(Names.CONTROL_SINK, topics.control(), new ByteArraySerializer(), new ByteArraySerializer(),
                Names.LEARNER);
        topology.addSink(Names.DEAD_LETTER_SINK, topics.deadLetters(), new ByteArraySerializer(),
                new ByteArraySerializer(), Names.LEARNER);
        return topology;
    }
}
