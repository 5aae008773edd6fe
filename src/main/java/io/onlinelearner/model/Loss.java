package io.onlinelearner.model;

import java.util.Locale;

/**
 * The loss of one record as a function of the prediction {@code ŷ} and the label {@code y}, with
 * its derivative dL/dŷ. Both are pure functions of doubles.
 */
public enum Loss {
    /** {@code (ŷ − y)²}, dL/dŷ {@code = 2(ŷ − y)}; any finite label. The seed's loss. */
    SQUARED {
        @Override
        public double value(final double prediction, final double label) {
            final double error = prediction - label;
            return error * error;
        }

        @Override
        public double derivative(final double prediction, final double label) {
            return 2 * (prediction - label);
        }

        @Override
        public boolean acceptsLabel(final double label) {
            return Double.isFinite(label);
        }
    },
    /** Log loss on the logit {@code ŷ}, dL/dŷ {@code = σ(ŷ) − y}; labels 0 or 1. */
    LOGISTIC {
        @Override
        public double value(final double logit, final double label) {
            return Math.max(logit, 0) - logit * label + Math.log1p(Math.exp(-Math.abs(logit)));
        }

        @Override
        public double derivative(final double logit, final double label) {
            return sigmoid(logit) - label;
        }

        @Override
        public boolean acceptsLabel(final double label) {
            return label == 0.0 || label == 1.0;
        }
    };

    /** The loss of one record. */
    public abstract double value(double prediction, double label);

    /** dL/dŷ at the prediction. */
    public abstract double derivative(double prediction, double label);

    /** Whether the label is one this loss is defined for. */
    public abstract boolean acceptsLabel(double label);

    /** The configuration spelling, e.g. {@code squared}. */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses a configuration spelling.
     *
     * @throws IllegalArgumentException when the name is neither {@code squared} nor {@code logistic}
     */
    public static Loss fromConfigName(final String name) {
        for (final Loss loss : values()) {
            if (loss.configName().equals(name.trim().toLowerCase(Locale.ROOT))) {
                return loss;
            }
        }
        throw new IllegalArgumentException("one of squared, logistic");
    }

    /** The logistic function, computed without overflow for large |z|. */
    public static double sigmoid(final double z) {
        if (z >= 0) {
            return 1 / (1 + Math.exp(-z));
        }
        final double e = Math.exp(z);
        return e / (1 + e);
    }
}
