package io.onlinelearner.topology;

import io.onlinelearner.config.LearnerConfig;
import io.onlinelearner.config.Topics;
import io.onlinelearner.labels.LabelJoiner;
import io.onlinelearner.learner.Learner;
import java.util.Map;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyDescription;

/**
 * Builds the learner's {@link Topology} from its configuration: the one factory that {@code main}
 * and the tests share.
 *
 * <pre>
 * train ──────┐                     ┌─▶ models        (snapshot per round, at a stop, at a reset, at an eviction)
 * validation ─┤                     ├─▶ control       (events: STOPPED, RESUMED, RESET, LR_CHANGED, DRIFT, IGNORED, EVICTED)
 * predict ────┼─▶ learner [store] ──┼─▶ predictions   (one per valid predict record; no state written)
 * commands ───┤                     ├─▶ outcomes      (one per label joined to its prediction; with labels)
 * labels ─────┘                     └─▶ dead-letters  (rejected records of every input, unchanged)
 * </pre>
 *
 * The labels input, the outcomes sink and the store of remembered requests are there only with
 * {@code learner.labels.enabled=true}. The store of models by last-seen time is always there, used
 * with {@code learner.models.idle-ttl-ms} set and kept empty without it.
 *
 * By default the sources feed one processor, so they form one sub-topology: partition p of
 * every input is handled by the same task, which is why the four topics must be co-partitioned, and
 * why one model's records of every kind meet in one place, in stream order, when every producer
 * partitions keys alike (murmur2); a record that is not is counted by the {@link MisroutingDetector}.
 * With {@code learner.input.repartition=true} each input is first re-keyed through a repartition
 * topic ({@link InputRouting}), and the records of one model always meet.
 */
public final class LearnerTopology {

    private LearnerTopology() {}

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
    public static Topology build(
            final LearnerConfig config, final LearnerListener listener, final Map<String, Integer> partitions) {
        final Topics topics = config.topics();
        final Learner learner = new Learner(config.learnerSpec());
        final boolean labels = config.labels().enabled();
        final InputRouting inputs = InputRouting.of(Source.read(labels).stream()
                .map(input -> new InputRouting.Input(input, input.topic(topics), Names.source(input)))
                .toList());
        final boolean rekeyed = config.inputRepartition();
        final InputRouting.Routed routed = inputs.route(rekeyed);
        final MisroutingDetector misrouting = rekeyed ? MisroutingDetector.off() : new MisroutingDetector(partitions);
        final Topology topology = routed.topology();
        topology.addProcessor(
                Names.LEARNER,
                new LearnerProcessorSupplier(
                        new ProcessorWiring(
                                learner,
                                config.inputFormat(),
                                config.inputMaxBytes(),
                                inputs.sourcesByTopic(),
                                listener,
                                misrouting,
                                rekeyed,
                                config.idleTtlMs(),
                                topics.lineage()),
                        labels ? new LabelJoiner(config.labels(), config.model().loss()) : null),
                routed.parents());
        addSink(topology, Names.MODELS_SINK, topics.models());
        addSink(topology, Names.CONTROL_SINK, topics.control());
        addSink(topology, Names.PREDICTIONS_SINK, topics.predictions());
        if (labels) {
            addSink(topology, Names.OUTCOMES_SINK, topics.outcomes());
        }
        addSink(topology, Names.DEAD_LETTER_SINK, topics.deadLetters());
        return topology;
    }

    /**
     * The id of the sub-topology whose tasks run the learner and hold its stores: the id of those
     * tasks' {@code TaskId}. It is 0 unless inputs are re-keyed, when the sub-topologies that only
     * re-key an input hold no partition of any store.
     *
     * @throws IllegalArgumentException when {@code topology} has no {@link Names#LEARNER} node
     */
    public static int storeSubtopology(final Topology topology) {
        return topology.describe().subtopologies().stream()
                .filter(sub -> sub.nodes().stream().anyMatch(node -> node.name().equals(Names.LEARNER)))
                .mapToInt(TopologyDescription.Subtopology::id)
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no " + Names.LEARNER + " node in the topology"));
    }

    private static void addSink(final Topology topology, final String name, final String topic) {
        topology.addSink(name, topic, new ByteArraySerializer(), new ByteArraySerializer(), Names.LEARNER);
    }
}
