package io.onlinelearner.model;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;

/**
 * Parses the JSON values of the {@code train}, {@code validation} and {@code predict} topics:
 * {@code {"x": 3.0, "y": 4.0}} or {@code {"x": [1.0, 2.0], "y": 4.0}} into an {@link Example}, and
 * {@code {"x": [...], "id": ...}} into a {@link PredictRequest}. A value of the plain shape is read
 * straight from its bytes ({@link PlainJsonScanner}); any other is read by Jackson's streaming
 * parser under explicit read constraints (see {@link JsonDocuments}), to the same result. Unknown
 * fields are skipped. Anything else is a {@link RecordRejectedException} naming the reason.
 *
 * <p>Instances keep a scratch buffer for the features and are not thread-safe: use one per
 * processor.
 */
public final class RecordParser {

    private final PlainJsonScanner plain;
    private final JsonDocuments documents;
    private final JsonDocuments.Body<Example> exampleBody = this::readExample;
    private final JsonDocuments.Body<PredictRequest> predictBody = this::readPredict;

    /** A parser that refuses records with more than {@code maxFeatures} features. */
    public RecordParser(final int maxFeatures) {
        this(maxFeatures, true);
    }

    /** A parser that reads every value with Jackson, for tests that hold the plain scanner to it. */
    static RecordParser jacksonOnly(final int maxFeatures) {
        return new RecordParser(maxFeatures, false);
    }

    private RecordParser(final int maxFeatures, final boolean scanPlain) {
        this.plain = scanPlain ? new PlainJsonScanner(maxFeatures) : null;
        this.documents = new JsonDocuments(maxFeatures);
    }

    /**
     * Parses one training or validation value.
     *
     * @param value the raw bytes, UTF-8 JSON; null is rejected
     * @throws RecordRejectedException for every kind of bad input: {@code NULL_VALUE},
     *                                 {@code NOT_JSON}, {@code NOT_AN_OBJECT}, {@code MISSING_X},
     *                                 {@code MISSING_Y}, {@code NOT_NUMERIC}, {@code NOT_FINITE},
     *                                 {@code NO_FEATURES}, {@code TOO_MANY_FEATURES}
     */
    public Example parse(final byte[] value) {
        final Example scanned = plain == null ? null : plain.example(value);
        return scanned != null ? scanned : documents.read(value, exampleBody);
    }

    /**
     * Parses one {@code predict} value, {@code {"x": [...], "id": ...}}. The same classes of bad
     * input as {@link #parse} are rejected, less those of the label: {@code y}, if present, is
     * ignored whatever it holds. The dimension is checked later, against the model's.
     *
     * <p>{@code id} is optional and echoed back exactly as its JSON text stands in the value: a
     * string with its quotes and escapes ({@code "req-1"}), a number as written ({@code 3.5},
     * {@code 1e3}), {@code true}, {@code false}, and {@code null} for an explicit null (a present
     * {@code "id": null} is echoed as {@code null}; only an absent {@code id} gives none). The
     * contract promises the echo for scalars; an object or an array is not a class of bad record
     * it names, so rather than inventing one this parser echoes it too, byte for byte. A
     * {@code NaN} or {@code Infinity} token in the id is rejected as {@code NOT_FINITE}, since it
     * would not echo as valid JSON.
     *
     * @param value the raw bytes, UTF-8 JSON; null is rejected
     * @throws RecordRejectedException for every kind of bad input
     */
    public PredictRequest parsePredict(final byte[] value) {
        final PredictRequest scanned = plain == null ? null : plain.predict(value);
        return scanned != null ? scanned : documents.read(value, predictBody);
    }

    private Example readExample(final JsonParser parser, final byte[] value) throws IOException {
        double[] x = null;
        double y = Double.NaN;
        boolean hasY = false;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            final String name = parser.currentName();
            final JsonToken token = parser.nextToken();
            if ("x".equals(name)) {
                x = documents.readFeatures(parser, token);
            } else if ("y".equals(name)) {
                y = JsonDocuments.readNumber(parser, token, "y", -1);
                hasY = true;
            } else {
                JsonDocuments.skipValue(parser, token);
            }
        }
        if (x == null) {
            throw missingX();
        }
        if (!hasY) {
            throw new RecordRejectedException(RejectionReason.MISSING_Y, "the object has no field \"y\"");
        }
        return new Example(x, y);
    }

    private PredictRequest readPredict(final JsonParser parser, final byte[] value) throws IOException {
        double[] x = null;
        String id = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            final String name = parser.currentName();
            final JsonToken token = parser.nextToken();
            if ("x".equals(name)) {
                x = documents.readFeatures(parser, token);
            } else if ("id".equals(name)) {
                id = JsonDocuments.readRawValue(parser, token, value, "id");
            } else {
                JsonDocuments.skipValue(parser, token);
            }
        }
        if (x == null) {
            throw missingX();
        }
        return new PredictRequest(x, id);
    }

    private static RecordRejectedException missingX() {
        return new RecordRejectedException(RejectionReason.MISSING_X, "the object has no field \"x\"");
    }
}
