package io.onlinelearner.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns JMH's JSON results ({@code -rf json}) into the README's tables: ns per update and per
 * parameter for the learner's Adam, its whole training step and Tribuo's
 * Adam, with the ratios to Tribuo; then the parse (JSON, Avro) and the serde round trip.
 * Usage: {@code java -cp target/benchmarks.jar io.onlinelearner.bench.JmhReport target/jmh.json}.
 */
public final class JmhReport {

    private JmhReport() {}

    /** Prints the tables for the JSON file named by the first argument. */
    public static void main(final String[] args) throws IOException {
        final Map<String, Map<Integer, double[]>> scores = new TreeMap<>();
        for (final JsonNode result : new ObjectMapper().readTree(new File(args[0]))) {
            final String name = result.get("benchmark").asText().replaceAll(".*\\.", "");
            final int d = result.get("params").get("d").asInt();
            final JsonNode metric = result.get("primaryMetric");
            scores.computeIfAbsent(name, k -> new TreeMap<>()).put(d, new double[] {
                metric.get("score").asDouble(), metric.get("scoreError").asDouble()
            });
        }
        System.out.println("| d | learner Adam.step ns/update | ns/parameter | Tribuo Adam ns/update | ns/parameter "
                + "| learner / Tribuo | learner train ns/record | ns/parameter |");
        System.out.println("|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (final Map.Entry<Integer, double[]> e :
                scores.getOrDefault("learnerAdamStep", Map.of()).entrySet()) {
            final int d = e.getKey();
            final double[] learner = e.getValue();
            final double[] tribuo = scores.get("tribuoAdamStep").get(d);
            final double[] train = scores.get("learnerTrain").get(d);
            System.out.printf(
                    Locale.ROOT,
                    "| %,d | %s | %.2f | %s | %.2f | %.2f | %s | %.2f |%n",
                    d,
                    cell(learner),
                    learner[0] / d,
                    cell(tribuo),
                    tribuo[0] / d,
                    learner[0] / tribuo[0],
                    cell(train),
                    train[0] / (d + 1));
        }
        System.out.println();
        System.out.println("| benchmark | d | ns/op |");
        System.out.println("|---|---:|---:|");
        final Map<String, String> labels = new LinkedHashMap<>();
        labels.put("parse", "RecordParser.parse (JSON)");
        labels.put("parseAvro", "InputParser.parseExample (Avro)");
        labels.put("parseAvroGeneric", "Avro BinaryMessageDecoder, GenericRecord");
        labels.put("roundTrip", "ModelStateSerde round trip");
        labels.forEach((name, label) -> scores.getOrDefault(name, Map.of())
                .forEach((d, score) -> System.out.printf(Locale.ROOT, "| %s | %,d | %s |%n", label, d, cell(score))));
    }

    private static String cell(final double[] score) {
        return String.format(Locale.ROOT, "%,.0f ± %,.0f", score[0], Double.isNaN(score[1]) ? 0.0 : score[1]);
    }
}
