package io.onlinelearner.model;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.util.Utf8;

/**
 * Avro single-object encoding ({@code learner.input.format=avro}) of the contract's
 * {@code onlinelearner.Example}, {@code onlinelearner.PredictRequest} and {@code onlinelearner.Label} schemas, shipped as
 * {@code config/avro/*.avsc} and on the classpath under {@code avro/}. A value is the 2 bytes
 * {@code C3 01}, the schema's CRC-64-AVRO fingerprint of its parsing canonical form (8 bytes,
 * little-endian), then the Avro binary body.
 *
 * <p>Decoding uses Avro's own {@link BinaryDecoder} and reads the array of doubles straight into a
 * {@code double[]} ({@link AvroFeatures}): no {@code GenericRecord}, no boxed {@code Double}s, one
 * reused decoder (the JMH {@code ParseBenchmark} compares it with {@code BinaryMessageDecoder}).
 * {@link AvroEncoding} writes the same records. Rejections, in the
 * order they are checked: a null value ({@code NULL_VALUE}); no {@code C3 01} header or fewer
 * than 10 bytes ({@code NOT_AVRO}); another fingerprint ({@code SCHEMA_MISMATCH}); then, while
 * the body is read, a NaN or infinite value ({@code NOT_FINITE}), more than {@code maxFeatures}
 * features ({@code TOO_MANY_FEATURES}), a truncated or undecodable body or bytes after it
 * ({@code NOT_AVRO}); and an empty {@code x} ({@code NO_FEATURES}).
 *
 * <p>An instance keeps scratch buffers and is not thread-safe.
 */
public final class AvroCodec {

    /** The contract's {@code onlinelearner.Example}: {@code x} array of double, {@code y} double. */
    public static final Schema EXAMPLE_SCHEMA = load("Example.avsc");
    /** The contract's {@code onlinelearner.PredictRequest}: {@code x} array of double, {@code id} optional string. */
    public static final Schema PREDICT_SCHEMA = load("PredictRequest.avsc");
    /** The contract's {@code onlinelearner.Label}: {@code id} string, {@code y} double. */
    public static final Schema LABEL_SCHEMA = load("Label.avsc");
    /** CRC-64-AVRO fingerprint of {@link #EXAMPLE_SCHEMA}'s parsing canonical form. */
    public static final long EXAMPLE_FINGERPRINT = SchemaNormalization.parsingFingerprint64(EXAMPLE_SCHEMA);
    /** CRC-64-AVRO fingerprint of {@link #PREDICT_SCHEMA}'s parsing canonical form. */
    public static final long PREDICT_FINGERPRINT = SchemaNormalization.parsingFingerprint64(PREDICT_SCHEMA);

    /** CRC-64-AVRO fingerprint of {@link #LABEL_SCHEMA}'s parsing canonical form. */
    public static final long LABEL_FINGERPRINT = SchemaNormalization.parsingFingerprint64(LABEL_SCHEMA);

    /** Magic byte, version byte and fingerprint. */
    static final int HEADER_LENGTH = 10;

    /** The single-object encoding's first byte. */
    static final byte MAGIC = (byte) 0xC3;
    /** The single-object encoding's version, its second byte. */
    static final byte VERSION = 0x01;

    private final AvroFeatures features;
    private BinaryDecoder decoder;
    private Utf8 idScratch = new Utf8();

    /** A decoder that refuses values with more than {@code maxFeatures} features. */
    public AvroCodec(final int maxFeatures) {
        this.features = new AvroFeatures(maxFeatures);
    }

    /**
     * Decodes one {@code train} or {@code validation} value.
     *
     * @throws RecordRejectedException for every kind of bad input, see the class comment
     */
    public Example decodeExample(final byte[] value) {
        final BinaryDecoder in = open(value, EXAMPLE_FINGERPRINT, EXAMPLE_SCHEMA);
        try {
            final double[] x = features.read(in);
            final double y = in.readDouble();
            if (!Double.isFinite(y)) {
                throw new RecordRejectedException(RejectionReason.NOT_FINITE, "\"y\" is not finite: " + y);
            }
            checkEnd(in);
            return new Example(x, y);
        } catch (RecordRejectedException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw undecodable(e);
        }
    }

