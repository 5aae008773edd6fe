package io.onlinelearner.learner;

import io.onlinelearner.optim.AdamState;
import io.onlinelearner.stopping.Checkpoint;
import io.onlinelearner.stopping.StoppingState;
import java.util.Arrays;

/**
 * Everything the learner keeps about one model, as one value: written to the state store once per
 * record, and restored from it after a restart or a crash.
 *
 * @param features      the dimension d
 * @param intercept     whether {@code parameters} ends with a bias
 * @param parameters    the live parameters θ (weights, then the bias)
 * @param adam          Adam's moments and step count; {@code adam.step()} is the number of updates
 * @param rounds        the number of completed validation rounds (the next round's index)
 * @param roundCount    validation records scored into the open round
 * @param roundSum      the sum of their losses
 * @param lastRoundLoss the mean loss of the last completed round; NaN before the first
 * @param trainLoss     an exponentially weighted mean of the training loss; NaN before the first
 * @param stopping      early stopping's state
 * @param frozen        the frozen parameters once stopped; null while training
 * @param skipped       training records not applied because the model had stopped
 */
public record ModelState(
        int features,
        boolean intercept,
        double[] parameters,
        AdamState adam,
        int rounds,
        int roundCount,
        double roundSum,
        double lastRoundLoss,
        double trainLoss,
        StoppingState stopping,
        Checkpoint frozen,
        long skipped) {

    /** TRAINING until early stopping fires, then STOPPED. */
    public ModelStatus status() {
        return frozen == null ? ModelStatus.TRAINING : ModelStatus.STOPPED;
    }

    /** The number of Adam updates applied to the live parameters. */
    public long updates() {
        return adam.step();
    }

    /** The index of the round at which the model stopped, or -1 while training. */
    public int stoppedRound() {
        return frozen == null ? -1 : rounds - 1;
    }

    /** The parameters a reader should see: the frozen ones once stopped, else the live ones. */
    public Checkpoint published() {
        return frozen != null ? frozen : new Checkpoint(parameters, updates());
    }

    /** The live parameters with their update count. */
    public Checkpoint live() {
        return new Checkpoint(parameters, updates());
    }

    @Override
    public boolean equals(final Object other) {
        return other instanceof ModelState that && features == that.features && intercept == that.intercept
                && Arrays.equals(parameters, that.parameters) && adam.equals(that.adam) && rounds == that.rounds
                && roundCount == that.roundCount && Double.compare(roundSum, that.roundSum) == 0
                && Double.compare(lastRoundLoss, that.lastRoundLoss) == 0
                && Double.compare(trainLoss, that.trainLoss) == 0 && stopping.equals(that.stopping)
                && java.util.Objects.equals(frozen, that.frozen) && skipped == that.skipped;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(parameters) * 31 + adam.hashCode() + rounds;
    }

    @Override
    public String toString() {
        return "ModelState[d=" + features + ", intercept=" + intercept + ", status=" + status() + ", updates="
                + updates() + ", parameters=" + Arrays.toString(parameters) + ", rounds=" + rounds
                + ", roundCount=" + roundCount + ", lastRoundLoss=" + lastRoundLoss + ", stopping=" + stopping
                + ", frozen=" + frozen + ", skipped=" + skipped + "]";
    }
}
