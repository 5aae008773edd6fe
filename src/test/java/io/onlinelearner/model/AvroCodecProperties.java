package io.onlinelearner.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;

/**
 * Reading a block's doubles in one copy changes nothing {@link AvroCodec#decodeExample} answers:
 * for arrays written in blocks of every size (with and without byte sizes), non-finite features and
 * labels anywhere, too many features, truncated bodies and bytes after them, one reused codec
 * answers exactly what Avro's {@link BinaryDecoder#readDouble} read one feature at a time answers,
 * down to the bits of each double and the words of each rejection.
 */
class AvroCodecProperties {

    private static final double[] SPECIAL = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};

    /**
     * One body: the features written in blocks of the given sizes (the last block takes the rest),
     * negative counts with byte sizes where {@code sized}, then the label; cut to {@code keep} bytes
     * when {@code keep} is shorter, with {@code extra} bytes after it otherwise.
     */
    record Body(double[] x, List<Integer> blocks, boolean sized, double y, int keep, int extra, int maxFeatures) {

        byte[] value() throws IOException {
            final ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.write(0xC3);
            out.write(0x01);
            for (int i = 0; i < 8; i++) {
                out.write((int) (AvroCodec.EXAMPLE_FINGERPRINT >>> (8 * i)));
            }
            final BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
            int written = 0;
            for (final int size : blocks) {
                final int n = Math.min(size, x.length - written);
                if (n > 0) {
                    writeBlock(encoder, written, n);
                    written += n;
                }
            }
            if (written < x.length) {
                writeBlock(encoder, written, x.length - written);
            }
            encoder.writeLong(0);
            encoder.writeDouble(y);
            encoder.flush();
            final byte[] full = Arrays.copyOf(out.toByteArray(), out.size() + extra);
            return keep < full.length ? Arrays.copyOf(full, keep) : full;
        }

        private void writeBlock(final BinaryEncoder encoder, final int from, final int n) throws IOException {
            encoder.writeLong(sized ? -n : n);
            if (sized) {
                encoder.writeLong(8L * n);
            }
            for (int i = from; i < from + n; i++) {
                encoder.writeDouble(x[i]);
            }
        }
    }

    private final AvroCodec[] codecs = new AvroCodec[41];

    @Property(tries = 4000)
    void shouldDecodeExactlyAsAvroReadsOneDoubleAtATime(@ForAll("bodies") final Body body) throws IOException {
        final byte[] value = body.value();
        if (codecs[body.maxFeatures()] == null) {
            codecs[body.maxFeatures()] = new AvroCodec(body.maxFeatures());
        }
        final String expected = oneByOne(value, body.maxFeatures());
        String actual;
        try {
            actual = describe(codecs[body.maxFeatures()].decodeExample(value));
        } catch (RecordRejectedException e) {
            actual = e.reason() + ": " + e.getMessage();
        }
        assertThat(actual).isEqualTo(expected);
        Statistics.label("outcome")
                .collect(expected.startsWith("ok") ? "ok" : expected.substring(0, expected.indexOf(':')));
    }

    @Provide
    Arbitrary<Body> bodies() {
        final Arbitrary<Double> feature = Arbitraries.frequencyOf(
                Tuple.of(30, Arbitraries.doubles()), Tuple.of(1, Arbitraries.of(SPECIAL[0], SPECIAL[1], SPECIAL[2])));
        final Arbitrary<double[]> x = feature.array(double[].class).ofMaxSize(40);
        final Arbitrary<List<Integer>> blocks =
                Arbitraries.integers().between(1, 40).list().ofMaxSize(5);
        final Arbitrary<Double> y =
                Arbitraries.frequencyOf(Tuple.of(20, Arbitraries.doubles()), Tuple.of(1, Arbitraries.just(Double.NaN)));
        final Arbitrary<Integer> keep = Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.just(Integer.MAX_VALUE)),
                Tuple.of(1, Arbitraries.integers().between(10, 340)));
        final Arbitrary<Integer> extra = Arbitraries.frequencyOf(
                Tuple.of(8, Arbitraries.just(0)),
                Tuple.of(1, Arbitraries.integers().between(1, 3)));
        final Arbitrary<Integer> maxFeatures = Arbitraries.integers().between(1, 40);
        return Combinators.combine(x, blocks, Arbitraries.of(false, true), y, keep, extra, maxFeatures)
                .as(Body::new);
    }

    /** What decoding the value answers when every double is read with Avro's {@code readDouble}. */
    private static String oneByOne(final byte[] value, final int maxFeatures) {
        final BinaryDecoder in = DecoderFactory.get().binaryDecoder(value, 10, value.length - 10, null);
        try {
            final double[] x = new double[maxFeatures];
            int count = 0;
            for (long block = in.readArrayStart(); block != 0; block = in.arrayNext()) {
                for (long k = 0; k < block; k++) {
                    if (count == maxFeatures) {
                        return RejectionReason.TOO_MANY_FEATURES + ": "
                                + JsonDocuments.tooManyFeatures(maxFeatures).getMessage();
                    }
                    final double v = in.readDouble();
                    if (!Double.isFinite(v)) {
                        return RejectionReason.NOT_FINITE + ": \"x[" + count + "]\" is not finite: " + v;
                    }
                    x[count++] = v;
                }
            }
            if (count == 0) {
                return RejectionReason.NO_FEATURES + ": \"x\" is an empty array";
            }
            final double y = in.readDouble();
            if (!Double.isFinite(y)) {
                return RejectionReason.NOT_FINITE + ": \"y\" is not finite: " + y;
            }
            if (!in.isEnd()) {
                return RejectionReason.NOT_AVRO + ": undecodable Avro body: " + in.remainingBytes()
                        + " bytes after the record";
            }
            return describe(new Example(Arrays.copyOf(x, count), y));
        } catch (IOException | RuntimeException e) {
            final String what = e instanceof EOFException ? "the body is truncated" : String.valueOf(e.getMessage());
            return RejectionReason.NOT_AVRO + ": undecodable Avro body: " + what;
        }
    }

    private static String describe(final Example example) {
        final StringBuilder out = new StringBuilder("ok");
        for (int i = 0; i < example.dimension(); i++) {
            out.append(' ').append(Long.toHexString(Double.doubleToRawLongBits(example.x()[i])));
        }
        return out.append(" y ")
                .append(Long.toHexString(Double.doubleToRawLongBits(example.y())))
                .toString();
    }
}
