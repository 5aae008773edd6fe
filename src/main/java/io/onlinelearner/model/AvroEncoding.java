package io.onlinelearner.model;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;

/**
 * Writes the contract's Avro records in the single-object encoding that {@link AvroCodec} reads:
 * {@code C3 01}, the schema's fingerprint, then the Avro binary body. For producers of Avro input
 * (the demo, the benchmark, the tests); values are written as given, without checks, so that tests
 * can write bad ones too. Static and thread-safe.
 */
public final class AvroEncoding {

    private AvroEncoding() {}

    /**
     * The single-object encoding of an {@code Example}.
     *
     * @param x the features, written as they are (no checks: tests use this to write bad values too)
     * @param y the label
     */
    public static byte[] encodeExample(final double[] x, final double y) {
        final ByteArrayOutputStream out = header(AvroCodec.EXAMPLE_FINGERPRINT, x.length);
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
        final ByteArrayOutputStream out = header(AvroCodec.PREDICT_FINGERPRINT, x.length);
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
        final ByteArrayOutputStream out = header(AvroCodec.LABEL_FINGERPRINT, 1);
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

    private static ByteArrayOutputStream header(final long fingerprint, final int features) {
        final ByteArrayOutputStream out = new ByteArrayOutputStream(AvroCodec.HEADER_LENGTH + 8 * features + 32);
        out.write(AvroCodec.MAGIC);
        out.write(AvroCodec.VERSION);
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
}
