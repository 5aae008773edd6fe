package io.onlinelearner.labels;

import io.onlinelearner.model.Example;
import io.onlinelearner.model.Label;
import io.onlinelearner.model.Loss;
import io.onlinelearner.model.RecordRejectedException;
import io.onlinelearner.model.RejectionReason;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The rules of labels that come later, as pure functions of what a task remembers
 * ({@link PendingView}) and the task's stream time: which served predictions are remembered,
 * which label joins which request, and when a request is forgotten. Every step returns its writes
 * as {@link Changes} and writes nothing itself, so that a caller can compute everything a record
 * does before it writes anything.
 *
 * <p>Requests are remembered per model and {@code id} (compared as JSON text). A request is
 * older than the ttl when the task's stream time minus its timestamp exceeds
 * {@code learner.labels.ttl-ms}; such a request is forgotten and counted as expired. Time is
 * always passed in: nothing here reads a clock.
 */
public final class LabelJoiner {

    private final LabelSettings settings;
    private final Loss loss;

    /** A joiner with these settings, scoring served predictions with {@code loss}. */
    public LabelJoiner(final LabelSettings settings, final Loss loss) {
        this.settings = settings;
        this.loss = loss;
    }

    /** The settings. */
    public LabelSettings settings() {
        return settings;
    }

    /** {@code model}'s bookkeeping in {@code view}, or that of a model with none yet. */
    public ModelLabels labels(final PendingView view, final String model) {
        final ModelLabels labels = view.labels(model);
        return labels != null ? labels : ModelLabels.none(settings.window());
    }

    /**
     * Forgets every request older than the ttl by {@code streamTime}: the first step of every
     * record, so that expiry depends only on the records' timestamps and order.
     */
    public Changes expire(final PendingView view, final long streamTime) {
        final List<PendingView.Entry> expired = view.olderThan(streamTime - settings.ttlMs());
        if (expired.isEmpty()) {
            return Changes.NONE;
        }
        final Changes.Builder changes = new Changes.Builder();
        final Map<String, Long> perModel = new LinkedHashMap<>();
        for (final PendingView.Entry entry : expired) {
            changes.forget(entry.model(), entry.request());
            perModel.merge(entry.model(), 1L, Long::sum);
        }
        perModel.forEach((model, n) -> changes.labels(model, labels(view, model).forgotten(n)));
        return changes.expired(expired.size()).build();
    }

    /**
     * Remembers a served request, replacing one with the same {@code id}. A request already older
     * than the ttl by {@code streamTime} is not remembered (it expires at once); when the model
     * already remembers {@code max-pending} requests, the oldest of them and this one is forgotten.
     * Both count as expired; a replaced request does not.
     */
    public Changes remember(
            final PendingView view, final String model, final Remembered request, final long streamTime) {
        final Changes.Builder changes = new Changes.Builder();
        ModelLabels labels = labels(view, model);
        final Remembered replaced = view.get(model, request.idJson());
        if (replaced != null) {
            changes.forget(model, replaced);
            labels = labels.forgotten(1);
        }
        if (streamTime - request.timestamp() > settings.ttlMs()) {
            return changes.labels(model, labels).expired(1).build();
        }
        final long over = labels.pending() + 1 - settings.maxPending();
        final List<Remembered> oldest =
                over > 0 ? view.oldest(model, (int) Math.min(over, Integer.MAX_VALUE)) : List.of();
        if (!oldest.isEmpty()) {
            final Remembered youngest = oldest.get(oldest.size() - 1);
            if (request.olderThan(youngest)) {
                oldest.subList(0, oldest.size() - 1).forEach(r -> changes.forget(model, r));
                final long dropped = oldest.size() - 1;
                return changes.labels(model, labels.forgotten(dropped))
                        .expired(dropped + 1)
                        .build();
            }
            oldest.forEach(r -> changes.forget(model, r));
            labels = labels.forgotten(oldest.size());
            changes.expired(oldest.size());
        }
        return changes.remember(model, request)
                .labels(model, labels.remembered())
                .build();
    }

