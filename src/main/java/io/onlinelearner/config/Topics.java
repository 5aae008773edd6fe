package io.onlinelearner.config;

import io.onlinelearner.serde.LineageNames;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The learner's topic names, in one place. Every topic carries bytes: keys are model ids in UTF-8
 * and values JSON or Avro (see {@code docs/reference.md}), so all of them use {@code Serdes.ByteArray()}; the
 * learner decodes and encodes values itself, which is what lets a bad record reach the dead-letter
 * topic unchanged. The names come from the {@code learner.topic.*} settings; the defaults are
 * {@code LearnerConfig.defaults().topics()}.
 *
 * <p>{@code labels} and {@code outcomes} are used only with {@code learner.labels.enabled=true}:
 * {@link #inputs(boolean)}, {@link #outputs(boolean)} and {@link #all(boolean)} list them then.
 *
 * @param train       training records in
 * @param validation  validation records in
 * @param predict     prediction requests in
 * @param commands    model commands in
 * @param labels      labels of earlier predictions in
 * @param models      snapshots out (compacted)
 * @param control     stop signals and other model events out
 * @param predictions predictions out
 * @param outcomes    served predictions joined to their labels out
 * @param deadLetters rejected records out
 */
public record Topics(
        String train,
        String validation,
        String predict,
        String commands,
        String labels,
        String models,
        String control,
        String predictions,
        String outcomes,
        String deadLetters) {

    private static final Pattern LEGAL = Pattern.compile("[a-zA-Z0-9._-]{1,249}");

    /** Checks that every name is a legal Kafka topic name and that no two coincide. */
    public Topics {
        final List<String> names = Arrays.asList(
                train, validation, predict, commands, labels, models, control, predictions, outcomes, deadLetters);
        for (final String name : names) {
            if (name == null || !LEGAL.matcher(name).matches() || ".".equals(name) || "..".equals(name)) {
                throw new IllegalArgumentException(
                        "'" + name + "' is not a legal topic name " + "(1 to 249 of a-z A-Z 0-9 . _ -)");
            }
        }
        if (names.stream().distinct().count() != names.size()) {
            throw new IllegalArgumentException("the " + names.size() + " topics must have different names: " + names);
        }
    }

    /** Every name the learner uses without labels: the inputs first, then the outputs. */
    public List<String> all() {
        return all(false);
    }

    /** Every name the learner uses, with or without labels: the inputs first, then the outputs. */
    public List<String> all(final boolean withLabels) {
        return Stream.concat(inputs(withLabels).stream(), outputs(withLabels).stream())
                .toList();
    }

    /** The input topics without labels, which must be co-partitioned: train, validation, predict, commands. */
    public List<String> inputs() {
        return inputs(false);
    }

    /** The input topics, which must be co-partitioned; {@code labels} last when {@code withLabels}. */
    public List<String> inputs(final boolean withLabels) {
        return withLabels
                ? List.of(train, validation, predict, commands, labels)
                : List.of(train, validation, predict, commands);
    }

    /** The output topics without labels: models, control, predictions, dead letters. */
    public List<String> outputs() {
        return outputs(false);
    }

    /** The output topics; {@code outcomes} before the dead letters when {@code withLabels}. */
    public List<String> outputs(final boolean withLabels) {
        return withLabels
                ? List.of(models, control, predictions, outcomes, deadLetters)
                : List.of(models, control, predictions, deadLetters);
    }

    /** What a lineage ({@code trainedThrough.topic}) calls the topics that train: {@link #train} and {@link #labels}. */
    public LineageNames lineage() {
        return new LineageNames(train, labels);
    }
}
