package io.onlinelearner.learner;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.onlinelearner.model.DoubleVector;
import io.onlinelearner.model.Position;
import io.onlinelearner.stopping.Weights;

/**
 * The core's events and predictions as the JSON the vectors expect (with the vector's notion of
 * {@code trainedThrough}: the offset on partition 0), for comparing field by field in tests.
 */
final class Published {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Published() {}

    static ObjectNode event(final String model, final ControlEvent e) {
        final ObjectNode n = MAPPER.createObjectNode();
        n.put("model", model)
                .put("event", e.event())
                .put("cause", e.cause().wireName())
                .put("generation", e.generation())
                .put("status", e.status().name());
        if (e instanceof ControlEvent.Stopped s) {
            n.set("stoppedRound", s.stoppedRound() == null ? n.nullNode() : n.numberNode(s.stoppedRound()));
            n.set("bestRound", s.bestRound() == null ? n.nullNode() : n.numberNode(s.bestRound()));
            n.set("bestLoss", s.bestLoss() == null ? n.nullNode() : n.numberNode(s.bestLoss()));
            n.put("updates", s.updates());
            n.set("weights", array(((Weights.Dense) s.weights()).theta()));
            n.put("bias", s.bias());
            n.set("trainedThrough", position(s.trainedThrough()));
        } else if (e instanceof ControlEvent.Resumed r) {
            n.put("from", r.from().wireName()).put("updates", r.updates());
        } else if (e instanceof ControlEvent.LrChanged l) {
            n.put("from", l.from()).put("to", l.to());
            if (l.round() != null) {
                n.put("round", l.round());
            }
        } else if (e instanceof ControlEvent.Drift d) {
            n.put("records", d.records()).put("statistic", d.statistic());
        } else if (e instanceof ControlEvent.Ignored i) {
            n.put("command", i.command()).put("reason", i.reason());
        }
        return n;
    }

    static ObjectNode prediction(final Prediction p) {
        final ObjectNode n = MAPPER.createObjectNode();
        if (p.idJson() != null) {
            try {
                n.set("id", MAPPER.readTree(p.idJson()));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        n.put("prediction", p.prediction())
                .put("status", p.status().name())
                .put("parameters", p.parameters().wireName())
                .put("updates", p.updates())
                .put("generation", p.generation());
        n.set("trainedThrough", position(p.trainedThrough()));
        return n;
    }

    static JsonNode position(final Position position) {
        return position == null ? MAPPER.nullNode() : MAPPER.getNodeFactory().numberNode(position.offset());
    }

    static ArrayNode array(final DoubleVector values) {
        final ArrayNode a = MAPPER.createArrayNode();
        for (int i = 0; i < values.length(); i++) {
            a.add(values.get(i));
        }
        return a;
    }
}
