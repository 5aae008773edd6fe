package io.onlinelearner.model;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.util.BufferRecycler;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import com.fasterxml.jackson.core.util.RecyclerPool;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The JSON reading that every JSON value parser shares: one Jackson factory with explicit read
 * constraints (nesting depth, number length), the checks on the document as a whole (null value,
 * empty, not an object, trailing content, malformed JSON), and the reading of {@code x}, of a
 * number and of an echoed {@code id}. Each parser supplies only the loop over its object's fields,
 * as a {@link Body}.
 *
 * <p>A document's length is bounded before it gets here ({@code learner.input.max-bytes}, see
 * {@link InputParser#forFormat}), so no constraint refuses a valid document for its size: strings
 * and field names of any length within the document are read. Unknown fields are skipped without
 * being copied.
 *
 * <p>Jackson parses the {@code byte[]} with its byte-based UTF-8 parser, which keeps the field names
 * it meets in a symbol table reused from document to document (up to a few thousand names). So that
 * table stays small whatever the documents hold, it takes names of at most {@link #KEPT_NAME_LENGTH}
 * bytes; a document with a longer field name is read again by a parser whose table is dropped
 * afterwards.
 *
 * <p>Instances keep a scratch buffer for the features and are not thread-safe.
 */
final class JsonDocuments {

    /**
     * Jackson's own default: unknown fields are ignored however deeply they nest up to it (an
     * event's metadata, an envelope), and Jackson's streaming parser skips them level by level
     * without recursion; deeper documents are refused as {@code not-json}.
     */
    static final int MAX_NESTING_DEPTH = 1000;
    /**
     * Jackson's own default: a valid number is read or skipped whatever its digits up to it (a
     * double's shortest form has at most 24 characters, but a decimal may be written longer).
     * Decimals are parsed by FastDoubleParser in time linear in their length.
     */
    static final int MAX_NUMBER_LENGTH = 1000;
    /** The longest field name the reused symbol table keeps. */
    static final int KEPT_NAME_LENGTH = 256;

    /** Reads the fields of the value's top-level object; the parser stands on its {@code START_OBJECT}. */
    @FunctionalInterface
    interface Body<T> {
        /** Reads up to and including the object's {@code END_OBJECT}; {@code value} is the whole input. */
        T read(JsonParser parser, byte[] value) throws IOException;
    }

    private final JsonFactory factory;
    private final int maxFeatures;
    private double[] scratch = new double[16];

    /** Documents whose {@code x} has at most {@code maxFeatures} features. */
    JsonDocuments(final int maxFeatures) {
        this.maxFeatures = maxFeatures;
        // Its own pool of Jackson's buffers: an instance serves one processor (one thread).
        this.factory = newFactory(KEPT_NAME_LENGTH, JsonRecyclerPools.newConcurrentDequePool());
    }

    private static JsonFactory newFactory(final int maxNameLength, final RecyclerPool<BufferRecycler> buffers) {
        return JsonFactory.builder()
                .recyclerPool(buffers)
                .disable(JsonFactory.Feature.INTERN_FIELD_NAMES)
                .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(MAX_NESTING_DEPTH)
                        .maxNumberLength(MAX_NUMBER_LENGTH)
                        .maxNameLength(maxNameLength)
                        .maxStringLength(Integer.MAX_VALUE)
                        .maxDocumentLength(-1)
                        .build())
                .build();
    }

    /**
     * Reads one value that must be a single JSON object.
     *
     * @throws RecordRejectedException {@code NULL_VALUE}, {@code NOT_JSON} or {@code NOT_AN_OBJECT}
     *                                 for the document, or whatever {@code body} rejects
     */
    <T> T read(final byte[] value, final Body<T> body) {
        if (value == null) {
            throw new RecordRejectedException(RejectionReason.NULL_VALUE, "the record has no value");
        }
        final int invalid = WellFormedUtf8.firstInvalid(value);
        if (invalid >= 0) {
            throw new RecordRejectedException(
                    RejectionReason.NOT_JSON, "not valid JSON: the byte at " + invalid + " is not well-formed UTF-8");
        }
        try {
            return read(factory, value, body);
        } catch (StreamConstraintsException e) {
            return readWithLongNames(value, body);
        }
    }

    private <T> T readWithLongNames(final byte[] value, final Body<T> body) {
        try {
            return read(newFactory(Integer.MAX_VALUE, JsonRecyclerPools.nonRecyclingPool()), value, body);
        } catch (StreamConstraintsException e) {
            throw new RecordRejectedException(
                    RejectionReason.NOT_JSON, "JSON exceeds a read limit: " + e.getOriginalMessage());
        }
    }

    /** Reads with {@code with}; a broken read constraint is thrown for the caller to decide. */
    private static <T> T read(final JsonFactory with, final byte[] value, final Body<T> body)
            throws StreamConstraintsException {
        try (JsonParser parser = with.createParser(value)) {
            final JsonToken first = parser.nextToken();
            if (first == null) {
                throw new RecordRejectedException(RejectionReason.NOT_JSON, "the value is empty");
            }
            if (first != JsonToken.START_OBJECT) {
                throw new RecordRejectedException(
                        RejectionReason.NOT_AN_OBJECT, "expected a JSON object, found " + describe(first));
            }
            final T result = body.read(parser, value);
            if (parser.nextToken() != null) {
                throw new RecordRejectedException(RejectionReason.NOT_JSON, "trailing content after the JSON object");
            }
            return result;
        } catch (StreamConstraintsException e) {
            throw e;
        } catch (JsonParseException e) {
            throw new RecordRejectedException(RejectionReason.NOT_JSON, "not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new RecordRejectedException(RejectionReason.NOT_JSON, "unreadable value: " + e.getMessage());
        }
    }

    /**
     * Reads {@code x}, whose first token is {@code token}: a bare number is one feature.
     *
     * @throws RecordRejectedException {@code NOT_NUMERIC}, {@code NOT_FINITE}, {@code NO_FEATURES}
     *                                 or {@code TOO_MANY_FEATURES}
     */
    double[] readFeatures(final JsonParser parser, final JsonToken token) throws IOException {
        if (token != JsonToken.START_ARRAY) {
            return new double[] {readNumber(parser, token, "x", -1)};
        }
        int count = 0;
        JsonToken element;
        while ((element = parser.nextToken()) != JsonToken.END_ARRAY) {
            if (count == maxFeatures) {
                throw tooManyFeatures(maxFeatures);
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

    /**
     * Reads field {@code field}, or its element {@code index} when {@code index >= 0}; names it only on error.
     *
     * @throws RecordRejectedException {@code NOT_NUMERIC} or {@code NOT_FINITE}
     */
    static double readNumber(final JsonParser parser, final JsonToken token, final String field, final int index)
            throws IOException {
        if (token != JsonToken.VALUE_NUMBER_INT && token != JsonToken.VALUE_NUMBER_FLOAT) {
            throw new RecordRejectedException(
                    RejectionReason.NOT_NUMERIC,
                    "\"" + name(field, index) + "\" is not a number: found " + describe(token));
        }
        final double value = parser.getDoubleValue();
        if (!Double.isFinite(value)) {
            throw new RecordRejectedException(
                    RejectionReason.NOT_FINITE, "\"" + name(field, index) + "\" is not finite: " + parser.getText());
        }
        return value;
    }

    /**
     * The JSON text of the value that starts at {@code token}, exactly as it stands in {@code value}
     * (a string keeps its quotes and escapes, a number its digits as written), to be echoed back.
     * An object or an array is echoed the same way, whitespace included.
     *
     * @throws RecordRejectedException {@code NOT_FINITE} for a {@code NaN} or {@code Infinity}
     *                                 token anywhere in it, which would not echo as valid JSON
     */
    static String readRawValue(final JsonParser parser, final JsonToken token, final byte[] value, final String field)
            throws IOException {
        final int start = (int) parser.currentTokenLocation().getByteOffset();
        walk(parser, token, field, JsonDocuments::checkEchoable);
        if (token == JsonToken.VALUE_STRING) {
            parser.finishToken();
        }
        final int end = (int) parser.currentLocation().getByteOffset();
        return new String(value, start, end - start, StandardCharsets.UTF_8);
    }

    /**
     * Skips the value that starts at {@code token}, the value of a field the record does not use.
     * {@code NaN} and {@code Infinity} are read only so that a value the learner uses can be
     * refused as {@code NOT_FINITE}; anywhere else they are what they are: not JSON.
     *
     * @throws RecordRejectedException {@code NOT_JSON} for a {@code NaN} or {@code Infinity} token in it
     */
    static void skipValue(final JsonParser parser, final JsonToken token) throws IOException {
        walk(parser, token, null, JsonDocuments::refuseNonNumeric);
    }

    /** A check of one scalar token of the value of {@code field} being walked. */
    @FunctionalInterface
    private interface ScalarCheck {
        void check(JsonParser parser, JsonToken scalar, String field) throws IOException;
    }

    /** Moves past the value of {@code field} that starts at {@code token}, checking each scalar token in it. */
    private static void walk(
            final JsonParser parser, final JsonToken token, final String field, final ScalarCheck check)
            throws IOException {
        if (token != JsonToken.START_OBJECT && token != JsonToken.START_ARRAY) {
            check.check(parser, token, field);
            return;
        }
        int depth = 1;
        while (depth > 0) {
            final JsonToken inner = parser.nextToken();
            if (inner == JsonToken.START_OBJECT || inner == JsonToken.START_ARRAY) {
                depth++;
            } else if (inner == JsonToken.END_OBJECT || inner == JsonToken.END_ARRAY) {
                depth--;
            } else {
                check.check(parser, inner, field);
            }
        }
    }

    private static void refuseNonNumeric(final JsonParser parser, final JsonToken token, final String unused)
            throws IOException {
        if (token == JsonToken.VALUE_NUMBER_FLOAT && parser.isNaN()) {
            throw new RecordRejectedException(
                    RejectionReason.NOT_JSON, "not valid JSON: " + parser.getText() + " is not a JSON number");
        }
    }

    private static void checkEchoable(final JsonParser parser, final JsonToken token, final String field)
            throws IOException {
        if (token == JsonToken.VALUE_NUMBER_FLOAT && parser.isNaN()) {
            throw new RecordRejectedException(
                    RejectionReason.NOT_FINITE, "\"" + field + "\" holds a non-finite number: " + parser.getText());
        }
    }

    /** The rejection of a record with more than {@code maxFeatures} features. */
    static RecordRejectedException tooManyFeatures(final int maxFeatures) {
        return new RecordRejectedException(
                RejectionReason.TOO_MANY_FEATURES,
                "\"x\" has more than learner.model.max-features = " + maxFeatures + " features");
    }

    private static String name(final String field, final int index) {
        return index < 0 ? field : field + "[" + index + "]";
    }

    /** What a token is, in words, for messages: e.g. {@code a string}. */
    static String describe(final JsonToken token) {
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
