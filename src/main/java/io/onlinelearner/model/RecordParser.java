package io.onlinelearner.model;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import java.io.IOException;
import java.util.Arrays;

/**
 * Parses a record value, {@code {"x": 3.0, "y": 4.0}} or {@code {"x": [1.0, 2.0], "y": 4.0}}, into
 * an {@link Example}, with Jackson's streaming parser under explicit read constraints (nesting
 * depth, number length, document length). Unknown fields are skipped. Anything else is a
 * {@link RecordRejectedException} naming the reason.
 *
 * <p>Field-name canonicalization stays on (Jackson's default): with it off, Jackson decodes a
 * {@code byte[]} through a {@code Reader} instead of its byte-based UTF-8 parser, which costs
 * more than the symbol table saves.
 *
 * <p>Instances keep a scratch buffer for the features and are not thread-safe: use one per
 * processor.
 */
public final class RecordParser {

    /** Deep enough for an object holding arrays, with room for an unknown nested field or two. */
    static final int MAX_NESTING_DEPTH = 8;
    /** Longer than any double's shortest representation, short enough to refuse abuse. */
    static final int MAX_NUMBER_LENGTH = 64;
    private static final int BYTES_PER_FEATURE = 32;
    private static final int DOCUMENT_SLACK = 4096;

    private final JsonFactory factory;
    private final int maxFeatures;
    private double[] scratch = new double[16];

    /** A parser that refuses records with more than {@code maxFeatures} features. */
    public RecordParser(final int maxFeatures) {
        this.maxFeatures = maxFeatures;
        this.factory = JsonFactory.builder()
                .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(MAX_NESTING_DEPTH)
                        .maxNumberLength(MAX_NUMBER_LENGTH)
                        .maxStringLength(BYTES_PER_FEATURE * Math.max(maxFeatures, 1) + DOCUMENT_SLACK)
                        .maxDocumentLength((long) BYTES_PER_FEATURE * maxFeatures + DOCUMENT_SLACK)
                        .build())
                .build();
    }

    /**
     * Parses one record value.
     *
     * @param value the raw bytes, UTF-8 JSON; null is rejected
     * @throws RecordRejectedException for every kind of bad input
     */
    public Example parse(final byte[] value) {
        if (value == null) {
            throw new RecordRejectedException(RejectionReason.NULL_VALUE, "the record has no value");
        }
        try (JsonParser parser = factory.createParser(value)) {
            final Example example = readObject(parser);
            if (parser.nextToken() != null) {
                throw new RecordRejectedException(RejectionReason.NOT_JSON, "trailing content after the JSON object");
            }
            return example;
        } catch (StreamConstraintsException e) {
            throw new RecordRejectedException(RejectionReason.NOT_JSON, "JSON exceeds a read limit: "
                    + e.getOriginalMessage());
        } catch (JsonParseException e) {
            throw new RecordRejectedException(RejectionReason.NOT_JSON, "not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new RecordRejectedException(RejectionReason.NOT_JSON, "unreadable value: " + e.getMessage());
        }
    }

    private Example readObject(final JsonParser parser) throws IOException {
        final JsonToken first = parser.nextToken();
        if (first == null) {
            throw new RecordRejectedException(RejectionReason.NOT_JSON, "the value is empty");
        }
        if (first != JsonToken.START_OBJECT) {
            throw new RecordRejectedException(RejectionReason.NOT_AN_OBJECT,
                    "expected a JSON object, found " + describe(first));
        }
        double[] x = null;
        double y = Double.NaN;
        boolean hasY = false;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            final String name = parser.currentName();
            final JsonToken token = parser.nextToken();
            if ("x".equals(name)) {
                x = readFeatures(parser, token);
            } else if ("y".equals(name)) {
                y = readNumber(parser, token, "y", -1);
                hasY = true;
            } else {
                parser.skipChildren();
            }
        }
        if (x == null) {
            throw new RecordRejectedException(RejectionReason.MISSING_X, "the object has no field \"x\"");
        }
        if (!hasY) {
            throw new RecordRejectedException(RejectionReason.MISSING_Y, "the object has no field \"y\"");
        }
        return new Example(x, y);
    }

    private double[] readFeatures(final JsonParser parser, final JsonToken token) throws IOException {
        if (token != JsonToken.START_ARRAY) {
            return new double[] {readNumber(parser, token, "x", -1)};
        }
        int count = 0;
        JsonToken element;
        while ((element = parser.nextToken()) != JsonToken.END_ARRAY) {
            if (count == maxFeatures) {
                throw new RecordRejectedException(RejectionReason.TOO_MANY_FEATURES,
                        "\"x\" has more than learner.model.max-features = " + maxFeatures + " features");
            }
            if (count == scratch.length) {
                scratch = Arrays.copyOf(scratch, Math.min(Math.max(maxFeatures, 1), 2 * scratch.length));
            }
            scratch[count] = readNumber(parser, element, "x", count);
            count++;
        }
        if (count == 0) {
            throw new RecordRejectedException(RejectionReason.NO_FEATURES, "\"x\" is an empty array");
        }
        return Arrays.copyOf(scratch, count);
    }

    /** Reads field {@code field}, or its element {@code index} when {@code index >= 0}; names it only on error. */
    private static double readNumber(final JsonParser parser, final JsonToken token, final String field,
            final int index) throws IOException {
        if (token != JsonToken.VALUE_NUMBER_INT && token != JsonToken.VALUE_NUMBER_FLOAT) {
            throw new RecordRejectedException(RejectionReason.NOT_NUMERIC,
                    "\"" + name(field, index) + "\" is not a number: found " + describe(token));
        }
        final double value = parser.getDoubleValue();
        if (!Double.isFinite(value)) {
            throw new RecordRejectedException(RejectionReason.NOT_FINITE,
                    "\"" + name(field, index) + "\" is not finite: " + parser.getText());
        }
        return value;
    }

    private static String name(final String field, final int index) {
        return index < 0 ? field : field + "[" + index + "]";
    }

    private static String describe(final JsonToken token) {
        switch (token) {
            case START_OBJECT:
                return "an object";
            case START_ARRAY:
                return "an array";
            case VALUE_STRING:
                return "a string";
            case VALUE_TRUE:
            case VALUE_FALSE:
                return "a boolean";
            case VALUE_NULL:
                return "null";
            default:
                return "a number";
        }
    }
}
