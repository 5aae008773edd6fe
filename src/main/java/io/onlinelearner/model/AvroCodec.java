package io.onlinelearner.model;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.util.Utf8;

/**
 * Avro single-object encoding ({@code learner.input.format=avro}) of the contract's
 * {@code onlinelearner.Example}, {@code onlinelearner.PredictRequest} and {@code onlinelearner.Label} schemas, shipped as
 * {@code config/avro/*.avsc} and on the classpath under {@code avro/}. A value is the 2 bytes
 * {@code C3 01}, the schema's CRC-64-AVRO fingerprint of its parsing canonical form (8 bytes,
 * little-endian), then the Avro binary body.
 *
 * <p>Decoding uses Avro's own {@link BinaryDecoder} and reads the array of doubles straight into a
 * {@code double[]}: no {@code GenericRecord}, no boxed {@code Double}s, one reused decoder (the
 * JMH {@code ParseBenchmark} compares it with {@code BinaryMessageDecoder}). The decoder frames the
 * array (its blocks and counts); each block's doubles are copied out in one {@link
 * BinaryDecoder#readFixed} and read as little-endian IEEE 754 doubles, the encoding Avro's {@code
 * readDouble} reads one by one. Rejections, in the
 * order they are checked: a null value ({@code NULL_VALUE}); no {@code C3 01} header or fewer
 * than 10 bytes ({@code NOT_AVRO}); another fingerprint ({@code SCHEMA_MISMATCH}); then, while
 * the body is read, a NaN or infinite value ({@code NOT_FINITE}), more than {@code maxFeatures}
 * features ({@code TOO_MANY_FEATURES}), a truncated or undecodable body or bytes after it
 * ({@code NOT_AVRO}); and an empty {@code x} ({@code NO_FEATURES}).
 *
 * <p>The encoders are static and thread-safe; a decoding instance keeps scratch buffers and is not.
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

    private static final byte MAGIC = (byte) 0xC3;
    private static final byte VERSION = 0x01;
    /** An Avro double: 8 bytes, little-endian IEEE 754. */
    private static final VarHandle LITTLE_ENDIAN_DOUBLE =
            MethodHandles.byteArrayViewVarHandle(double[].class, ByteOrder.LITTLE_ENDIAN);

    private final int maxFeatures;
    private BinaryDecoder decoder;
    private Utf8 idScratch = new Utf8();
    private double[] scratch = new double[16];
    private byte[] bytes = new byte[16 * Double.BYTES];

    /** A decoder that refuses values with more than {@code maxFeatures} features. */
    public AvroCodec(final int maxFeatures) {
        this.maxFeatures = maxFeatures;
    }

    /**
     * The single-object encoding of an {@code Example}.
     *
     * @param x the features, written as they are (no checks: tests use this to write bad values too)
     * @param y the label
     */
    public static byte[] encodeExample(final double[] x, final double y) {
        final ByteArrayOutputStream out = header(EXAMPLE_FINGERPRINT, x.length);
        final BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
        try {
            writeFeatures(encoder, x);
            encoder.writeDouble(y);
            encoder.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /**
     * The single-object encoding of a {@code PredictRequest}.
     *
     * @param x  the features, written as they are
     * @param id the caller's id, or null for none
     */
    public static byte[] encodePredict(final double[] x, final String id) {
        final ByteArrayOutputStream out = header(PREDICT_FINGERPRINT, x.length);
        final BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
        try {
            writeFeatures(encoder, x);
            if (id == null) {
                encoder.writeIndex(0);
            } else {
                encoder.writeIndex(1);
                encoder.writeString(id);
            }
            encoder.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /**
     * The single-object encoding of a {@code Label}.
     *
     * @param id the id of the prediction labelled
     * @param y  the label, written as it is
     */
    public static byte[] encodeLabel(final String id, final double y) {
        final ByteArrayOutputStream out = header(LABEL_FINGERPRINT, 1);
        final BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
        try {
            encoder.writeString(id);
            encoder.writeDouble(y);
            encoder.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /**
     * Decodes one {@code train} or {@code validation} value.
     *
     * @throws RecordRejectedException for every kind of bad input, see the class comment
     */
    public Example decodeExample(final byte[] value) {
        final BinaryDecoder in = open(value, EXAMPLE_FINGERPRINT, EXAMPLE_SCHEMA);
        try {
            final double[] x = readFeatures(in);
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
            final double[] x = readFeatures(in);
            final int branch = in.readIndex();
            final String idJson;
            if (branch == 0) {
                idJson = null;
            } else if (branch == 1) {
                idScratch = in.readString(idScratch);
                idJson = quote(idScratch.toString());
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
            final String idJson = quote(idScratch.toString());
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

    private double[] readFeatures(final BinaryDecoder in) throws IOException {
        int count = 0;
        for (long block = in.readArrayStart(); block != 0; block = in.arrayNext()) {
            long k = readPresent(in, block, count);
            count += (int) k;
            for (; k < block; k++) {
                if (count == maxFeatures) {
                    throw JsonDocuments.tooManyFeatures(maxFeatures);
                }
                if (count == scratch.length) {
                    scratch = Arrays.copyOf(scratch, Math.min(Math.max(maxFeatures, 1), 2 * scratch.length));
                }
                scratch[count] = checkFinite(in.readDouble(), count);
                count++;
            }
        }
        if (count == 0) {
            throw new RecordRejectedException(RejectionReason.NO_FEATURES, "\"x\" is an empty array");
        }
        return Arrays.copyOf(scratch, count);
    }

    /**
     * Reads, in one copy, as many of a block's {@code block} doubles as the body holds whole and
     * {@code maxFeatures} allows after {@code count}, into {@code scratch} from {@code count}, and
     * returns how many. The rest of the block, if any, is read one by one, so that a truncated body
     * or one feature too many is found where reading them one by one finds it.
     */
    private int readPresent(final BinaryDecoder in, final long block, final int count) throws IOException {
        final int n = (int) Math.min(block, Math.min(maxFeatures - count, in.remainingBytes() / Double.BYTES));
        if (n <= 0) {
            return 0;
        }
        if (scratch.length < count + n) {
            scratch = Arrays.copyOf(scratch, Math.max(count + n, Math.min(maxFeatures, 2 * scratch.length)));
        }
        if (bytes.length < n * Double.BYTES) {
            bytes = new byte[n * Double.BYTES];
        }
        in.readFixed(bytes, 0, n * Double.BYTES);
        for (int k = 0; k < n; k++) {
            scratch[count + k] = checkFinite((double) LITTLE_ENDIAN_DOUBLE.get(bytes, k * Double.BYTES), count + k);
        }
        return n;
    }

    private static double checkFinite(final double v, final int index) {
        if (!Double.isFinite(v)) {
            throw new RecordRejectedException(RejectionReason.NOT_FINITE, "\"x[" + index + "]\" is not finite: " + v);
        }
        return v;
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

    /** {@code text} as a JSON string literal, with its quotes. */
    private static String quote(final String text) {
        final StringBuilder json = new StringBuilder(text.length() + 2).append('"');
        JsonStringEncoder.getInstance().quoteAsString(text, json);
        return json.append('"').toString();
    }

    private static ByteArrayOutputStream header(final long fingerprint, final int features) {
        final ByteArrayOutputStream out = new ByteArrayOutputStream(HEADER_LENGTH + 8 * features + 32);
        out.write(MAGIC);
        out.write(VERSION);
        for (int i = 0; i < 8; i++) {
            out.write((int) (fingerprint >>> (8 * i)));
        }
        return out;
    }

    private static void writeFeatures(final BinaryEncoder encoder, final double[] x) throws IOException {
        encoder.writeArrayStart();
        encoder.setItemCount(x.length);
        for (final double v : x) {
            encoder.startItem();
            encoder.writeDouble(v);
        }
        encoder.writeArrayEnd();
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
