package io.onlinelearner.model;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.apache.avro.io.BinaryDecoder;

/**
 * Reads the contract's {@code x} (an Avro array of doubles) from Avro's {@link BinaryDecoder} into
 * a {@code double[]}, checking each feature as it comes: finite, and no more than
 * {@code maxFeatures}. The decoder frames the array (its blocks and counts); the doubles of each
 * block that the body holds whole are copied out in one {@link BinaryDecoder#readFixed} and read as
 * little-endian IEEE 754 doubles, the encoding Avro's {@code readDouble} reads one by one. The rest
 * of a block (a truncated body, or past {@code maxFeatures}) is read one by one, so that every
 * rejection comes where reading them one by one finds it, with the same words.
 *
 * <p>Keeps scratch buffers across records: one instance per {@link AvroCodec}, not thread-safe.
 */
final class AvroFeatures {

    /** An Avro double: 8 bytes, little-endian IEEE 754. */
    private static final VarHandle LITTLE_ENDIAN_DOUBLE =
            MethodHandles.byteArrayViewVarHandle(double[].class, ByteOrder.LITTLE_ENDIAN);

    private final int maxFeatures;
    private double[] scratch = new double[16];
    private byte[] bytes = new byte[16 * Double.BYTES];

    /** A reader that refuses arrays of more than {@code maxFeatures} doubles. */
    AvroFeatures(final int maxFeatures) {
        this.maxFeatures = maxFeatures;
    }

    /**
     * Reads the array at the decoder's position into a new array of its length.
     *
     * @throws RecordRejectedException {@code NOT_FINITE}, {@code TOO_MANY_FEATURES}, or
     *                                 {@code NO_FEATURES} for an empty array
     * @throws IOException             for a truncated or malformed body, from Avro's decoder
     */
    double[] read(final BinaryDecoder in) throws IOException {
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
     * returns how many.
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
}
