package io.onlinelearner.vectors;

import com.fasterxml.jackson.databind.JsonNode;
import io.onlinelearner.config.LearnerSettings;
import io.onlinelearner.labels.LabelSettings;
import io.onlinelearner.model.AvroEncoding;
import io.onlinelearner.model.Command;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * A labels file of the shared vectors ({@code labels.json}): a lifecycle file whose records carry
 * timestamps, with requests on {@code predict} and labels on {@code labels}, read as it is.
 */
public final class LabelsVector {

    private final SharedVector vector;

    /** The labels file {@code vector}. */
    public LabelsVector(final SharedVector vector) {
        if (!vector.isLabels()) {
            throw new IllegalArgumentException(vector + " is not a labels file");
        }
        this.vector = vector;
    }

    /** The file itself. */
    public SharedVector vector() {
        return vector;
    }

    /** The file's label settings, with labels on. */
    public LabelSettings settings() {
        final JsonNode l = vector.root().path("labels");
        return new LabelSettings(
                true,
                l.path("ttlMs").asLong(),
                l.path("maxPending").asInt(),
                l.path("holdoutEvery").asInt(),
                l.path("window").asInt(LearnerSettings.LABELS_WINDOW.defaultTyped()));
    }

    /** The file's settings as {@code learner.*} properties, labels included. */
    public Properties properties() {
        final Properties p = vector.properties();
        final LabelSettings s = settings();
        p.setProperty(LearnerSettings.LABELS_ENABLED.key(), "true");
        p.setProperty(LearnerSettings.LABELS_TTL_MS.key(), Long.toString(s.ttlMs()));
        p.setProperty(LearnerSettings.LABELS_MAX_PENDING.key(), Integer.toString(s.maxPending()));
        p.setProperty(LearnerSettings.LABELS_HOLDOUT_EVERY.key(), Integer.toString(s.holdoutEvery()));
        p.setProperty(LearnerSettings.LABELS_WINDOW.key(), Integer.toString(s.window()));
        return p;
    }

    /** The model id of every record. */
    public String modelId() {
        return vector.root().path("modelId").asText();
    }

    /** The records in processing order. */
    public List<Event> events() {
        final List<Event> events = new ArrayList<>();
        for (final JsonNode e : vector.root().path("events")) {
            final String topic = e.path("topic").asText();
            final boolean command = "commands".equals(topic);
            final JsonNode id = e.path("id");
            events.add(new Event(
                    topic,
                    e.has("x") ? SharedVector.doubles(e.path("x")) : null,
                    e.path("y").asDouble(),
                    id.isMissingNode() ? null : id.toString(),
                    command ? SharedVector.command(e.path("command")) : null,
                    command ? e.path("command").toString() : null,
                    e.path("ts").asLong()));
        }
        return events;
    }

    /** What the file expects. */
    public JsonNode expect() {
        return vector.root().path("expect");
    }

    /**
     * One record of a labels file.
     *
     * @param topic       {@code predict}, {@code labels}, {@code commands} (or {@code train}, {@code validation})
     * @param x           the features; null for a label or a command
     * @param y           the label (0 when absent)
     * @param idJson      the {@code id} as JSON text; null when absent
     * @param command     the command of a {@code commands} record, else null
     * @param commandJson the value of a {@code commands} record, else null
     * @param ts          the record's timestamp, in ms
     */
    public record Event(
            String topic, double[] x, double y, String idJson, Command command, String commandJson, long ts) {

        /**
         * The record's value as produced to its topic: JSON, or with {@code avro} Avro single-object
         * encoded (ids as their string form; commands stay JSON).
         */
        public byte[] value(final boolean avro) {
            if (!"labels".equals(topic)) {
                return SharedVector.value(new SharedVector.Input(topic, x, y, idJson, command, commandJson), avro);
            }
            if (avro) {
                return AvroEncoding.encodeLabel(SharedVector.avroId(idJson), y);
            }
            return ("{\"id\":" + idJson + ",\"y\":" + y + "}").getBytes(StandardCharsets.UTF_8);
        }
    }
}
