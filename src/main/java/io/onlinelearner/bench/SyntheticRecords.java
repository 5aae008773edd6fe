package io.onlinelearner.bench;

import java.util.Random;

/**
 * Training record values for the benchmarks, {@code {"x": [x₀, …], "y": y}}, written as a producer
 * would write them: standard-normal features and a label from a fixed linear model plus noise, so
 * that the learner does real work on realistic numbers.
 */
public final class SyntheticRecords {

    private SyntheticRecords() {
    }

    /** One value of {@code d} features. */
    public static String trainingValue(final Random random, final int d) {
        final StringBuilder json = new StringBuilder(24 * d + 32).append("{\"x\":[");
        double y = 0.5;
        for (int i = 0; i < d; i++) {
            final double x = random.nextGaussian();
            y += x / (i + 1);
            if (i > 0) {
                json.append(',');
            }
            json.append(x);
        }
        return json.append("],\"y\":").append(y + 0.1 * random.nextGaussian()).append('}').toString();
    }

    /** The key of the {@code i}-th record among {@code models} models: {@code model-(i mod models)}. */
    public static String modelKey(final long i, final int models) {
        return "model-" + (i % models);
    }
}
