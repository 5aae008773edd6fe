package io.onlinelearner.config;

import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The learner's topic names, in one place. Every topic carries bytes: keys are model ids in UTF-8
 * and values JSON or Avro (see {@code docs/reference.md}), so all of them use {@code Serdes.ByteArray()}; the
 * learner decodes and encodes values itself, which is what lets a bad record reach the dead-letter
 * topic unchanged. The names come from the {@code learner.topic.*} settings; the defaults are
 * {@code LearnerConfig.defaults().topics()}.
 *
 * @param train       training records in
 * @param validation  validation records in
 * @param predict     prediction requests in
 * @param commands    model commands in
 * @param models      snapshots out (compacted)
 * @param control     stop signals and other model events out
 * @param predictions predictions out
 * @param deadLetters rejected records out
 */
public record Topics(
        String train,
        String validation,
        String predict,
        String commands,
        String models,
        String control,
        String predictions,
        String deadLetters) {

    private static final Pattern LEGAL = Pattern.compile("[a-zA-Z0-9._-]{1,249}");

    /** Checks that every name is a legal Kafka topic name and that no two coincide. */
    public Topics {
        final List<String> names =
                Arrays.asList(train, validation, predict, commands, models, control, predictions, deadLetters);
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

    /** Every name: the inputs first, then the outputs. */
    public List<String> all() {
        return List.of(train, validation, predict, commands, models, control, predictions, deadLetters);
    }

    /** The input topics, which must be co-partitioned: train, validation, predict, commands. */
    public List<String> inputs() {
        return List.of(train, validation, predict, commands);
    }

    /** The output topics: models, control, predictions, dead letters. */
    public List<String> outputs() {
        return List.of(models, control, predictions, deadLetters);
    }
}
