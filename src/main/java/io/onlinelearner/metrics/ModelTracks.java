package io.onlinelearner.metrics;

import io.onlinelearner.config.LearnerSettings;
import io.onlinelearner.labels.ModelLabels;
import io.onlinelearner.learner.ModelStatus;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link ModelTrack}s of {@link LearnerObservations}, one per model this instance keeps
 * something about: at most {@code maxModels} of them with series of their own, the others counted
 * only; the number of models by status, counted when read; and the watchers told when a model with series appears or
 * is forgotten. A model is forgotten when it is evicted or when the task of its partition closes
 * here ({@link #release}), so that what is kept grows with the models this instance holds.
 * Thread-safe: each model is tracked by the stream thread of its task, read by scrapes and pages.
 */
final class ModelTracks {

    private static final Logger LOG = LoggerFactory.getLogger(LearnerObservations.class);

    private final int maxModels;
    private final ConcurrentHashMap<String, ModelTrack> models = new ConcurrentHashMap<>();
    private final AtomicInteger withSeries = new AtomicInteger();
    private final AtomicBoolean toldOfTheBound = new AtomicBoolean();
    private final List<Consumer<ModelTrack>> seriesWatchers = new CopyOnWriteArrayList<>();
    private final List<Consumer<ModelTrack>> removalWatchers = new CopyOnWriteArrayList<>();

    ModelTracks(final int maxModels) {
        this.maxModels = maxModels;
    }

    /** The model's track, null when none is kept. */
    ModelTrack get(final String model) {
        return models.get(model);
    }

    /**
     * The model's track, made when there is none; either way noted as handled in {@code partition}.
     * A track made with series of its own first takes in the model's label bookkeeping as {@code
     * labels} reads it (requests remembered while the model was not kept), when there is any.
     */
    ModelTrack track(final String model, final int partition, final Function<String, ModelLabels> labels) {
        final ModelTrack known = models.get(model);
        if (known != null) {
            known.handledIn(partition);
            return known;
        }
        final ModelTrack created = models.computeIfAbsent(model, this::newTrack);
        created.handledIn(partition);
        if (created.hasSeries()) {
            final ModelLabels remembered = labels.apply(model);
            if (remembered != null) {
                created.labels(remembered);
            }
            seriesWatchers.forEach(watcher -> watcher.accept(created));
        }
        return created;
    }

    /** Forgets the model, if tracked, and frees its place among the models with series. */
    void forget(final String model) {
        final ModelTrack track = models.get(model);
        if (track != null) {
            forget(track);
        }
    }

    /** Forgets every model last handled in {@code partition}: one pass over the tracks. */
    void release(final int partition) {
        for (final ModelTrack track : models.values()) {
            if (track.partition() == partition) {
                forget(track);
            }
        }
    }

    /** The number of models kept. */
    int size() {
        return models.size();
    }

    /**
     * The models kept whose latest status is {@code status}, counted now: one pass over the tracks
     * (a few milliseconds at a million models, at each scrape), so that no count can drift when a
     * model is forgotten while its record is being recorded on another thread.
     */
    long count(final ModelStatus status) {
        long count = 0;
        for (final ModelTrack track : models.values()) {
            if (track.status() == status) {
                count++;
            }
        }
        return count;
    }

    /** Every track kept, as they are now. */
    Collection<ModelTrack> all() {
        return models.values();
    }

    /** The histories of the models with their own series, by model id. */
    List<ModelHistory> histories() {
        final List<ModelHistory> out = new ArrayList<>();
        for (final ModelTrack track : models.values()) {
            if (track.hasSeries() && track.state() != null) {
                out.add(track.history());
            }
        }
        out.sort(Comparator.comparing(ModelHistory::model));
        return out;
    }

    /** Hands {@code watcher} every model with series now, and each later one when first seen. */
    void watchSeries(final Consumer<ModelTrack> watcher) {
        seriesWatchers.add(watcher);
        models.values().stream().filter(ModelTrack::hasSeries).forEach(watcher);
    }

    /** Hands {@code watcher} every model with series that is forgotten, once. */
    void watchRemovals(final Consumer<ModelTrack> watcher) {
        removalWatchers.add(watcher);
    }

    private void forget(final ModelTrack track) {
        if (!models.remove(track.model(), track)) {
            return;
        }
        if (track.hasSeries()) {
            withSeries.decrementAndGet();
            removalWatchers.forEach(watcher -> watcher.accept(track));
        }
    }

    private ModelTrack newTrack(final String model) {
        if (withSeries.get() < maxModels) {
            if (withSeries.incrementAndGet() <= maxModels) {
                return ModelTrack.withSeries(
                        model, LearnerObservations.HISTORY_POINTS, LearnerObservations.TRAIN_SAMPLE_EVERY);
            }
            withSeries.decrementAndGet();
        }
        if (!toldOfTheBound.getAndSet(true)) {
            LOG.info(
                    "Model '{}' and later ones get no series of their own: {} models have them ({}); they "
                            + "still count in the totals",
                    model,
                    maxModels,
                    LearnerSettings.METRICS_MAX_MODELS.key());
        }
        return ModelTrack.totalsOnly(model);
    }
}
