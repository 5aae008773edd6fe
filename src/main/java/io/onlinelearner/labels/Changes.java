package io.onlinelearner.labels;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The writes one step of the {@link LabelJoiner} asks for, in the order to apply them: requests to
 * forget, requests to remember, and the new bookkeeping of each model it touched (null: delete
 * it), with the models whose served-loss window changed (a label joined), so that the others'
 * window need not be written again. Also what the step counts: requests forgotten without a label ({@link #expired()}). A value
 * once built.
 */
public final class Changes {

    /** No change. */
    public static final Changes NONE = new Builder().build();

    private final List<PendingView.Entry> forgotten;
    private final List<PendingView.Entry> remembered;
    private final Map<String, ModelLabels> labels;
    private final Set<String> windows;
    private final long expired;

    private Changes(final Builder builder) {
        this.forgotten = Collections.unmodifiableList(builder.forgotten);
        this.remembered = Collections.unmodifiableList(builder.remembered);
        this.labels = Collections.unmodifiableMap(builder.labels);
        this.windows = Collections.unmodifiableSet(builder.windows);
        this.expired = builder.expired;
    }

    /** The requests to forget, in order. */
    public List<PendingView.Entry> forgotten() {
        return forgotten;
    }

    /** The requests to remember, in order. */
    public List<PendingView.Entry> remembered() {
        return remembered;
    }

    /** The new bookkeeping of each model touched, by model id, in the order first touched; a null value deletes it. */
    public Map<String, ModelLabels> labels() {
        return labels;
    }

    /** The models of {@link #labels()} whose served-loss window changed. */
    public Set<String> windows() {
        return windows;
    }

    /** How many requests this step forgets without a label: past the ttl, pushed out by max-pending, evicted. */
    public long expired() {
        return expired;
    }

    /** True when there is nothing to write. */
    public boolean isEmpty() {
        return forgotten.isEmpty() && remembered.isEmpty() && labels.isEmpty();
    }

    @Override
    public String toString() {
        return "Changes[forgotten=" + forgotten + ", remembered=" + remembered + ", labels=" + labels + ", windows="
                + windows + ", expired=" + expired + "]";
    }

    /**
     * Collects the changes of one step. Not thread-safe; {@link #build()} once, as the changes it
     * builds view its collections.
     */
    static final class Builder {
        private final List<PendingView.Entry> forgotten = new ArrayList<>();
        private final List<PendingView.Entry> remembered = new ArrayList<>();
        private final Map<String, ModelLabels> labels = new LinkedHashMap<>();
        private final Set<String> windows = new HashSet<>();
        private long expired;

        Builder forget(final String model, final Remembered request) {
            forgotten.add(new PendingView.Entry(model, request));
            return this;
        }

        Builder remember(final String model, final Remembered request) {
            remembered.add(new PendingView.Entry(model, request));
            return this;
        }

        Builder labels(final String model, final ModelLabels value) {
            labels.put(model, value);
            return this;
        }

        Builder joined(final String model, final ModelLabels value) {
            return replaced(model, value);
        }

        /** {@code model}'s bookkeeping replaced whole, its window included. */
        Builder replaced(final String model, final ModelLabels value) {
            windows.add(model);
            return labels(model, value);
        }

        Builder expired(final long n) {
            expired += n;
            return this;
        }

        Changes build() {
            return new Changes(this);
        }
    }
}
