package io.onlinelearner.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.onlinelearner.config.Topics;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * The {@code drift} scenario of the demo, the whole loop: the model learns the first concept and
 * stops early; the frozen model serves a few {@code predict} records (printed next to the true
 * values); then training and validation both switch to a new concept, Page-Hinkley fires on the
 * frozen model's training losses, the model resumes from its best snapshot, learns the new concept
 * and stops again with a new best. Prints one line per round (snapshots on {@code models}), every
 * event on {@code control} and the predictions, all read committed, in the order of the input
 * records that caused them (outputs carry their input's timestamp, and the demo's timestamps grow).
 */
final class DriftDemo {

    /** The feature vectors the frozen model is asked about. */
    static final double[][] QUESTIONS = {{1.0, 0.0, 0.0}, {0.0, 1.0, 0.0}, {1.0, 1.0, 1.0}};

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Producer<String, String> producer;
    private final Consumer<String, String> consumer;
    private final Topics topics;
    private final PrintWriter out;
    private final DemoStream stream;
    private final Duration pace;
    private final List<String> events = new ArrayList<>();
    private long timestamp = System.currentTimeMillis();
    private int stops;
    private int sent;
    private int rounds;
    private int answered;
    private boolean finalSnapshot;
    private JsonNode lastStop;

    /** A scenario sending with {@code producer}, reading with {@code consumer} (assigned to the outputs). */
    DriftDemo(
            final Producer<String, String> producer,
            final Consumer<String, String> consumer,
            final Topics topics,
            final PrintWriter out,
            final long seed,
            final Duration pace) {
        this.producer = producer;
        this.consumer = consumer;
        this.topics = topics;
        this.out = out;
        this.stream = new DemoStream(seed);
        this.pace = pace;
    }

    /** The events seen on {@code control}, in order, e.g. {@code STOPPED (early-stopping)}. */
    List<String> events() {
        return List.copyOf(events);
    }

    /**
     * Runs the loop until the second stop; false when {@code deadline} (nano time) passed or the
     * learner failed. Each block closes one round (once the model trains), and the next block is sent
     * only once that round's snapshot was read: the stream, and so every number printed, is the same
     * on every run for one seed, however fast the machine.
     */
    boolean run(final long deadline, final BooleanSupplier failed) {
        long nextBlock = System.nanoTime();
        boolean asked = false;
        boolean changed = false;
        while (stops < 2 || !finalSnapshot) {
            if (System.nanoTime() > deadline || failed.getAsBoolean()) {
                return false;
            }
            if (stops >= 1 && !asked) {
                ask();
                asked = true;
            }
            final boolean serving = stops == 1 && answered < QUESTIONS.length;
            final boolean settled = rounds == sent || stops == 1 && !changed;
            if (!serving && settled && stream.hasNext() && System.nanoTime() >= nextBlock) {
                if (stops >= 1 && !changed) {
                    changed = true;
                    out.println();
                    out.println("The world changes: training and validation now follow " + DemoStream.CHANGED.formula()
                            + ".");
                }
                send(stream.next(changed ? DemoStream.CHANGED : DemoStream.ORIGINAL));
                sent++;
                nextBlock = System.nanoTime() + pace.toNanos();
            }
            final List<ConsumerRecord<String, String>> polled = new ArrayList<>();
            consumer.poll(Duration.ofMillis(50)).forEach(polled::add);
            polled.sort(Comparator.comparingLong(ConsumerRecord::timestamp));
            for (final ConsumerRecord<String, String> record : polled) {
                show(record.topic(), parse(record.value()));
            }
        }
        printResult();
        return true;
    }

    private void ask() {
        out.println();
        out.println("Serving the frozen model: " + QUESTIONS.length + " records on " + topics.predict()
                + ", answers on " + topics.predictions() + " (true values of " + DemoStream.ORIGINAL.formula() + "):");
        for (int i = 0; i < QUESTIONS.length; i++) {
            final double[] x = QUESTIONS[i];
            producer.send(new ProducerRecord<>(
                    topics.predict(),
                    null,
                    timestamp++,
                    DemoCommand.MODEL,
                    String.format(Locale.ROOT, "{\"x\":[%s,%s,%s],\"id\":%d}", x[0], x[1], x[2], i)));
        }
        producer.flush();
    }

    private void send(final DemoStream.Block block) {
        for (final String json : block.train()) {
            producer.send(new ProducerRecord<>(topics.train(), null, timestamp++, DemoCommand.MODEL, json));
        }
        producer.flush();
        for (final String json : block.validation()) {
            producer.send(new ProducerRecord<>(topics.validation(), null, timestamp++, DemoCommand.MODEL, json));
        }
        producer.flush();
    }

    private void show(final String topic, final JsonNode value) {
        if (topic.equals(topics.models())) {
            rounds++;
            out.println(
                    DemoLines.round(value, value.path("generation").asLong() > 0 ? "new concept" : "first concept"));
            if ("STOPPED".equals(value.path("status").asText())
                    && value.path("generation").asLong() > 0) {
                finalSnapshot = true;
            }
        } else if (topic.equals(topics.control())) {
            events.add(value.path("event").asText() + " (" + value.path("cause").asText() + ")");
            out.println(DemoLines.event(value));
            if ("STOPPED".equals(value.path("event").asText())) {
                stops++;
                lastStop = value;
            }
        } else if (topic.equals(topics.predictions())) {
            final int id = value.path("id").asInt();
            final double[] x = QUESTIONS[id];
            answered++;
            out.println(String.format(
                    Locale.ROOT,
                    "  x %-16s prediction %10.6f   true %10.6f   (%s parameters, %d " + "updates)",
                    Arrays.toString(x),
                    value.path("prediction").asDouble(),
                    DemoStream.ORIGINAL.at(x),
                    value.path("parameters").asText(),
                    value.path("updates").asLong()));
        }
    }

    private void printResult() {
        final JsonNode s = lastStop;
        out.println();
        out.println("Stopped again at round " + s.path("stoppedRound").asText() + "; the frozen model is the new best "
                + "(round " + s.path("bestRound").asText() + ", loss " + DemoLines.number(s.path("bestLoss")) + "):");
        out.println("  weights " + s.path("weights") + "  bias "
                + s.path("bias").asDouble() + "  updates " + s.path("updates").asLong() + "  generation "
                + s.path("generation").asLong());
        out.println("  (true now: weights " + Arrays.toString(DemoStream.CHANGED.weights()) + "  bias "
                + DemoStream.CHANGED.bias() + ")");
        out.println("Events on " + topics.control() + ": " + String.join(", ", events));
    }

    private static JsonNode parse(final String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException("unexpected output from the learner: " + json, e);
        }
    }
}
