package io.onlinelearner.serde;

import io.onlinelearner.labels.ServedOutcome;

/** The JSON of labels that come later: one record on {@code outcomes}. */
public final class LabelsJson {

    private LabelsJson() {}

    /**
     * {@code {"model", "id", "prediction", "y", "loss", "parameters", "updates", "generation",
     * "delayMs"}}; {@code id} is the request's own JSON text, as its prediction echoed it.
     */
    public static byte[] outcome(final ServedOutcome o) {
        return JsonCodec.write(JsonCodec.object(g -> {
            g.writeStringField("model", o.model());
            g.writeFieldName("id");
            g.writeRawValue(o.idJson());
            g.writeNumberField("prediction", o.prediction());
            g.writeNumberField("y", o.y());
            g.writeNumberField("loss", o.loss());
            g.writeStringField("parameters", o.parameters().wireName());
            g.writeNumberField("updates", o.updates());
            g.writeNumberField("generation", o.generation());
            g.writeNumberField("delayMs", o.delayMs());
        }));
    }
}
