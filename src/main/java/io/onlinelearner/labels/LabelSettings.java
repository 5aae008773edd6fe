package io.onlinelearner.labels;

/**
 * The settings of labels that come later ({@code learner.labels.*}).
 *
 * @param enabled      whether predictions with an id are remembered and the {@code labels} topic is read
 * @param ttlMs        how long a remembered request waits for its label, by the task's stream time, >= 1
 * @param maxPending   how many requests one model remembers at most, >= 1
 * @param holdoutEvery every k-th joined label of a model validates instead of training; 0: never
 * @param window       how many of a model's latest outcomes its mean served loss covers, >= 1
 */
public record LabelSettings(boolean enabled, long ttlMs, int maxPending, int holdoutEvery, int window) {

    /** Checks the ranges. */
    public LabelSettings {
        if (ttlMs < 1 || maxPending < 1 || holdoutEvery < 0 || window < 1) {
            throw new IllegalArgumentException("label settings out of range: ttlMs " + ttlMs + ", maxPending "
                    + maxPending + ", holdoutEvery " + holdoutEvery + ", window " + window);
        }
    }

    /** True when the {@code n}-th joined label of a model (1 on the first) validates instead of training. */
    public boolean holdsOut(final long n) {
        return holdoutEvery > 0 && n % holdoutEvery == 0;
    }
}
