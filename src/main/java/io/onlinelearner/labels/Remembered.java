package io.onlinelearner.labels;

import io.onlinelearner.learner.Prediction;
import io.onlinelearner.model.PredictRequest;
import java.util.Arrays;
import java.util.Objects;

/**
 * A served prediction remembered until its label comes: the request's features and the answer it
 * got, as they were when it was served. Requests of one model are ordered by
 * {@link #timestamp()}, then {@link #sequence()} (arrival): the first in that order is the oldest.
 *
 * @param idJson     the request's {@code id} as the JSON text it was echoed with (the join key)
 * @param x          the request's features
 * @param prediction the prediction served
 * @param parameters which parameters served it
 * @param updates    the updates those parameters had absorbed
 * @param generation the model's generation when it was served
 * @param timestamp  the request's record timestamp, in ms
 * @param sequence   the request's arrival order within its task (e.g. its offset), for equal timestamps
 */
public record Remembered(
        String idJson,
        double[] x,
        double prediction,
        Prediction.Answering parameters,
        long updates,
        long generation,
        long timestamp,
        long sequence) {

    /** Checks that there is an id. */
    public Remembered {
        Objects.requireNonNull(idJson, "idJson");
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(parameters, "parameters");
    }

    /**
     * The request to remember for a served prediction, or null when it is not remembered: a request
     * without an {@code id}, or with an explicit {@code "id": null}, has nothing a label could name.
     */
    public static Remembered of(
            final PredictRequest request, final Prediction served, final long timestamp, final long sequence) {
        if (!hasId(request.idJson())) {
            return null;
        }
        return new Remembered(
                request.idJson(),
                request.x(),
                served.prediction(),
                served.parameters(),
                served.updates(),
                served.generation(),
                timestamp,
                sequence);
    }

    /** True when {@code idJson} names something a label can name: present and not JSON {@code null}. */
    public static boolean hasId(final String idJson) {
        return idJson != null && !"null".equals(idJson);
    }

    /** True when this request comes before {@code other} in age order (older timestamp, then earlier arrival). */
    public boolean olderThan(final Remembered other) {
        return timestamp != other.timestamp ? timestamp < other.timestamp : sequence < other.sequence;
    }

    @Override
    public boolean equals(final Object other) {
        return other instanceof Remembered that
                && idJson.equals(that.idJson)
                && Arrays.equals(x, that.x)
                && Double.compare(prediction, that.prediction) == 0
                && parameters == that.parameters
                && updates == that.updates
                && generation == that.generation
                && timestamp == that.timestamp
                && sequence == that.sequence;
    }

    @Override
    public int hashCode() {
        return Objects.hash(idJson, timestamp, sequence) * 31 + Arrays.hashCode(x);
    }

    @Override
    public String toString() {
        return "Remembered[id=" + idJson + ", x=" + Arrays.toString(x) + ", prediction=" + prediction
                + ", parameters=" + parameters + ", updates=" + updates + ", generation=" + generation
                + ", timestamp=" + timestamp + ", sequence=" + sequence + "]";
    }
}
