package io.onlinelearner.topology;

import io.onlinelearner.config.LearnerConfig;
import io.onlinelearner.config.Topics;
import io.onlinelearner.learner.Learner;
import java.util.List;
import java.util.Map;
import io.onlinelearner.learner.LearnerSpec;
import io.onlinelearner.learner.PredictParameters;
import java.util.Optional;
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
 * By default both sources feed one processor, so they form one sub-topology: partition p of
 * {@code train} and partition p of {@code validation} are handled by the same task, which is why
 * the topics must be co-partitioned, and why one model's records meet in one task only when every
 * producer partitions keys alike (murmur2); a record that is not is counted by the
 * {@link MisroutingDetector}. With {@code learner.input.repartition=true} each input is first re-keyed
 * through a repartition topic ({@link InputRouting}), and the records of one model always meet.
 */
public final class LearnerTopology {

    private LearnerTopology() {
    }

    /** The topology for {@code config}, reporting to no listener. */
    public static Topology build(final LearnerConfig config) {
        return build(config, LearnerListener.NONE);
    }

    /** The topology for {@code config}, reporting every record to {@code listener}, detecting no misrouting. */
    public static Topology build(final LearnerConfig config, final LearnerListener listener) {
        return build(config, listener, Map.of());
    }

    /**
     * The topology for {@code config}, reporting every record to {@code listener}.
     *
     * @param partitions the partition count of the input topics (as provisioned), by topic: a record
     *                   read straight from an input topic in another partition than murmur2's for its
     *                   key is reported as misrouted; topics without a count are not checked
     */
    public static Topology build(final LearnerConfig config, final LearnerListener listener,
            final Map<String, Integer> partitions) {
        final Topics topics = config.topics();
        final Learner learner = new Learner(new LearnerSpec(config.model(), config.adam(), config.stopping(),
                Optional.empty(), Optional.empty(), PredictParameters.LIVE));
        final InputRouting inputs = InputRouting.of(List.of(
                new InputRouting.Input(Source.TRAIN, topics.train(), Names.TRAIN_SOURCE),
                new InputRouting.Input(Source.VALIDATION, topics.validation(), Names.VALIDATION_SOURCE)));
        final InputRouting.Routed routed = inputs.route(config.inputRepartition());
        final MisroutingDetector misrouting = config.inputRepartition() ? MisroutingDetector.off()
                : new MisroutingDetector(partitions, listener);
        final Topology topology = routed.topology();
        topology.addProcessor(Names.LEARNER,
                new LearnerProcessorSupplier(learner, inputs.sourcesByTopic(), listener, misrouting), routed.parents());
        topology.addSink(Names.MODELS_SINK, topics.models(), new ByteArraySerializer(), new ByteArraySerializer(),
                Names.LEARNER);
        topology.addSink(Names.CONTROL_SINK, topics.control(), new ByteArraySerializer(), new ByteArraySerializer(),
                Names.LEARNER);
        topology.addSink(Names.DEAD_LETTER_SINK, topics.deadLetters(), new ByteArraySerializer(),
                new ByteArraySerializer(), Names.LEARNER);
        return topology;
    }
}
