package io.onlinelearner.model;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;

/**
 * Parses the JSON values of {@code train}, {@code validation} and {@code predict} in named-features
 * mode: {@code {"features": {...}, "y": 1}} and {@code {"features": {...}, "id": ...}}. The
 * document checks, {@code y} and the echoed {@code id} are those of {@link RecordParser}; the
 * {@code features} object is read by a {@link FeaturesReader} given by the caller (the hashing
 * lives in its own package, which this one does not know). A value without {@code features} is
 * rejected as {@code bad-features}; unknown fields (an {@code x} included) are skipped.
 *
 * <p>Instances keep scratch state and are not thread-safe: one per processor.
 *
 * @param <F> what the features object is read into
 */
public final class NamedRecordParser<F> {

    /**
     * Reads a {@code features} value.
     *
     * @param <F> what it is read into
     */
    @FunctionalInterface
    public interface FeaturesReader<F> {
        /**
         * Reads the value whose first token, {@code token}, the parser stands on, up to and
         * including its last token.
         *
         * @throws RecordRejectedException for a value that is not valid features
         */
        F read(JsonParser parser, JsonToken token) throws IOException;
    }

    /**
     * One training or validation record.
     *
     * @param features the features read
     * @param y        the label, finite
     * @param <F>      what the features were read into
     */
    public record Labelled<F>(F features, double y) {}

    /**
     * One prediction request.
     *
     * @param features the features read
     * @param idJson   the {@code id} as its JSON text, or null when absent (see {@link RecordParser#parsePredict})
     * @param <F>      what the features were read into
     */
    public record Request<F>(F features, String idJson) {}

    private static final String FEATURES = "features";

    private final JsonDocuments documents;
    private final FeaturesReader<F> reader;
    private final JsonDocuments.Body<Labelled<F>> exampleBody = this::readExample;
    private final JsonDocuments.Body<Request<F>> predictBody = this::readPredict;

    /** A parser of records of at most {@code maxFeatures} features, reading features with {@code reader}. */
    public NamedRecordParser(final int maxFeatures, final FeaturesReader<F> reader) {
        this.documents = new JsonDocuments(maxFeatures);
        this.reader = reader;
    }

    /**
     * Parses one training or validation value.
     *
     * @throws RecordRejectedException {@code NULL_VALUE}, {@code NOT_JSON}, {@code NOT_AN_OBJECT},
     *                                 {@code BAD_FEATURES}, {@code MISSING_Y}, {@code NOT_NUMERIC},
     *                                 {@code NOT_FINITE}, or what the features reader rejects
     */
    public Labelled<F> parse(final byte[] value) {
        return documents.read(value, exampleBody);
    }

    /**
     * Parses one {@code predict} value; a {@code y} is ignored.
     *
     * @throws RecordRejectedException as {@link #parse}, less the label's reasons
     */
    public Request<F> parsePredict(final byte[] value) {
        return documents.read(value, predictBody);
    }

    private Labelled<F> readExample(final JsonParser parser, final byte[] value) throws IOException {
        F features = null;
        double y = Double.NaN;
        boolean hasY = false;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            final String name = parser.currentName();
            final JsonToken token = parser.nextToken();
            if (FEATURES.equals(name)) {
                features = reader.read(parser, token);
            } else if ("y".equals(name)) {
                y = JsonDocuments.readNumber(parser, token, "y", -1);
                hasY = true;
            } else {
                JsonDocuments.skipValue(parser, token);
            }
        }
        if (features == null) {
            throw missingFeatures();
        }
        if (!hasY) {
            throw new RecordRejectedException(RejectionReason.MISSING_Y, "the object has no field \"y\"");
        }
        return new Labelled<>(features, y);
    }

    private Request<F> readPredict(final JsonParser parser, final byte[] value) throws IOException {
        F features = null;
        String id = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            final String name = parser.currentName();
            final JsonToken token = parser.nextToken();
            if (FEATURES.equals(name)) {
                features = reader.read(parser, token);
            } else if ("id".equals(name)) {
                id = JsonDocuments.readRawValue(parser, token, value, "id");
            } else {
                JsonDocuments.skipValue(parser, token);
            }
        }
        if (features == null) {
            throw missingFeatures();
        }
        return new Request<>(features, id);
    }

    private static RecordRejectedException missingFeatures() {
        return new RecordRejectedException(RejectionReason.BAD_FEATURES, "the object has no field \"features\"");
    }
}
