package io.onlinelearner.bench;

import io.onlinelearner.model.AvroCodec;
import io.onlinelearner.model.InputFormat;
import io.onlinelearner.topology.Source;
import java.nio.charset.StandardCharsets;
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
    static final String COMMAND = "{\"command\":\"set-lr\",\"lr\":0.001}";

    private SyntheticRecords() {}

    /** One JSON training value of {@code d} features. */
    public static String trainingValue(final Random random, final int d) {
        final double[] x = new double[d];
        final double y = example(random, x);
        final StringBuilder json = new StringBuilder(24 * d + 32).append("{\"x\":[");
        for (int i = 0; i < d; i++) {
            if (i > 0) {
                json.append(',');
            }
            json.append(x[i]);
        }
        return json.append("],\"y\":").append(y).append('}').toString();
    }

    /** One value for {@code source} of {@code d} features in {@code format}, as bytes. */
    public static byte[] value(final Random random, final int d, final InputFormat format, final Source source) {
        if (source == Source.COMMANDS) {
            return COMMAND.getBytes(StandardCharsets.UTF_8);
        }
        if (format == InputFormat.JSON) {
            final String example = trainingValue(random, d);
            final String value = source == Source.PREDICT
                    ? example.substring(0, example.indexOf("],\"y\":") + 1) + ",\"id\":\"bench\"}"
                    : example;
            return value.getBytes(StandardCharsets.UTF_8);
        }
        final double[] x = new double[d];
        final double y = example(random, x);
        return source == Source.PREDICT ? AvroCodec.encodePredict(x, "bench") : AvroCodec.encodeExample(x, y);
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
