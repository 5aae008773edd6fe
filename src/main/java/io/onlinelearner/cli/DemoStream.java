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

    /** One block of JSON records. */
    record Block(int index, boolean drifted, List<String> train, List<String> validation) {
    }

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

    private String record(final double labelSign) {
        final double[] x = new double[WEIGHTS.length];
        double y = BIAS + NOISE * gaussian();
        for (int i = 0; i < x.length; i++) {
            x[i] = gaussian();
            y += WEIGHTS[i] * x[i];
        }
        return String.format(Locale.ROOT, "{\"x\":[%.6f,%.6f,%.6f],\"y\":%.6f}", x[0], x[1], x[2], labelSign * y);
    }

    private double gaussian() {
        final double u = 1.0 - random.nextDouble();
        final double v = random.nextDouble();
        return Math.sqrt(-2.0 * Math.log(u)) * Math.cos(2.0 * Math.PI * v);
    }
}
