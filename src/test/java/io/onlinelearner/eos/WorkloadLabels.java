package io.onlinelearner.eos;

import io.onlinelearner.model.RejectionReason;
import io.onlinelearner.topology.Source;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The labels of a {@link Workload}: a label on {@code labels} for the prediction requests of its
 * filler steps, most of them one step later (well within {@link EosSettings#LABELS_TTL_MS}),
 * which join their request; with {@code holdout-every} some of these validate. Some break the
 * rules, and the learner must dead-letter each as {@code unknown-prediction} and change nothing:
 *
 * <ul>
 *   <li>every {@value #LATE_EVERY}th request gets its label only {@value #LATE_STEPS} steps later,
 *       past the ttl (the request expires first);
 *   <li>every {@value #SECOND_EVERY}th request that is labelled in time gets a second label;
 *   <li>every {@value #UNKNOWN_EVERY}th step has a label for an id that no request has;
 *   <li>every {@value #EARLY_EVERY}th step has a label for one of the step's requests just before
 *       the request (a label before its request); that request is labelled in time the next step.
 * </ul>
 *
 * Each model's labels are on its partition of {@code labels}, so with two models a partition every
 * step has records on {@code labels} within reach, as the merge by timestamp needs.
 */
final class WorkloadLabels {

    static final int LATE_EVERY = 9;
    static final int LATE_STEPS = 8;
    static final int SECOND_EVERY = 7;
    static final int UNKNOWN_EVERY = 6;
    static final int EARLY_EVERY = 4;

    private final int partitions;
    private final List<String> models;
    private final List<Due> due = new ArrayList<>();
    private int requests;
    private int step;

    /** The labels of {@code models}, whose records go to {@code partitions} partitions. */
    WorkloadLabels(final int partitions, final List<String> models) {
        this.partitions = partitions;
        this.models = models;
    }

    /**
     * Starts a filler step whose requests will have {@code id}: adds, from timestamp {@code ts} on,
     * the labels due now, then the rule-breaking labels of the step; returns the next timestamp.
     */
    long startStep(final List<Workload.Input> records, final long ts, final String id) {
        long next = ts;
        for (final Iterator<Due> it = due.iterator(); it.hasNext(); ) {
            final Due d = it.next();
            if (d.step() == step) {
                records.add(label(d.model(), next++, d.id(), d.y(), d.unknown()));
                it.remove();
            }
        }
        if (step % UNKNOWN_EVERY == UNKNOWN_EVERY - 1) {
            records.add(label(models.get(step % models.size()), next++, "nobody-" + step, 1.0, true));
        }
        if (step % EARLY_EVERY == EARLY_EVERY - 2) {
            records.add(label(models.get((step / EARLY_EVERY) % models.size()), next++, id, 0.0, true));
        }
        return next;
    }

    /** A request of this step for {@code model} with {@code id}, whose true label is {@code y}: schedules its labels. */
    void requested(final String model, final String id, final double y) {
        final int k = requests++;
        if (k % LATE_EVERY == LATE_EVERY - 5) {
            due.add(new Due(step + LATE_STEPS, model, id, y, true));
            return;
        }
        due.add(new Due(step + 1, model, id, y, false));
        if (k % SECOND_EVERY == SECOND_EVERY - 4) {
            due.add(new Due(step + 1, model, id, y, true));
        }
    }

    /** Ends the step. */
    void endStep() {
        step++;
    }

    private Workload.Input label(
            final String model, final long ts, final String id, final double y, final boolean unknown) {
        return new Workload.Input(
                Source.LABELS,
                model,
                Workload.partitionFor(model, partitions),
                ts,
                ("{\"id\":\"" + id + "\",\"y\":" + y + "}").getBytes(StandardCharsets.UTF_8),
                unknown ? RejectionReason.UNKNOWN_PREDICTION.code() : null);
    }

    /** A label to produce at {@code step}; {@code unknown} when it must join nothing. */
    private record Due(int step, String model, String id, double y, boolean unknown) {}
}
