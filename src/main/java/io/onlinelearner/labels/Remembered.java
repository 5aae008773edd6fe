package io.onlinelearner.labels;

import io.onlinelearner.learner.Prediction;
import io.onlinelearner.model.FeatureVector;
import io.onlinelearner.model.PredictRequest;
import java.util.Objects;

/**
 * A served prediction remembered until its label comes: the request's features and the answer it
 * got, as they were when it was served. Requests of one model are ordered by
 * {@link #timestamp()}, then {@link #sequence()} (arrival): the first in that order is the oldest.
 *
 * @param idJson     the request's {@code id} as the JSON text it was echoed with (the join key)
 * @param features   the request's features: a dense vector, or hashed named features with their texts
 * @param prediction the prediction served
 * @param parameters which parameters served it
 * @param updates    the updates those parameters had absorbed
 * @param generation the model's generation when it was served
 * @param timestamp  the request's record timestamp, in ms
 * @param sequence   the request's arrival order within its task (e.g. its offset), for equal timestamps
 */
public record Remembered(
        String idJson,
        FeatureVector features,
        double prediction,
        Prediction.Answering parameters,
        long updates,
        long generation,
        long timestamp,
        long sequence) {

    /** Checks that there is an id. */
    public Remembered {
        Objects.requireNonNull(idJson, "idJson");
        Objects.requireNonNull(features, "features");
        Objects.requireNonNull(parameters, "parameters");
    }

    /** A remembered dense request {@code x}. */
    public Remembered(
            final String idJson,
            final double[] x,
            final double prediction,
            final Prediction.Answering parameters,
            final long updates,
            final long generation,
            final long timestamp,
            final long sequence) {
        this(idJson, new FeatureVector.Dense(x), prediction, parameters, updates, generation, timestamp, sequence);
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
                request.features(),
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

    /**
     * The dense request's {@code x}.
     *
     * @throws IllegalStateException for hashed features
     */
    public double[] x() {
        if (features instanceof FeatureVector.Dense dense) {
            return dense.x();
        }
        throw new IllegalStateException("a hashed request has no dense vector x");
    }
}
