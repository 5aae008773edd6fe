package io.onlinelearner.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.onlinelearner.cli.Scenario.Concept;
import io.onlinelearner.cli.Scenario.Question;
import io.onlinelearner.serde.JsonCodec;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Tells the model's story from what the learner published: one line per round (a snapshot on
 * {@code models}), one per event on {@code control}, one per answer on {@code predictions}, and at
 * the end the frozen model. A round whose loss is below the best without improving on it says why:
 * early stopping counts a round as better only when its loss is lower by more than min-delta.
 */
final class Narrator {

    /** Outcomes shown before only those of followed questions are. */
    static final int OUTCOMES_SHOWN = 3;

    private final PrintWriter out;
    private final double minDelta;
    private final Map<String, Question> questions = new HashMap<>();
    private final List<String> events = new ArrayList<>();
    private JsonNode lastStop;
    private String stopSignal;
    private String stoppedSnapshot;
    private int outcomesShown;

    /** Prints to {@code out}; {@code minDelta} is the model's early-stopping min-delta. */
    Narrator(final PrintWriter out, final double minDelta) {
        this.out = out;
        this.minDelta = minDelta;
    }

    /** Prints {@code text} as it stands. */
    void say(final String text) {
        out.println(text);
    }

    /** Remembers a request sent on {@code predict}, to show its answer. */
    void asked(final Question question) {
        questions.put(question.id(), question);
    }

    /** A snapshot read from {@code models}, caused by a batch with {@code note}. */
    void snapshot(final JsonNode snapshot, final String json, final String note) {
        if ("STOPPED".equals(snapshot.path("status").asText())) {
            stoppedSnapshot = json;
        }
        out.println(snapshot.path("round").isNumber() ? round(snapshot, note) : "snapshot " + json);
    }

    /** An event read from {@code control}. */
    void event(final JsonNode event, final String json) {
        events.add(event.path("event").asText() + " (" + event.path("cause").asText() + ")");
        if ("STOPPED".equals(event.path("event").asText())) {
            lastStop = event;
            stopSignal = json;
        }
        out.println(eventLine(event));
    }

    /** An answer read from {@code predictions}: shown when it answers a followed question. */
    void prediction(final JsonNode prediction) {
        final Question question = questions.get(prediction.path("id").toString());
        if (question == null) {
            return;
        }
        out.println(String.format(
                Locale.ROOT,
                "  %-18s prediction %10.6f   true %10.6f   (%s parameters, %d updates)",
                question.shown(),
                prediction.path("prediction").asDouble(),
                question.truth(),
                prediction.path("parameters").asText(),
                prediction.path("updates").asLong()));
    }

    /**
     * A served prediction joined to its label, read from {@code outcomes}: the first
     * {@value #OUTCOMES_SHOWN} of the stream are shown, then those of followed questions.
     */
    void outcome(final JsonNode outcome) {
        if (outcomesShown >= OUTCOMES_SHOWN
                && !questions.containsKey(outcome.path("id").toString())) {
            return;
        }
        outcomesShown++;
        out.println(String.format(
                Locale.ROOT,
                "  outcome id %-8s served %10.6f   label %10.6f   loss %10.6f   (%s parameters, %d updates; "
                        + "label %d ms after the request)",
                outcome.path("id"),
                outcome.path("prediction").asDouble(),
                outcome.path("y").asDouble(),
                outcome.path("loss").asDouble(),
                outcome.path("parameters").asText(),
                outcome.path("updates").asLong(),
                outcome.path("delayMs").asLong()));
    }

    /**
     * The answer of {@code GET /models/{id}/features?top=n}: one line per weight, largest first, e.g.
     * {@code   +2.981234  user^plan=pro*item^cat=games  (index 117)}.
     */
    void topFeatures(final JsonNode top) {
        for (final JsonNode entry : top) {
            final List<String> names = new ArrayList<>();
            entry.path("names").forEach(n -> names.add(n.asText()));
            out.println(String.format(
                    Locale.ROOT,
                    "  %+10.6f  %s  (index %d)",
                    entry.path("weight").asDouble(),
                    names.isEmpty() ? "-" : String.join(" | ", names),
                    entry.path("index").asLong()));
        }
    }

