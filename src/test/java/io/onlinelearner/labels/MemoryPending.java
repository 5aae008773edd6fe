package io.onlinelearner.labels;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** A task's remembered requests in plain maps, for tests of the pure core: a {@link PendingView} that applies {@link Changes}. */
public final class MemoryPending implements PendingView {

    private static final Comparator<Entry> AGE = Comparator.comparingLong(
                    (Entry e) -> e.request().timestamp())
            .thenComparingLong(e -> e.request().sequence());

    private final Map<String, Map<String, Remembered>> byId = new HashMap<>();
    private final TreeSet<Entry> byAge = new TreeSet<>(AGE);
    private final Map<String, ModelLabels> labels = new HashMap<>();

    @Override
    public Remembered get(final String model, final String idJson) {
        return byId.getOrDefault(model, Map.of()).get(idJson);
    }

    @Override
    public List<Remembered> oldest(final String model, final int n) {
        return all(model).stream().limit(n).toList();
    }

    @Override
    public List<Remembered> all(final String model) {
        return byAge.stream()
                .filter(e -> e.model().equals(model))
                .map(Entry::request)
                .toList();
    }

    @Override
    public List<Entry> olderThan(final long bound) {
        final List<Entry> older = new ArrayList<>();
        for (final Entry entry : byAge) {
            if (entry.request().timestamp() >= bound) {
                break;
            }
            older.add(entry);
        }
        return older;
    }

    @Override
    public ModelLabels labels(final String model) {
        return labels.get(model);
    }

    /** Writes {@code changes} in their order. */
    public MemoryPending apply(final Changes changes) {
        for (final Entry entry : changes.forgotten()) {
            final Remembered removed =
                    byId.get(entry.model()).remove(entry.request().idJson());
            if (!entry.request().equals(removed) || !byAge.remove(entry)) {
                throw new IllegalStateException("forgot what was not remembered: " + entry);
            }
        }
        for (final Entry entry : changes.remembered()) {
            if (byId.computeIfAbsent(entry.model(), m -> new HashMap<>())
                            .put(entry.request().idJson(), entry.request())
                    != null) {
                throw new IllegalStateException("remembered over a request without forgetting it: " + entry);
            }
            byAge.add(entry);
        }
        changes.labels().forEach((model, value) -> {
            if (value == null) {
                labels.remove(model);
            } else {
                labels.put(model, value);
            }
        });
        return this;
    }

    /** How many requests {@code model} remembers, counted. */
    public int count(final String model) {
        return byId.getOrDefault(model, Map.of()).size();
    }
}
