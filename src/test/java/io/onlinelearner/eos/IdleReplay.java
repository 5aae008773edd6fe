package io.onlinelearner.eos;

import io.onlinelearner.learner.Eviction;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Idle eviction in the {@link Replay}: the last-seen time of every model with a state, by task
 * (partition). The workload's timestamps strictly increase and each task handles its records in
 * timestamp order, so a task's stream time at a record is that record's timestamp; before the
 * record, every model of its partition last seen more than the ttl earlier is evicted, as the
 * learner does.
 */
final class IdleReplay {

    private final long ttlMs;
    private final Map<Integer, Map<String, Long>> lastSeen = new HashMap<>();

    /**
     * @param ttlMs {@code learner.models.idle-ttl-ms}
     */
    IdleReplay(final long ttlMs) {
        this.ttlMs = ttlMs;
    }

    /** Takes out the models of {@code partition} idle at {@code streamTime}, each with its idle time. */
    List<Map.Entry<String, Long>> takeIdle(final int partition, final long streamTime) {
        final Map<String, Long> models = lastSeen.computeIfAbsent(partition, p -> new HashMap<>());
        final List<Map.Entry<String, Long>> idle = new ArrayList<>();
        models.forEach((model, seen) -> {
            if (Eviction.idle(seen, streamTime, ttlMs)) {
                idle.add(Map.entry(model, streamTime - seen));
            }
        });
        idle.forEach(e -> models.remove(e.getKey()));
        return idle;
    }

    /** Every model's last-seen time, over all tasks: what the idle index must hold at the end. */
    Map<String, Long> lastSeen() {
        final Map<String, Long> all = new java.util.TreeMap<>();
        lastSeen.values().forEach(all::putAll);
        return all;
    }

    /** A valid record of {@code model}, which has a state afterwards, was handled at {@code streamTime}. */
    void seen(final int partition, final String model, final long streamTime) {
        lastSeen.computeIfAbsent(partition, p -> new HashMap<>()).put(model, streamTime);
    }
}
