package io.onlinelearner.labels;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;

/**
 * A task's remembered requests by age, in memory: every request's model and id in the task's age
 * order, and each model's ids in its own and as a set, so that an id it does not name needs no
 * read of the store. Age order is {@link Remembered#olderThan}'s: timestamp,
 * then sequence (compared unsigned, as the bytes of the store's keys compare).
 *
 * <p>It is derived data, never a source of truth: whoever keeps the requests builds it from them
 * (again after every restore) and changes it with every request remembered or forgotten, so it
 * always names exactly the requests kept. Keeping the two orders here rather than as keys of
 * the store means a request costs one key there, not three. Mutable; not thread-safe.
 */
public final class AgeIndex {

    private final NavigableMap<Age, Request> task = new TreeMap<>();
    private final Map<String, ModelAges> models = new HashMap<>();

    /** One model's requests: ids by age, and the set of them. */
    private static final class ModelAges {
        private final NavigableMap<Age, String> byAge = new TreeMap<>();
        private final Set<String> ids = new HashSet<>();
    }

    /** Adds {@code request} of {@code model}; a model's ids are unique (a request replaces its id's). */
    public void add(final String model, final Remembered request) {
        final Age age = Age.of(model, request);
        task.put(age, new Request(model, request.idJson()));
        final ModelAges ages = models.computeIfAbsent(model, m -> new ModelAges());
        ages.byAge.put(age, request.idJson());
        ages.ids.add(request.idJson());
    }

    /** Removes {@code request} of {@code model}; nothing when it is not there. */
    public void remove(final String model, final Remembered request) {
        final Age age = Age.of(model, request);
        task.remove(age);
        final ModelAges ages = models.get(model);
        if (ages != null && ages.byAge.remove(age) != null) {
            ages.ids.remove(request.idJson());
            if (ages.byAge.isEmpty()) {
                models.remove(model);
            }
        }
    }

    /** True when {@code model} has a request with {@code idJson}. */
    public boolean contains(final String model, final String idJson) {
        final ModelAges ages = models.get(model);
        return ages != null && ages.ids.contains(idJson);
    }

    /** The ids of the {@code n} oldest requests of {@code model}, oldest first. */
    public List<String> oldest(final String model, final int n) {
        final ModelAges ages = models.get(model);
        if (ages == null) {
            return List.of();
        }
        final NavigableMap<Age, String> ids = ages.byAge;
        final List<String> oldest = new ArrayList<>(Math.min(n, ids.size()));
        for (final String id : ids.values()) {
            if (oldest.size() == n) {
                break;
            }
            oldest.add(id);
        }
        return oldest;
    }

    /** The task's requests with a timestamp before {@code bound}, oldest first. */
    public List<Request> olderThan(final long bound) {
        if (task.isEmpty() || task.firstKey().timestamp() >= bound) {
            return List.of();
        }
        return new ArrayList<>(task.headMap(new Age(bound, 0, "", ""), false).values());
    }

    /** The number of requests indexed. */
    public int size() {
        return task.size();
    }

    /** Forgets everything. */
    public void clear() {
        task.clear();
        models.clear();
    }

    /**
     * A remembered request, named.
     *
     * @param model  its model id
     * @param idJson its id, the join key
     */
    public record Request(String model, String idJson) {}

    /**
     * A request's place in age order: timestamp, then sequence compared unsigned, then model and id,
     * which only break ties that arrival order cannot have. Compared field by field, without boxing:
     * each request remembered or forgotten costs a few dozen comparisons in the two trees.
     */
    private record Age(long timestamp, long sequence, String model, String idJson) implements Comparable<Age> {
        static Age of(final String model, final Remembered request) {
            return new Age(request.timestamp(), request.sequence(), model, request.idJson());
        }

        @Override
        public int compareTo(final Age other) {
            int order = Long.compare(timestamp, other.timestamp);
            if (order == 0) {
                order = Long.compareUnsigned(sequence, other.sequence);
            }
            if (order == 0) {
                order = model.compareTo(other.model);
            }
            return order != 0 ? order : idJson.compareTo(other.idJson);
        }
    }
}
