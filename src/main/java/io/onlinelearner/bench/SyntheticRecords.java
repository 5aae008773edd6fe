package io.onlinelearner.bench;

import io.onlinelearner.config.LearnerConfig;
import io.onlinelearner.model.AvroEncoding;
import io.onlinelearner.model.InputFormat;
import io.onlinelearner.serde.JsonCodec;
import io.onlinelearner.topology.Source;
import java.util.Arrays;
import java.util.Random;

/**
 * Input record values for the benchmarks, written as a producer would write them: standard-normal
 * features and a label from a fixed linear model plus noise, so that the learner does real work on
 * realistic numbers. Training and validation values are {@code {"x": [x₀, …], "y": y}} in JSON or
 * the contract's {@code Example} in Avro; prediction requests {@code {"x": […], "id": …}} or
 * {@code PredictRequest}; commands are always JSON.
 */
public final class SyntheticRecords {

    /** The command of the mixed workload: {@code set-lr} to the default rate, which changes nothing. */
    private static final byte[] COMMAND = JsonCodec.write(g -> {
        g.writeStartObject();
        g.writeStringField("command", "set-lr");
        g.writeNumberField("lr", LearnerConfig.defaults().adam().learningRate());
        g.writeEndObject();
    });

    private static final String PREDICT_ID = "bench";

    private SyntheticRecords() {}

    /** One JSON training value of {@code d} features, as UTF-8 bytes. */
    public static byte[] trainingValue(final Random random, final int d) {
        final double[] x = new double[d];
        final double y = example(random, x);
        return json(x, "y", g -> g.writeNumber(y));
    }

    /** One value for {@code source} of {@code d} features in {@code format}, as bytes. */
    public static byte[] value(final Random random, final int d, final InputFormat format, final Source source) {
        if (source == Source.COMMANDS) {
            return COMMAND.clone();
        }
        final double[] x = new double[d];
        final double y = example(random, x);
        if (format == InputFormat.JSON) {
            return source == Source.PREDICT
                    ? json(x, "id", g -> g.writeString(PREDICT_ID))
                    : json(x, "y", g -> g.writeNumber(y));
        }
        return source == Source.PREDICT ? AvroEncoding.encodePredict(x, PREDICT_ID) : AvroEncoding.encodeExample(x, y);
    }

    /**
     * A pool of {@code n} examples of {@code d} features: {@code x} in the first {@code d} slots of
     * each row and the label in the last.
     */
    public static double[][] examples(final Random random, final int n, final int d) {
        final double[][] pool = new double[n][];
        for (int i = 0; i < n; i++) {
            final double[] x = new double[d];
            final double y = example(random, x);
            pool[i] = Arrays.copyOf(x, d + 1);
            pool[i][d] = y;
        }
        return pool;
    }

    /** A prediction request for {@code example}'s features (a pool row) with {@code id}, in {@code format}. */
    public static byte[] request(final double[] example, final String id, final InputFormat format) {
        final double[] x = Arrays.copyOf(example, example.length - 1);
        return format == InputFormat.JSON ? json(x, "id", g -> g.writeString(id)) : AvroEncoding.encodePredict(x, id);
    }

    /** The label of {@code example} (a pool row) for the request {@code id}, in {@code format}. */
    public static byte[] label(final double[] example, final String id, final InputFormat format) {
        final double y = example[example.length - 1];
        if (format != InputFormat.JSON) {
            return AvroEncoding.encodeLabel(id, y);
        }
        return JsonCodec.write(g -> {
            g.writeStartObject();
            g.writeStringField("id", id);
            g.writeNumberField("y", y);
            g.writeEndObject();
        });
    }

    /** {@code {"x": [...], name: value}}. */
    private static byte[] json(final double[] x, final String name, final JsonCodec.Body value) {
        return JsonCodec.write(g -> {
            g.writeStartObject();
            g.writeFieldName("x");
            g.writeArray(x, 0, x.length);
            g.writeFieldName(name);
            value.write(g);
            g.writeEndObject();
        });
    }

    /** The key of the {@code i}-th record among {@code models} models: {@code model-(i mod models)}. */
    public static String modelKey(final long i, final int models) {
        return "model-" + (i % models);
    }

    /** Fills {@code x} with standard-normal features and returns their noisy label. */
    private static double example(final Random random, final double[] x) {
        double y = 0.5;
        for (int i = 0; i < x.length; i++) {
            x[i] = random.nextGaussian();
            y += x[i] / (i + 1);
        }
        return y + 0.1 * random.nextGaussian();
    }
}
