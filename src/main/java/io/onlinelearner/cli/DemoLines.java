package io.onlinelearner.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;

/**
 * How the demo prints what the learner published: one line per round (a snapshot) and one per
 * event on {@code control}, so that the terminal tells the model's story line by line.
 */
final class DemoLines {

    private DemoLines() {}

    /** A round's line from its snapshot, e.g. {@code round  3  loss 0.012345  best ... wait 0  note  STOP}. */
    static String round(final JsonNode snapshot, final String note) {
        final int round = snapshot.path("round").asInt();
        final int bestRound = snapshot.path("bestRound").asInt(round);
        final String stopped = "STOPPED".equals(snapshot.path("status").asText()) ? "  STOP" : "";
        return String.format(
                Locale.ROOT,
                "round %3d  loss %10s  best %10s (round %2d)  wait %d  lr %s  %s%s",
                round,
                number(snapshot.path("roundLoss")),
                number(snapshot.path("bestLoss")),
                bestRound,
                round - bestRound,
                snapshot.path("lr").asText(),
                note,
                stopped);
    }

    /** An event's line, e.g. {@code event DRIFT (drift): statistic 63.2 after 712 training losses}. */
    static String event(final JsonNode e) {
        final String head =
                "event " + e.path("event").asText() + " (" + e.path("cause").asText() + "): ";
        return switch (e.path("event").asText()) {
            case "STOPPED" ->
                head + "stopped at round " + e.path("stoppedRound").asText() + ", frozen to the best "
                        + "round " + e.path("bestRound").asText() + " (loss " + number(e.path("bestLoss")) + ", "
                        + e.path("updates").asLong() + " updates), generation "
                        + e.path("generation").asLong();
            case "DRIFT" ->
                head
                        + String.format(
                                Locale.ROOT,
                                "Page-Hinkley statistic %.1f after %d training losses; " + "the model is %s",
                                e.path("statistic").asDouble(),
                                e.path("records").asLong(),
                                e.path("status").asText());
            case "RESUMED" ->
                head + "from " + e.path("from").asText() + " ("
                        + e.path("updates").asLong() + " updates), generation "
                        + e.path("generation").asLong() + ", "
                        + e.path("status").asText();
            case "LR_CHANGED" ->
                head + "learning rate " + e.path("from").asText() + " -> "
                        + e.path("to").asText();
            default -> head + e;
        };
    }

    /** A loss with six decimals, or {@code -} when absent. */
    static String number(final JsonNode value) {
        return value.isNumber() ? String.format(Locale.ROOT, "%.6f", value.asDouble()) : "-";
    }
}
