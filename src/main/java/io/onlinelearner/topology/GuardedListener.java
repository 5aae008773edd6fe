package io.onlinelearner.topology;

import io.onlinelearner.labels.Changes;
import io.onlinelearner.labels.ServedOutcome;
import io.onlinelearner.learner.Eviction;
import io.onlinelearner.learner.ModelState;
import io.onlinelearner.learner.Outcome;
import io.onlinelearner.learner.Prediction;
import io.onlinelearner.model.RejectionReason;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link LearnerListener} told what a record did once it is written: a failure of the listener it
 * wraps (the metrics, a bug) cannot undo the record's writes, so it is logged and the record counts
 * as handled, neither retried nor sent to dead letters. The first failure is logged with its stack
 * trace, then the 2nd, 4th, 8th… with their count, so that a listener failing on every record does
 * not flood the log. One instance per processor (a task's, run by one stream thread at a time); not
 * thread-safe.
 */
final class GuardedListener implements LearnerListener {

    private static final Logger LOG = LoggerFactory.getLogger(LearnerProcessor.class);

    private final LearnerListener listener;
    private long failures;

    GuardedListener(final LearnerListener listener) {
        this.listener = listener;
    }

    /** How many calls to the wrapped listener have failed. */
    long failures() {
        return failures;
    }

    @Override
    public void onOutcome(final String model, final Source source, final Outcome outcome) {
        guard("onOutcome", model, () -> listener.onOutcome(model, source, outcome));
    }

    @Override
    public void onPrediction(final String model, final Prediction prediction, final ModelState state) {
        guard("onPrediction", model, () -> listener.onPrediction(model, prediction, state));
    }

    @Override
    public void onLabelJoined(final String model, final ServedOutcome outcome) {
        guard("onLabelJoined", model, () -> listener.onLabelJoined(model, outcome));
    }

    @Override
    public void onLabels(final Changes changes) {
        guard("onLabels", null, () -> listener.onLabels(changes));
    }

    @Override
    public void onEvicted(final String model, final Eviction eviction) {
        guard("onEvicted", model, () -> listener.onEvicted(model, eviction));
    }

    @Override
    public void onRejected(final String model, final Source source, final RejectionReason reason) {
        guard("onRejected", model, () -> listener.onRejected(model, source, reason));
    }

    @Override
    public void onFailed(final String model, final Source source) {
        guard("onFailed", model, () -> listener.onFailed(model, source));
    }

    @Override
    public void onMisrouted(final Source source, final String topic) {
        guard("onMisrouted", null, () -> listener.onMisrouted(source, topic));
    }

    @Override
    public void onTaskClosed() {
        guard("onTaskClosed", null, listener::onTaskClosed);
    }

    private void guard(final String call, final String model, final Runnable notification) {
        try {
            notification.run();
        } catch (RuntimeException failure) {
            failed(call, model, failure);
        }
    }

    private void failed(final String call, final String model, final RuntimeException failure) {
        failures++;
        if (failures == 1) {
            LOG.error(
                    "The learner's listener (metrics) failed in {} for model '{}'; the record's writes stand "
                            + "and the learner continues; later failures are logged with their count only",
                    call,
                    model,
                    failure);
        } else if (Long.bitCount(failures) == 1) {
            LOG.error(
                    "The learner's listener (metrics) has failed {} times, the last in {} for model '{}': {}",
                    failures,
                    call,
                    model,
                    failure.toString());
        }
    }
}
