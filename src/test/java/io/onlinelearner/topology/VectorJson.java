package io.onlinelearner.topology;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.onlinelearner.config.TestTopics;
import io.onlinelearner.learner.ModelState;
import io.onlinelearner.model.TrainingTopic;
import io.onlinelearner.serde.LineageNames;
import io.onlinelearner.vectors.SharedVector;
import java.util.ArrayList;
import java.util.List;

/**
 * Compares what the topology published with what a lifecycle vector expects: the vector writes
 * {@code trainedThrough} as the offset on one partition of {@code train}, the learner as
 * {@code {"topic", "partition", "offset"}};
 * everything else is compared field by field, texts and integers exactly, reals within the file's
 * tolerance.
 */
public final class VectorJson {

    private VectorJson() {}

    /**
     * {@code outputs} of a learner reading the default topics as they would read with the topics
     * named {@code names}: each lineage's topic renamed.
     */
    public static List<JsonNode> withLineage(final LineageNames names, final List<JsonNode> outputs) {
        return outputs.stream()
                .map(output -> {
                    final JsonNode lineage = output.path("trainedThrough");
                    if (!lineage.isObject()) {
                        return output;
                    }
                    final ObjectNode copy = output.deepCopy();
                    final String topic = lineage.path("topic").asText();
                    ((ObjectNode) copy.path("trainedThrough"))
                            .put(
                                    "topic",
                                    topic.equals(TestTopics.DEFAULT_LINEAGE.train())
                                            ? names.train()
                                            : topic.equals(TestTopics.DEFAULT_LINEAGE.labels())
                                                    ? names.labels()
                                                    : topic);
                    return (JsonNode) copy;
                })
                .toList();
    }

    /**
     * {@code output} with its lineage as the vector writes it (the topic must be {@code train} and
     * the partition 0), without {@code drop}.
     */
    public static ObjectNode asVector(final JsonNode output, final String... drop) {
        return asVector(TrainingTopic.TRAIN, output, drop);
    }

    /**
     * {@code output} with its lineage as the vector writes it, an offset on partition 0 of
     * {@code topic} (which the lineage must name), without {@code drop}.
     */
    public static ObjectNode asVector(final TrainingTopic topic, final JsonNode output, final String... drop) {
        return asVector(TestTopics.DEFAULT_LINEAGE, topic, output, drop);
    }

    /** As {@link #asVector(TrainingTopic, JsonNode, String...)}, the topics named by {@code names}. */
    public static ObjectNode asVector(
            final LineageNames names, final TrainingTopic topic, final JsonNode output, final String... drop) {
        final ObjectNode copy = output.deepCopy();
        final JsonNode lineage = copy.path("trainedThrough");
        if (lineage.isObject()) {
            assertThat(lineage.path("topic").asText()).as("topic of %s", output).isEqualTo(names.of(topic));
            assertThat(lineage.path("partition").asInt())
                    .as("partition of %s", output)
                    .isZero();
            copy.put("trainedThrough", lineage.path("offset").asLong());
        }
        for (final String field : drop) {
            copy.remove(field);
        }
        return copy;
    }

    /**
     * A hashed model's event as the {@code hashed} vector lists it: lineage as an offset, only the
     * non-zero weights, and a stop signal without {@code "features"}, which the contract adds to a
     * hashed model's stop signal (it must be {@code features}, 2^bits) and the vector leaves out.
     */
    public static ObjectNode asHashedVectorEvent(final LineageNames names, final JsonNode event, final int features) {
        final ObjectNode copy = nonZeroWeights(asVector(names, TrainingTopic.TRAIN, event));
        if ("STOPPED".equals(copy.path("event").asText())) {
            assertThat(copy.path("features").isInt())
                    .as("features of %s", event)
                    .isTrue();
            assertThat(copy.path("features").asInt())
                    .as("features of %s", event)
                    .isEqualTo(features);
            copy.remove("features");
        }
        return copy;
    }

