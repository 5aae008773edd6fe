package io.onlinelearner.topology;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Repartitioned;

/**
 * How the input topics reach the learner's processor. Directly (the default): one source node per
 * input topic, all feeding the processor, so partition p of every input is one task. Re-keyed
 * ({@code learner.input.repartition=true}): the inputs are read by one sub-topology, whose task p
 * takes partition p of every input in timestamp order (as the direct learner's task does), and go
 * through one Kafka Streams repartition topic ({@code <application.id>-learner-inputs-repartition}),
 * keyed by model id and partitioned by murmur2, so that one model's records meet in one task
 * whatever partitioner their producers used, in the order they were re-keyed: a model whose records
 * all sit in the same partition number of their inputs gets them in timestamp order across inputs;
 * records of one model from different partitions come in the order their tasks re-keyed them. A
 * repartition topic is internal: Kafka Streams creates it, writes it in the same transactions as the
 * consumed offsets (exactly once under EOS) and purges what was processed. Before the repartition,
 * {@link OriginStamper} keeps each record's {@link Origin} in headers.
 *
 * <p>Adding an input is one {@link Input} in the list given to {@link #of(List)}.
 */
public final class InputRouting {

    /**
     * The name of the repartition that re-keys the inputs: the topic is {@code
     * <application.id>-learner-inputs-repartition}.
     */
    public static final String REPARTITION = "learner-inputs";

    private final List<Input> inputs;

    private InputRouting(final List<Input> inputs) {
        this.inputs = List.copyOf(inputs);
    }

    /** The routing of {@code inputs}, in order. */
    public static InputRouting of(final List<Input> inputs) {
        if (inputs.isEmpty()) {
            throw new IllegalArgumentException("the learner needs at least one input");
        }
        return new InputRouting(inputs);
    }

    /** Which input each input topic is. */
    public Map<String, Source> sourcesByTopic() {
        final Map<String, Source> sources = new LinkedHashMap<>();
        inputs.forEach(input -> sources.put(input.topic(), input.source()));
        return sources;
    }

    /**
     * A new topology holding the inputs, and the names of the nodes the learner's processor must be
     * added under.
     *
     * @param repartition true to re-key every input through a repartition topic first
     */
    public Routed route(final boolean repartition) {
        return repartition ? repartitioned() : direct();
    }

    private Routed direct() {
        final Topology topology = new Topology();
        final List<String> parents = new ArrayList<>();
        for (final Input input : inputs) {
            topology.addSource(input.node(), new ByteArrayDeserializer(), new ByteArrayDeserializer(), input.topic());
            parents.add(input.node());
        }
        return new Routed(topology, parents.toArray(String[]::new));
    }

    private Routed repartitioned() {
        final StreamsBuilder builder = new StreamsBuilder();
        KStream<byte[], byte[]> merged = null;
        for (final Input input : inputs) {
            final KStream<byte[], byte[]> stamped = builder.stream(
                            input.topic(),
                            Consumed.with(Serdes.ByteArray(), Serdes.ByteArray())
                                    .withName(input.node()))
                    .process(OriginStamper::new, Named.as(input.node() + "-origin"));
            merged = merged == null ? stamped : merged.merge(stamped, Named.as(input.node() + "-merge"));
        }
        merged.repartition(Repartitioned.with(Serdes.ByteArray(), Serdes.ByteArray())
                        .withName(REPARTITION))
                .peek((key, value) -> {}, Named.as(Names.INPUTS));
        return new Routed(builder.build(), new String[] {Names.INPUTS});
    }

    /**
     * One input of the learner.
     *
     * @param source which input it is, for the processor and the metrics
     * @param topic  its topic
     * @param node   the name of its source node
     */
    public record Input(Source source, String topic, String node) {}

    /**
     * The inputs' part of a topology.
     *
     * @param topology the topology, to which the processor and the sinks are added
     * @param parents  the nodes the processor reads from
     */
    public record Routed(Topology topology, String[] parents) {}
}
