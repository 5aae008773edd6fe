package io.onlinelearner.topology;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The learner's topic names, in one place. Every topic carries bytes: keys are model ids in UTF-8
 * and values JSON (see the README), so all of them use {@code Serdes.ByteArray()}; the learner
 * decodes and encodes values itself, which is what lets a bad record reach the dead-letter topic
 * unchanged.
 *
 * @param train       training records in
 * @param validation  validation records in
 * @param models      snapshots out (compacted)
 * @param control     stop signals out
 * @param deadLetters rejected records out
 */
public record Topics(String train, String validation, String models, String control, String deadLetters) {

    private static final Pattern LEGAL = Pattern.compile("[a-zA-Z0-9._-]{1,249}");

    /** The contract's default names. */
    public static final Topics DEFAULTS = new Topics("train", "validation", "models", "control", "dead-letters");

    /** Checks that every name is a legal Kafka topic name and that no two coincide. */
    public Topics {
        for (final String name : new String[] {train, validation, models, control, deadLetters}) {
            if (name == null || !LEGAL.matcher(name).matches() || ".".equals(name) || "..".equals(name)) {
                throw new IllegalArgumentException("'" + name + "' is not a legal topic name "
                        + "(1 to 249 of a-z A-Z 0-9 . _ -)");
            }
        }
        if (List.of(train, validation, models, control, deadLetters).stream().distinct().count() != 5) {
            throw new IllegalArgumentException("the five topics must have five different names");
        }
    }

    /** All five names: inputs first. */
    public List<String> all() {
        return List.of(train, validation, models, control, deadLetters);
    }
}