    /**
     * Prints the last stop's frozen model next to {@code truth}, the events, and the last stopped
     * snapshot and stop signal as published; nothing but a note when the model never stopped. With
     * named features ({@code truth} null, {@code weights} an object) it counts the weights touched.
     */
    void conclude(final Concept truth, final String controlTopic, final String modelsTopic) {
        out.println();
        if (lastStop == null) {
            out.println("The model did not stop. Events on " + controlTopic + ": " + String.join(", ", events));
            return;
        }
        final JsonNode signal = lastStop;
        out.println("Stopped at round " + signal.path("stoppedRound").asText() + "; the frozen model is the best "
                + "round's (round " + signal.path("bestRound").asText() + ", loss " + number(signal.path("bestLoss"))
                + "):");
        final JsonNode weights = signal.path("weights");
        out.println((weights.isObject()
                        ? "  " + weights.size() + " weights touched"
                                + (signal.path("features").isNumber() ? " of " + signal.path("features") : "")
                        : "  weights " + json(weights))
                + "  bias " + signal.path("bias").asDouble()
                + "  updates " + signal.path("updates").asLong() + "  generation "
                + signal.path("generation").asLong());
        if (truth != null) {
            out.println("  (true: weights " + Arrays.toString(truth.weights()) + "  bias " + truth.bias() + ")");
        }
        out.println("Events on " + controlTopic + ": " + String.join(", ", events));
        out.println("Frozen snapshot on " + modelsTopic + ": " + stoppedSnapshot);
        out.println("Stop signal on " + controlTopic + ": " + stopSignal);
    }

    /**
     * E.g. {@code round  3  loss 0.012345  best 0.011000 (round  2)  wait 1  lr 0.05  note  STOP}; with
     * labels that come later, the mean served loss follows the loss ({@code served 0.020000}).
     */
    String round(final JsonNode snapshot, final String note) {
        final int round = snapshot.path("round").asInt();
        final int bestRound = snapshot.path("bestRound").asInt(round);
        final JsonNode loss = snapshot.path("roundLoss");
        final JsonNode best = snapshot.path("bestLoss");
        final JsonNode served = snapshot.path("servedLoss");
        final boolean notBetter =
                bestRound != round && loss.isNumber() && best.isNumber() && loss.asDouble() < best.asDouble();
        return String.format(
                Locale.ROOT,
                "round %3d  loss %10s%s  best %10s (round %2d)  wait %d  lr %s%s%s%s",
                round,
                number(loss),
                served.isNumber() ? String.format(Locale.ROOT, "  served %10s", number(served)) : "",
                number(best),
                bestRound,
                round - bestRound,
                snapshot.path("lr").asText(),
                note.isEmpty() ? "" : "  " + note,
                notBetter ? "  not better than the best by min-delta " + minDelta : "",
                "STOPPED".equals(snapshot.path("status").asText()) ? "  STOP" : "");
    }

    /** An event's line, e.g. {@code event DRIFT (drift): Page-Hinkley statistic 63.2 after 712 ...}. */
    static String eventLine(final JsonNode e) {
        final String head =
                "event " + e.path("event").asText() + " (" + e.path("cause").asText() + "): ";
        return head
                + switch (e.path("event").asText()) {
                    case "STOPPED" ->
                        "stopped at round " + e.path("stoppedRound").asText() + ", frozen to the best round "
                                + e.path("bestRound").asText() + " (loss " + number(e.path("bestLoss")) + ", "
                                + e.path("updates").asLong() + " updates), generation "
                                + e.path("generation").asLong();
                    case "DRIFT" ->
                        String.format(
                                Locale.ROOT,
                                "Page-Hinkley statistic %.1f after %d training losses; the model is %s",
                                e.path("statistic").asDouble(),
                                e.path("records").asLong(),
                                e.path("status").asText());
                    case "RESUMED" ->
                        "from " + e.path("from").asText() + " ("
                                + e.path("updates").asLong()
                                + " updates), generation "
                                + e.path("generation").asLong() + ", "
                                + e.path("status").asText();
                    case "LR_CHANGED" ->
                        "learning rate " + e.path("from").asText() + " -> "
                                + e.path("to").asText();
                    default -> json(e);
                };
    }

    /** A loss with six decimals, or {@code -} when absent. */
    static String number(final JsonNode value) {
        return value.isNumber() ? String.format(Locale.ROOT, "%.6f", value.asDouble()) : "-";
    }

    private static String json(final JsonNode node) {
        return new String(JsonCodec.write(g -> g.writeTree(node)), StandardCharsets.UTF_8);
    }
}
