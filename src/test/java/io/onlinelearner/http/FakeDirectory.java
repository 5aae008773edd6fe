package io.onlinelearner.http;

import io.onlinelearner.features.FeatureNames;
import io.onlinelearner.labels.ModelLabels;
import io.onlinelearner.learner.ModelState;
import io.onlinelearner.store.KeyOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.TopicPartition;

/** A {@link ModelDirectory} held in maps, for HTTP tests without Kafka. */
final class FakeDirectory implements ModelDirectory {

    /** The served-loss window of the label bookkeeping. */
    static final int WINDOW = 4;

    final Map<String, ModelState> models = new TreeMap<>();
    /** The models' feature texts, as the store of texts holds them. */
    final Map<String, FeatureNames> names = new ConcurrentHashMap<>();
    /** The models' label bookkeeping; null: labels are off. */
    volatile Map<String, ModelLabels> labels;

    final Map<String, Location> locations = new ConcurrentHashMap<>();
    final List<String> peers = new ArrayList<>();
    volatile boolean ready = true;
    volatile boolean complete = true;
    /** Run by each {@link #find}, e.g. to move partitions while a lookup reads. */
    volatile Runnable duringFind = () -> {};
    /** Run by each {@link #page}, e.g. to move partitions while a list is read. */
    volatile Runnable duringPage = () -> {};
    /** How often partitions moved: each move changes the {@link #assignment()}. */
    volatile int moves;
    /** Models whose stored state cannot be read. */
    final Set<String> unreadable = ConcurrentHashMap.newKeySet();

    @Override
    public Optional<ModelState> find(final String id) {
        checkReady();
        duringFind.run();
        if (unreadable.contains(id)) {
            throw new UnreadableException(id, new IllegalStateException("model state has format version 99"));
        }
        return Optional.ofNullable(models.get(id));
    }

    @Override
    public Optional<ModelLabels> labels(final String id) {
        checkReady();
        final Map<String, ModelLabels> known = labels;
        return known == null
                ? Optional.empty()
                : Optional.of(known.getOrDefault(id, ModelLabels.none(FakeDirectory.WINDOW)));
    }

    @Override
    public Optional<FeatureNames> featureNames(final String id) {
        checkReady();
        return Optional.ofNullable(names.get(id));
    }

    @Override
    public Page<ModelState> page(final String after, final int limit) {
        checkReady();
        duringPage.run();
        final TreeMap<String, ModelState> sorted = new TreeMap<>(KeyOrder.UTF8);
        sorted.putAll(models);
        return Page.of(sorted.entrySet().iterator(), after, limit);
    }

    @Override
    public Location locate(final String id) {
        return locations.getOrDefault(id, Location.LOCAL);
    }

    /**
     * A view of the assignment that changes whenever {@link #moves} does, present while
     * {@link #complete}.
     */
    @Override
    public Optional<Assignment> assignment() {
        return complete
                ? Optional.of(new Assignment(Map.of("here", Set.of(new TopicPartition("train", moves))), Set.of()))
                : Optional.empty();
    }

    @Override
    public List<String> peers() {
        return List.copyOf(peers);
    }

    private void checkReady() {
        if (!ready) {
            throw new NotReadyException("the model store is not available now", null);
        }
    }
}