    /**
     * Decodes one {@code predict} value. A null {@code id} means none; a string {@code id} is
     * returned as the JSON string literal to echo (quoted and escaped).
     *
     * @throws RecordRejectedException for every kind of bad input, see the class comment
     */
    public PredictRequest decodePredict(final byte[] value) {
        final BinaryDecoder in = open(value, PREDICT_FINGERPRINT, PREDICT_SCHEMA);
        try {
            final double[] x = features.read(in);
            final int branch = in.readIndex();
            final String idJson;
            if (branch == 0) {
                idJson = null;
            } else if (branch == 1) {
                idScratch = in.readString(idScratch);
                idJson = quote(wellFormed(idScratch));
            } else {
                throw new RecordRejectedException(
                        RejectionReason.NOT_AVRO,
                        "undecodable Avro body: \"id\" has union branch " + branch + ", expected 0 or 1");
            }
            checkEnd(in);
            return new PredictRequest(x, idJson);
        } catch (RecordRejectedException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw undecodable(e);
        }
    }

    /**
     * Decodes one {@code labels} value. The {@code id} is returned as the JSON string literal a
     * prediction's Avro {@code id} is echoed with, so that the two compare equal.
     *
     * @throws RecordRejectedException {@code NULL_VALUE}, {@code NOT_AVRO}, {@code SCHEMA_MISMATCH},
     *                                 {@code NOT_FINITE} for a NaN or infinite {@code y}
     */
    public Label decodeLabel(final byte[] value) {
        final BinaryDecoder in = open(value, LABEL_FINGERPRINT, LABEL_SCHEMA);
        try {
            idScratch = in.readString(idScratch);
            final String idJson = quote(wellFormed(idScratch));
            final double y = in.readDouble();
            if (!Double.isFinite(y)) {
                throw new RecordRejectedException(RejectionReason.NOT_FINITE, "\"y\" is not finite: " + y);
            }
            checkEnd(in);
            return new Label(idJson, y);
        } catch (RecordRejectedException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw undecodable(e);
        }
    }

    private BinaryDecoder open(final byte[] value, final long fingerprint, final Schema schema) {
        if (value == null) {
            throw new RecordRejectedException(RejectionReason.NULL_VALUE, "the record has no value");
        }
        if (value.length < 2 || value[0] != MAGIC || value[1] != VERSION) {
            throw new RecordRejectedException(
                    RejectionReason.NOT_AVRO, "not Avro single-object encoded: the value does not start with C3 01");
        }
        if (value.length < HEADER_LENGTH) {
            throw new RecordRejectedException(
                    RejectionReason.NOT_AVRO,
                    "not Avro single-object encoded: " + value.length + " bytes, too short for the fingerprint");
        }
        long found = 0;
        for (int i = HEADER_LENGTH - 1; i >= 2; i--) {
            found = (found << 8) | (value[i] & 0xFFL);
        }
        if (found != fingerprint) {
            throw new RecordRejectedException(
                    RejectionReason.SCHEMA_MISMATCH,
                    String.format(
                            Locale.ROOT,
                            "schema fingerprint %016x is not %s's %016x",
                            found,
                            schema.getFullName(),
                            fingerprint));
        }
        decoder = DecoderFactory.get().binaryDecoder(value, HEADER_LENGTH, value.length - HEADER_LENGTH, decoder);
        return decoder;
    }

    private static void checkEnd(final BinaryDecoder in) throws IOException {
        if (!in.isEnd()) {
            throw new RecordRejectedException(
                    RejectionReason.NOT_AVRO,
                    "undecodable Avro body: " + in.remainingBytes() + " bytes after the record");
        }
    }

    /** Avro's decoder signals bad data with EOF, IO and several runtime exceptions (limits, malformed lengths). */
    private static RecordRejectedException undecodable(final Exception e) {
        final String what = e instanceof EOFException ? "the body is truncated" : String.valueOf(e.getMessage());
        return new RecordRejectedException(RejectionReason.NOT_AVRO, "undecodable Avro body: " + what);
    }

    /** The text of an Avro string, which must be well-formed UTF-8 (decoded, a bad byte would become U+FFFD). */
    private static String wellFormed(final Utf8 text) {
        final int invalid = WellFormedUtf8.firstInvalid(text.getBytes(), text.getByteLength());
        if (invalid >= 0) {
            throw new RecordRejectedException(
                    RejectionReason.NOT_AVRO,
                    "undecodable Avro body: \"id\" is not well-formed UTF-8 (at its byte " + invalid + ")");
        }
        return text.toString();
    }

    /** {@code text} as a JSON string literal, with its quotes. */
    private static String quote(final String text) {
        final StringBuilder json = new StringBuilder(text.length() + 2).append('"');
        JsonStringEncoder.getInstance().quoteAsString(text, json);
        return json.append('"').toString();
    }

    private static Schema load(final String name) {
        try (InputStream in = AvroCodec.class.getResourceAsStream("/avro/" + name)) {
            if (in == null) {
                throw new IllegalStateException("schema avro/" + name + " is not on the classpath");
            }
            return new Schema.Parser().parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
