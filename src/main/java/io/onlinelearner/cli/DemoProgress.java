package io.onlinelearner.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.onlinelearner.config.Topics;
import io.onlinelearner.serde.JsonCodec;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Follows the demo model on the {@code models} and {@code control} topics (read committed, so it
 * shows only what the learner has committed) and prints one line per round: the round, its loss,
 * the best so far and how many rounds early stopping has waited since. With no baseline and no
 * warm-up, as in the demo, Keras' {@code wait} is the number of rounds since the best one.
 */
final class DemoProgress {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Consumer<String, String> consumer;
    private final Topics topics;
    private final PrintWriter out;
    private JsonNode stoppedSnapshot;
    private String stoppedSnapshotJson;
    private JsonNode stopSignal;
    private String stopSignalJson;

    /** Reads with {@code consumer}, already assigned to the models and control topics. */
    DemoProgress(final Consumer<String, String> consumer, final Topics topics, final PrintWriter out) {
        this.consumer = consumer;
        this.topics = topics;
        this.out = out;
    }

    /** Reads what arrived within {@code timeout} and prints it. */
    void poll(final Duration timeout) {
        for (final ConsumerRecord<String, String> record : consumer.poll(timeout)) {
            final JsonNode value = parse(record.value());
            if (record.topic().equals(topics.control())) {
                stopSignal = value;
                stopSignalJson = record.value();
            } else if (record.topic().equals(topics.models())) {
                out.println(line(value));
                if ("STOPPED".equals(value.path("status").asText())) {
                    stoppedSnapshot = value;
                    stoppedSnapshotJson = record.value();
                }
            }
        }
    }

    /** True once both the stop signal and the stopped snapshot were read. */
    boolean stopped() {
        return stopSignal != null && stoppedSnapshot != null;
    }

    /** Prints the frozen model and the stop signal; call once {@link #stopped()}. */
    void printResult() {
        final JsonNode s = stoppedSnapshot;
        out.println();
        out.println("Stopped at round " + stopSignal.path("stoppedRound").asInt() + "; the frozen model is the best "
                + "round's (round " + s.path("bestRound").asText() + ", loss " + number(s.path("bestLoss")) + "):");
        out.println("  weights " + json(s.path("weights")) + "  bias "
                + s.path("bias").asDouble() + "  updates " + s.path("updates").asLong());
        out.println("  (true: weights " + Arrays.toString(DemoStream.WEIGHTS) + "  bias " + DemoStream.BIAS + ")");
        out.println("Frozen snapshot on " + topics.models() + ": " + stoppedSnapshotJson);
        out.println("Stop signal on " + topics.control() + ": " + stopSignalJson);
    }

    private static String line(final JsonNode snapshot) {
        final int round = snapshot.path("round").asInt();
        final int bestRound = snapshot.path("bestRound").asInt(round);
        final String note = round >= DemoStream.CLEAN_BLOCKS ? "  training labels drifted" : "";
        final String stopped = "STOPPED".equals(snapshot.path("status").asText()) ? "  STOP" : "";
        return String.format(
                Locale.ROOT,
                "round %3d  loss %10s  best %10s (round %2d)  wait %d%s%s",
                round,
                number(snapshot.path("roundLoss")),
                number(snapshot.path("bestLoss")),
                bestRound,
                round - bestRound,
                note,
                stopped);
    }

    private static String number(final JsonNode value) {
        return value.isNumber() ? String.format(Locale.ROOT, "%.6f", value.asDouble()) : "-";
    }

    /** The node as compact JSON, written as the learner writes all of its JSON. */
    private static String json(final JsonNode node) {
        return new String(JsonCodec.write(g -> g.writeTree(node)), StandardCharsets.UTF_8);
    }

    private static JsonNode parse(final String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("unexpected output from the learner: " + json, e);
        }
    }
}
