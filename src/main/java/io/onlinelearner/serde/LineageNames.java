package io.onlinelearner.serde;

import io.onlinelearner.model.TrainingTopic;
import java.util.Objects;

/**
 * What a lineage ({@code trainedThrough.topic}) calls each input that trains a model: the topic
 * the learner reads it from ({@code learner.topic.train}, {@code learner.topic.labels}), so that
 * a published lineage names the topic to replay, whatever the topics are called.
 *
 * @param train  the name of the {@code train} topic
 * @param labels the name of the {@code labels} topic
 */
public record LineageNames(String train, String labels) {

    /** Both names required. */
    public LineageNames {
        Objects.requireNonNull(train, "train");
        Objects.requireNonNull(labels, "labels");
    }

    /** The name of the topic {@code topic} stands for. */
    public String of(final TrainingTopic topic) {
        return switch (topic) {
            case TRAIN -> train;
            case LABELS -> labels;
        };
    }
}
