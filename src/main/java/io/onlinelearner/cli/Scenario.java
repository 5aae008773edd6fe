package io.onlinelearner.cli;

import io.onlinelearner.config.Setting;
import io.onlinelearner.topology.Source;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A demo scenario as data: the learner's settings, the model it follows, and its acts in order
 * (narration, and batches of input records). {@link DemoEngine} plays any scenario the same way:
 * it sends one batch, waits until the learner has committed it, prints every output it caused,
 * and only then sends the next, so every run of one scenario and seed prints the same lines.
 *
 * @param name     the name given to {@code demo --scenario}
 * @param settings the learner's settings that differ from the defaults, in the order listed
 * @param model    the model id (the records' key)
 * @param acts     what happens, in order
 * @param truth    the concept the last frozen model should be close to, shown next to it; null
 *                 when the scenario's narration says what it is instead (named features)
 */
record Scenario(String name, Map<Setting<?>, Object> settings, String model, List<Act> acts, Concept truth) {

    /** Copies the settings and acts. */
    Scenario {
        settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings));
        acts = List.copyOf(acts);
    }

    /** One act of a scenario. */
    sealed interface Act permits Say, Play, Top {}

    /**
     * Narration, printed as it stands.
     *
     * @param text one or more lines
     */
    record Say(String text) implements Act {}

    /**
     * Sends {@code batches} one at a time, each committed by the learner before the next.
     *
     * @param batches   the batches, drawn only when sent (a stream may be long or endless)
     * @param untilStop true to end the act at the first batch after which the model stopped; the
     *                  scenario fails if the batches run out first. False to send every batch.
     */
    record Play(Iterator<Batch> batches, boolean untilStop) implements Act {}

    /**
     * Shows the model's {@code n} largest weights with the feature texts seen for each, as
     * {@code GET /models/{id}/features?top=n} answers (named features only).
     *
     * @param narration printed before them
     * @param n         how many
     */
    record Top(String narration, int n) implements Act {}

    /**
     * Records sent together.
     *
     * @param narration printed before the batch is sent; empty for none
     * @param note      what the round lines caused by this batch say about it, e.g. {@code new concept}
     * @param messages  the records, in the order sent
     * @param gapMs     how far the records' timestamps move on before the batch, in milliseconds (they
     *                  grow by one per record anyway): e.g. labels that come a second after their requests
     */
    record Batch(String narration, String note, List<Message> messages, long gapMs) {

        /** Copies the messages. */
        Batch {
            messages = List.copyOf(messages);
        }

        /** A batch whose timestamps follow on from the last batch's. */
        Batch(final String narration, final String note, final List<Message> messages) {
            this(narration, note, messages, 0L);
        }
    }

    /**
     * One input record for the scenario's model.
     *
     * @param source   the input it goes to
     * @param value    its value, as a producer writes it
     * @param question for a record on {@code predict}, how to show its answer; null otherwise
     */
    record Message(Source source, byte[] value, Question question) {}

    /**
     * A prediction request the narration follows.
     *
     * @param id    the request's {@code id} as JSON text, as the learner echoes it
     * @param shown how the request is shown, e.g. {@code x [1.0, 0.0, 0.0]}
     * @param truth the true value, shown next to the prediction
     */
    record Question(String id, String shown, double truth) {}

    /**
     * A linear concept {@code y = w·x + b}.
     *
     * @param weights the true weights
     * @param bias    the true bias
     */
    record Concept(double[] weights, double bias) {

        /** The concept's value at {@code x}, without noise. */
        double at(final double[] x) {
            double y = bias;
            for (int i = 0; i < x.length; i++) {
                y += weights[i] * x[i];
            }
            return y;
        }

        /** E.g. {@code y = 1.5·x1 - 2.0·x2 + 0.5·x3 + 0.3}. */
        String formula() {
            final StringBuilder text =
                    new StringBuilder("y = ").append(weights[0]).append("·x1");
            for (int i = 1; i < weights.length; i++) {
                text.append(weights[i] < 0 ? " - " : " + ")
                        .append(Math.abs(weights[i]))
                        .append("·x")
                        .append(i + 1);
            }
            return text.append(bias < 0 ? " - " : " + ").append(Math.abs(bias)).toString();
        }
    }
}
