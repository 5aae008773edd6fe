package io.onlinelearner.serde;

import io.onlinelearner.labels.ModelLabels;
import io.onlinelearner.labels.ServedOutcome;
import io.onlinelearner.learner.Snapshot;

/** The JSON of labels that come later: one record on {@code outcomes}, and snapshots with the model's label counts. */
public final class LabelsJson {

    private LabelsJson() {}

    /**
     * A snapshot with labels on: its fields, then {@code "servedLoss"} (the mean over the window,
     * null before the first outcome) and {@code "pending"} (the requests the model remembers).
     */
    public static JsonCodec.Body value(final Snapshot s, final ModelLabels labels, final LineageNames names) {
        return JsonCodec.object(g -> {
            JsonCodec.snapshotFields(s, names).write(g);
            JsonCodec.writeNullable(g, "servedLoss", labels.servedLoss());
            g.writeNumberField("pending", labels.pending());
        });
    }

    /**
     * {@code {"model", "id", "prediction", "y", "loss", "parameters", "updates", "generation",
     * "delayMs"}}; {@code id} is the request's own JSON text, as its prediction echoed it; a
     * {@code loss} that is not finite (a served prediction far from {@code y}) is null.
     */
    public static JsonCodec.Body outcomeValue(final ServedOutcome o) {
        return JsonCodec.object(g -> {
            g.writeStringField("model", o.model());
            g.writeFieldName("id");
            g.writeRawValue(o.idJson());
            g.writeNumberField("prediction", o.prediction());
            g.writeNumberField("y", o.y());
            JsonCodec.writeNullable(g, "loss", o.loss());
            g.writeStringField("parameters", o.parameters().wireName());
            g.writeNumberField("updates", o.updates());
            g.writeNumberField("generation", o.generation());
            g.writeNumberField("delayMs", o.delayMs());
        });
    }
}
