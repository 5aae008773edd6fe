package io.onlinelearner.model;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;

/**
 * Parses the JSON values of the {@code labels} topic, {@code {"id": ..., "y": 4.0}}, into a
 * {@link Label}: a value of the plain shape straight from its bytes ({@link PlainJsonScanner}), any
 * other with Jackson, to the same result. The {@code id} is kept as its JSON text exactly as it stands in the value (a
 * string with its quotes), as {@link RecordParser} keeps a prediction's; unknown fields are
 * skipped. A missing or null {@code id} is {@code MISSING_ID}; {@code y} is read as a training
 * record's. Not thread-safe: use one per processor.
 */
public final class LabelParser {

    private final PlainJsonScanner plain;
    private final JsonDocuments documents;
    private final JsonDocuments.Body<Label> body = this::readLabel;

    /** A parser with the read limits of records with at most {@code maxFeatures} features. */
    public LabelParser(final int maxFeatures) {
        this(maxFeatures, true);
    }

    /** A parser that reads every value with Jackson, for tests that hold the plain scanner to it. */
    static LabelParser jacksonOnly(final int maxFeatures) {
        return new LabelParser(maxFeatures, false);
    }

    private LabelParser(final int maxFeatures, final boolean scanPlain) {
        this.plain = scanPlain ? new PlainJsonScanner(maxFeatures) : null;
        this.documents = new JsonDocuments(maxFeatures);
    }

    /**
     * Parses one {@code labels} value.
     *
     * @param value the raw bytes, UTF-8 JSON; null is rejected
     * @throws RecordRejectedException {@code NULL_VALUE}, {@code NOT_JSON}, {@code NOT_AN_OBJECT},
     *                                 {@code MISSING_ID}, {@code MISSING_Y}, {@code NOT_NUMERIC},
     *                                 {@code NOT_FINITE}
     */
    public Label parse(final byte[] value) {
        final Label scanned = plain == null ? null : plain.label(value);
        return scanned != null ? scanned : documents.read(value, body);
    }

    private Label readLabel(final JsonParser parser, final byte[] value) throws IOException {
        String id = null;
        double y = Double.NaN;
        boolean hasY = false;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            final String name = parser.currentName();
            final JsonToken token = parser.nextToken();
            if ("id".equals(name)) {
                id = token == JsonToken.VALUE_NULL ? null : JsonDocuments.readRawValue(parser, token, value, "id");
            } else if ("y".equals(name)) {
                y = JsonDocuments.readNumber(parser, token, "y", -1);
                hasY = true;
            } else {
                JsonDocuments.skipValue(parser, token);
            }
        }
        if (id == null) {
            throw new RecordRejectedException(RejectionReason.MISSING_ID, "the label has no \"id\" (or a null one)");
        }
        if (!hasY) {
            throw new RecordRejectedException(RejectionReason.MISSING_Y, "the object has no field \"y\"");
        }
        return new Label(id, y);
    }
}