    /**
     * Joins a label to its remembered request. The label's {@code y} must suit the loss; the
     * request must exist, the label must not be before it, and the request must not be older than
     * the ttl by the stream time, the label's own timestamp included.
     *
     * @param labelTimestamp the label's record timestamp
     * @param streamTime     the task's stream time
     * A served loss that overflows (a finite {@code y} far from the prediction) joins all the same:
     * the outcome says so with a loss that is not finite, and the mean served loss leaves it out.
     *
     * @throws RecordRejectedException {@code INVALID_LABEL} for a label the loss does not accept,
     *                                 {@code UNKNOWN_PREDICTION} for a label that joins nothing
     */
    public Joined join(
            final PendingView view,
            final String model,
            final Label label,
            final long labelTimestamp,
            final long streamTime) {
        if (!loss.acceptsLabel(label.y())) {
            throw new RecordRejectedException(
                    RejectionReason.INVALID_LABEL,
                    "label y = " + label.y() + " is not valid for " + loss.configName() + " loss (0 or 1)");
        }
        final Remembered request = view.get(model, label.idJson());
        if (request == null) {
            throw unknown("no remembered prediction of model " + model + " has id " + label.idJson()
                    + " (never asked, already labelled, expired or forgotten)");
        }
        if (labelTimestamp < request.timestamp()) {
            throw unknown("the label of id " + label.idJson() + " at " + labelTimestamp
                    + " is before its prediction at " + request.timestamp());
        }
        final long age = Math.max(streamTime, labelTimestamp) - request.timestamp();
        if (age > settings.ttlMs()) {
            throw unknown("the prediction of id " + label.idJson() + " is " + age + " ms old, more than ttl-ms "
                    + settings.ttlMs());
        }
        final double served = servedLoss(loss, request.prediction(), label.y());
        final ModelLabels before = labels(view, model);
        final ModelLabels after = before.joined(served);
        final ServedOutcome outcome = new ServedOutcome(
                model,
                request.idJson(),
                request.prediction(),
                label.y(),
                served,
                request.parameters(),
                request.updates(),
                request.generation(),
                labelTimestamp - request.timestamp());
        final Changes changes = new Changes.Builder()
                .forget(model, request)
                .joined(model, after)
                .build();
        return new Joined(
                outcome, new Example(request.features(), label.y()), settings.holdsOut(after.joined()), after, changes);
    }

    /**
     * Forgets every request {@code model} remembers and its served losses, for a model that is
     * evicted; only the count of joined labels is kept, which belongs to the model id and is never
     * reset (it decides the holdout of the labels to come). A model that never had a label joined
     * keeps nothing.
     */
    public Changes forgetModel(final PendingView view, final String model) {
        final List<Remembered> all = view.all(model);
        final Changes.Builder changes = new Changes.Builder();
        all.forEach(r -> changes.forget(model, r));
        final long joined = labels(view, model).joined();
        if (joined == 0) {
            changes.labels(model, null);
        } else {
            changes.replaced(model, new ModelLabels(0, joined, ServedLoss.empty(settings.window())));
        }
        return changes.expired(all.size()).build();
    }

    /**
     * The loss of a served prediction against its label: {@code (p − y)²} for squared loss; for
     * logistic loss the log loss of the served probability {@code p},
     * {@code −(y·ln p + (1 − y)·ln(1 − p))}, where a probability served as exactly 0 or 1 counts
     * as the nearest double inside (0, 1), so that the loss stays finite.
     */
    public static double servedLoss(final Loss loss, final double prediction, final double y) {
        return switch (loss) {
            case SQUARED -> {
                final double error = prediction - y;
                yield error * error;
            }
            case LOGISTIC -> {
                final double p = Math.min(Math.max(prediction, Double.MIN_VALUE), Math.nextDown(1.0));
                yield y == 1.0 ? -Math.log(p) : -Math.log1p(-p);
            }
        };
    }

    private static RecordRejectedException unknown(final String message) {
        return new RecordRejectedException(RejectionReason.UNKNOWN_PREDICTION, message);
    }

    /**
     * A label joined to its request, before anything is written.
     *
     * @param outcome   the record for {@code outcomes}
     * @param example   the remembered features with the label, for the learner
     * @param validates true when the example is handled as a validation record (the holdout), else as a training one
     * @param labels    the model's bookkeeping afterwards
     * @param changes   the writes: the request forgotten, the bookkeeping updated
     */
    public record Joined(
            ServedOutcome outcome, Example example, boolean validates, ModelLabels labels, Changes changes) {}
}
