package io.onlinelearner.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The demo's synthetic stream, in blocks: each block holds {@link #TRAIN_PER_BLOCK} training records
 * and then {@link #VALIDATION_PER_BLOCK} validation records (one validation round). Records follow
 * {@code y = w·x + b + noise}; from block {@link #CLEAN_BLOCKS} on the training labels drift to
 * {@code −y} while validation stays clean, so the validation loss rises and early stopping fires.
 * Deterministic for a given seed.
 */
final class DemoStream {

    /** The true weights. */
    static final double[] WEIGHTS = {1.5, -2.0, 0.5};
    /** The true bias. */
    static final double BIAS = 0.3;
    /** The standard deviation of the label noise. */
    static final double NOISE = 0.1;
    /** Training records per block. */
    static final int TRAIN_PER_BLOCK = 50;
    /** Validation records per block: one round of the demo's validation window. */
    static final int VALIDATION_PER_BLOCK = 50;
    /** Blocks before the training labels drift; the first drifted round has this index. */
    static final int CLEAN_BLOCKS = 12;
    /** Blocks produced at most (the model stops long before). */
    static final int MAX_BLOCKS = 60;

    private final SplittableRandom random;
    private int produced;

    /** A stream drawn from {@code seed}. */
    DemoStream(final long seed) {
        this.random = new SplittableRandom(seed);
    }

    /** The new concept of the {@code drift} scenario, for training and validation alike. */
    static final Concept CHANGED = new Concept(new double[] {-1.0, 1.0, 2.0}, -0.5);
    /** The first concept: {@link #WEIGHTS} and {@link #BIAS}. */
    static final Concept ORIGINAL = new Concept(WEIGHTS, BIAS);

    /**
     * A linear concept {@code y = w·x + b}.
     *
     * @param weights the true weights
     * @param bias    the true bias
     */
    record Concept(double[] weights, double bias) {

        /** The concept's value at {@code x}, without noise. */
        double at(final double[] x) {
            double y = bias;
            for (int i = 0; i < x.length; i++) {
                y += weights[i] * x[i];
            }
            return y;
        }

        /** E.g. {@code y = 1.5·x1 - 2.0·x2 + 0.5·x3 + 0.3}. */
        String formula() {
            final StringBuilder text =
                    new StringBuilder("y = ").append(weights[0]).append("·x1");
            for (int i = 1; i < weights.length; i++) {
                text.append(weights[i] < 0 ? " - " : " + ")
                        .append(Math.abs(weights[i]))
                        .append("·x")
                        .append(i + 1);
            }
            return text.append(bias < 0 ? " - " : " + ").append(Math.abs(bias)).toString();
        }
    }

    /** One block of JSON records. */
    record Block(int index, boolean drifted, List<String> train, List<String> validation) {}

    /** True while fewer than {@link #MAX_BLOCKS} blocks were taken. */
    boolean hasNext() {
        return produced < MAX_BLOCKS;
    }

    /** The next block. */
    Block next() {
        final int index = produced++;
        final boolean drifted = index >= CLEAN_BLOCKS;
        final List<String> train = new ArrayList<>(TRAIN_PER_BLOCK);
        for (int i = 0; i < TRAIN_PER_BLOCK; i++) {
            train.add(record(drifted ? -1.0 : 1.0));
        }
        final List<String> validation = new ArrayList<>(VALIDATION_PER_BLOCK);
        for (int i = 0; i < VALIDATION_PER_BLOCK; i++) {
            validation.add(record(1.0));
        }
        return new Block(index, drifted, train, validation);
    }

    /** The next block, whose training and validation records both follow {@code concept}. */
    Block next(final Concept concept) {
        final int index = produced++;
        final List<String> train = new ArrayList<>(TRAIN_PER_BLOCK);
        for (int i = 0; i < TRAIN_PER_BLOCK; i++) {
            train.add(record(concept, 1.0));
        }
        final List<String> validation = new ArrayList<>(VALIDATION_PER_BLOCK);
        for (int i = 0; i < VALIDATION_PER_BLOCK; i++) {
            validation.add(record(concept, 1.0));
        }
        return new Block(index, concept != ORIGINAL, train, validation);
    }

    private String record(final double labelSign) {
        return record(ORIGINAL, labelSign);
    }

    private String record(final Concept concept, final double labelSign) {
        final double noise = NOISE * gaussian();
        final double[] x = new double[WEIGHTS.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = gaussian();
        }
        final double y = concept.at(x) + noise;
        return String.format(Locale.ROOT, "{\"x\":[%.6f,%.6f,%.6f],\"y\":%.6f}", x[0], x[1], x[2], labelSign * y);
    }

    private double gaussian() {
        final double u = 1.0 - random.nextDouble();
        final double v = random.nextDouble();
        return Math.sqrt(-2.0 * Math.log(u)) * Math.cos(2.0 * Math.PI * v);
    }
}
