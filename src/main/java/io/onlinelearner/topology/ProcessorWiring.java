package io.onlinelearner.topology;

import io.onlinelearner.learner.Learner;
import io.onlinelearner.model.InputFormat;
import io.onlinelearner.serde.LineageNames;
import java.util.Map;
import java.util.OptionalLong;

/**
 * What every learner processor of a topology is built from, gathered once from the configuration by
 * {@link LearnerTopology#build}: the supplier hands the same wiring to the processor of each task.
 *
 * @param learner    the core the processors call
 * @param format     the encoding of train, validation, predict and labels values (commands are always JSON)
 * @param maxBytes   the largest input value accepted ({@code learner.input.max-bytes})
 * @param inputs     which input each original topic is
 * @param listener   told of every record's effects (the metrics), through one listener per task
 * @param misrouting checks that records read straight from an input sit in murmur2's partition
 * @param rekeyed    true when the inputs arrive re-keyed through the repartition topic, with origin headers
 * @param idleTtlMs  {@code learner.models.idle-ttl-ms}; empty: models are never evicted
 * @param lineage    what a lineage calls the topics that train ({@code learner.topic.train}, {@code .labels})
 */
public record ProcessorWiring(
        Learner learner,
        InputFormat format,
        int maxBytes,
        Map<String, Source> inputs,
        LearnerListener listener,
        MisroutingDetector misrouting,
        boolean rekeyed,
        OptionalLong idleTtlMs,
        LineageNames lineage) {

    /** Copies the inputs. */
    public ProcessorWiring {
        inputs = Map.copyOf(inputs);
    }
}
