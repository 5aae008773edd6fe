package io.onlinelearner.metrics;

import io.onlinelearner.learner.Cause;
import io.onlinelearner.learner.ControlEvent;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts of the events on {@code control}, by event and cause, for every pair the contract allows
 * (so that each has its series from the start, at 0): {@code STOPPED} by early stopping or command,
 * {@code RESUMED} and {@code RESET} by command or drift, {@code LR_CHANGED} by command or plateau,
 * {@code DRIFT} by drift, {@code IGNORED} by command and {@code EVICTED} by idle. Thread-safe; counting costs one map lookup
 * and one add.
 */
final class EventCounts {

    /** One (event, cause) pair. */
    record Key(String event, String cause) {}

    private final Map<Key, LongAdder> counts = new LinkedHashMap<>();

    EventCounts() {
        add("STOPPED", Cause.EARLY_STOPPING, Cause.COMMAND);
        add("RESUMED", Cause.COMMAND, Cause.DRIFT);
        add("RESET", Cause.COMMAND, Cause.DRIFT);
        add("LR_CHANGED", Cause.COMMAND, Cause.PLATEAU);
        add("DRIFT", Cause.DRIFT);
        add("IGNORED", Cause.COMMAND);
        add("EVICTED", Cause.IDLE);
    }

    private void add(final String event, final Cause... causes) {
        for (final Cause cause : causes) {
            counts.put(new Key(event, cause.wireName()), new LongAdder());
        }
    }

    /** Counts one event; a pair the contract does not list is not counted. */
    void count(final ControlEvent event) {
        final LongAdder count = counts.get(new Key(event.event(), event.cause().wireName()));
        if (count != null) {
            count.increment();
        }
    }

    /** Every pair counted, in a fixed order. */
    List<Key> keys() {
        return List.copyOf(counts.keySet());
    }

    /** The count of one pair so far (0 for a pair not counted). */
    long count(final Key key) {
        final LongAdder count = counts.get(key);
        return count == null ? 0L : count.sum();
    }

    /** All events counted so far. */
    long total() {
        return counts.values().stream().mapToLong(LongAdder::sum).sum();
    }
}
