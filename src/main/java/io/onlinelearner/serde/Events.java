package io.onlinelearner.serde;

import com.fasterxml.jackson.core.JsonGenerator;
import io.onlinelearner.learner.ControlEvent;
import io.onlinelearner.stopping.Weights;
import java.io.IOException;

/**
 * The fields each kind of {@link ControlEvent} adds to the ones every event shares, in the
 * contract's order: kept apart from {@link JsonCodec} so that a new event is one case here.
 * {@code STOPPED}: stoppedRound, bestRound, bestLoss, updates, features (a hashed model's 2^bits
 * only, as its weights are an object of the indices it touched), weights, bias, trainedThrough;
 * {@code RESUMED}: from, updates; {@code LR_CHANGED}: from, to, and round only when the plateau
 * schedule caused it; {@code DRIFT}: records, statistic; {@code IGNORED}: command, reason;
 * {@code EVICTED}: idleMs; {@code RESET}: nothing more.
 */
final class Events {

    private Events() {}

    /** Writes the fields of {@code e} that are its own, a lineage's topic named by {@code names}. */
    static void writeOwnFields(final JsonGenerator g, final ControlEvent e, final LineageNames names)
            throws IOException {
        if (e instanceof ControlEvent.Stopped s) {
            JsonCodec.writeNullable(g, "stoppedRound", s.stoppedRound());
            JsonCodec.writeNullable(g, "bestRound", s.bestRound());
            JsonCodec.writeNullable(g, "bestLoss", s.bestLoss());
            g.writeNumberField("updates", s.updates());
            if (s.weights() instanceof Weights.Sparse) {
                g.writeNumberField("features", s.features());
            }
            JsonCodec.writeWeights(g, s.weights());
            g.writeNumberField("bias", s.bias());
            JsonCodec.writePosition(g, "trainedThrough", s.trainedThrough(), names);
        } else if (e instanceof ControlEvent.Resumed r) {
            g.writeStringField("from", r.from().wireName());
            g.writeNumberField("updates", r.updates());
        } else if (e instanceof ControlEvent.LrChanged l) {
            g.writeNumberField("from", l.from());
            g.writeNumberField("to", l.to());
            if (l.round() != null) {
                g.writeNumberField("round", l.round());
            }
        } else if (e instanceof ControlEvent.Drift d) {
            g.writeNumberField("records", d.records());
            JsonCodec.writeNullable(g, "statistic", d.statistic());
        } else if (e instanceof ControlEvent.Ignored i) {
            g.writeStringField("command", i.command());
            g.writeStringField("reason", i.reason());
        } else if (e instanceof ControlEvent.Evicted v) {
            g.writeNumberField("idleMs", v.idleMs());
        }
    }
}