    /**
     * {@code output} with only its non-zero weights when {@code weights} is an object (a hashed
     * model's), as the {@code hashed} vector lists them; unchanged otherwise.
     */
    public static ObjectNode nonZeroWeights(final ObjectNode output) {
        final JsonNode weights = output.path("weights");
        if (weights.isObject()) {
            final ObjectNode kept = output.objectNode();
            weights.fields().forEachRemaining(e -> {
                if (e.getValue().asDouble() != 0.0) {
                    kept.set(e.getKey(), e.getValue());
                }
            });
            output.set("weights", kept);
        }
        return output;
    }

    /** Asserts that the lists match element by element. */
    public static void assertSameJson(
            final SharedVector vector,
            final String what,
            final List<? extends JsonNode> actual,
            final JsonNode expected) {
        assertThat(actual).as(what + " count").hasSize(expected.size());
        for (int i = 0; i < actual.size(); i++) {
            assertSame(vector, what + "[" + i + "]", actual.get(i), expected.get(i));
        }
    }

    /** Same keys, equal texts, booleans, nulls and integers, reals within tolerance. */
    public static void assertSame(
            final SharedVector vector, final String at, final JsonNode actual, final JsonNode expected) {
        if (expected.isNull()) {
            assertThat(actual.isNull()).as("%s: %s is null", at, actual).isTrue();
        } else if (expected.isObject()) {
            assertThat(names(actual)).as(at + " fields").containsExactlyInAnyOrderElementsOf(names(expected));
            expected.fieldNames()
                    .forEachRemaining(k -> assertSame(vector, at + "." + k, actual.path(k), expected.path(k)));
        } else if (expected.isArray()) {
            assertThat(actual.size()).as(at).isEqualTo(expected.size());
            for (int i = 0; i < expected.size(); i++) {
                assertSame(vector, at + "[" + i + "]", actual.get(i), expected.get(i));
            }
        } else if (expected.isFloatingPointNumber() || actual.isFloatingPointNumber()) {
            assertThat(actual.isNumber()).as("%s: %s is a number", at, actual).isTrue();
            assertThat(vector.close(actual.asDouble(), expected.asDouble()))
                    .as("%s: %s vs %s", at, actual, expected)
                    .isTrue();
        } else if (expected.isIntegralNumber()) {
            assertThat(actual.isIntegralNumber())
                    .as("%s: %s is an integer", at, actual)
                    .isTrue();
            assertThat(actual.asLong()).as(at).isEqualTo(expected.asLong());
        } else {
            assertThat(actual).as(at).isEqualTo(expected);
        }
    }

    /**
     * The expected predictions as an Avro run echoes them: Avro ids are strings, so a numeric id of
     * the file was produced as its string form ({@code 3.5} as {@code "3.5"}) and comes back so.
     */
    public static JsonNode idsAsAvroStrings(final JsonNode predictions) {
        final ArrayNode copy = predictions.deepCopy();
        for (final JsonNode p : copy) {
            if (p.has("id") && !p.path("id").isTextual()) {
                ((ObjectNode) p).set("id", TextNode.valueOf(p.path("id").toString()));
            }
        }
        return copy;
    }

    private static List<String> names(final JsonNode node) {
        final List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /**
     * A labels vector's checkpoint as the learner stands after {@code after} events: the model's
     * status, updates, generation, rate and last round ({@code initialLr} and NEW for a model with
     * no state), and how many events, predictions, outcomes and dead letters came so far.
     */
    public static ObjectNode labelsCheckpoint(
            final ModelState state, final double initialLr, final int after, final int... counts) {
        final ObjectNode actual = new ObjectMapper()
                .createObjectNode()
                .put("after", after)
                .put("status", state == null ? "NEW" : state.status().name())
                .put("updates", state == null ? 0 : state.published().updates())
                .put("generation", state == null ? 0 : state.generation())
                .put("lr", state == null ? initialLr : state.lr());
        actual.set(
                "round",
                state == null || state.round().last() == null
                        ? actual.nullNode()
                        : actual.numberNode(state.round().last()));
        return actual.put("events", counts[0])
                .put("predictions", counts[1])
                .put("outcomes", counts[2])
                .put("dead", counts[3]);
    }
}
