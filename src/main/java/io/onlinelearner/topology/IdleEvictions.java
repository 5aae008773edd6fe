package io.onlinelearner.topology;

import io.onlinelearner.config.LearnerSettings;
import io.onlinelearner.labels.Changes;
import io.onlinelearner.labels.ModelLabels;
import io.onlinelearner.learner.Eviction;
import io.onlinelearner.learner.ModelState;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Idle eviction for the {@link LearnerProcessor} ({@code learner.models.idle-ttl-ms}): before each
 * record, every model of the task that the stream time has left idle ({@link IdleIndex}) is
 * evicted: its state, feature texts and remembered requests are deleted, then its last snapshot
 * and its {@code EVICTED} event are forwarded. After a valid record of a model that has a state,
 * the model's last-seen time becomes the stream time.
 */
final class IdleEvictions {

    private static final Logger LOG = LoggerFactory.getLogger(IdleEvictions.class);

    private final long ttlMs;
    private final int chunk;
    private final LabelsStep labels;
    private final NamesStep names;
    private final Outputs outputs;
    private LearnerListener listener;
    private IdleIndex idle;
    private KeyValueStore<String, ModelState> store;
    private IndexCatchUp catchUp;
    private boolean caughtUp;

    /**
     * @param ttlMs  {@code learner.models.idle-ttl-ms}
     * @param labels labels that come later; null when they are off
     * @param names  the feature texts of hashed models; null in dense mode
     * @param chunk  the index entries or stored models one record handles at most while the index
     *               catches up with the store ({@link IndexCatchUp})
     */
    IdleEvictions(
            final long ttlMs, final LabelsStep labels, final NamesStep names, final Outputs outputs, final int chunk) {
        this.ttlMs = ttlMs;
        this.chunk = chunk;
        this.labels = labels;
        this.names = names;
        this.outputs = outputs;
    }

    /**
     * Opens the task's stores and takes the task's listener, told of each eviction; called at every
     * (re)initialisation of the task.
     */
    void init(final ProcessorContext<?, ?> context, final LearnerListener taskListener) {
        listener = taskListener;
        store = context.getStateStore(Names.STORE);
        final KeyValueStore<Bytes, byte[]> indexStore = context.getStateStore(Names.LAST_SEEN_STORE);
        idle = new IdleIndex(indexStore, ttlMs);
        idle.forgetScanned();
        catchUp = new IndexCatchUp(indexStore, idle, store, chunk);
        caughtUp = false;
    }

    /**
     * Evicts every model idle by {@code streamTime}, once the index holds no entry kept while
     * eviction was off; until the index has caught up with the store, each call first takes one
     * bounded step of that ({@link IndexCatchUp}).
     */
    void evictIdle(final long streamTime) {
        if (!caughtUp && catchUp(streamTime) == IndexCatchUp.Phase.CLEARING) {
            return;
        }
        for (final IdleIndex.Idle model : idle.takeIdle(streamTime)) {
            final Evicting evicting;
            try {
                evicting = prepare(model, streamTime);
            } catch (KafkaException kafka) {
                throw kafka;
            } catch (RuntimeException failure) {
                keep(model, streamTime, failure);
                continue;
            }
            if (evicting != null) {
                evict(evicting);
            }
        }
    }

    /**
     * Puts back a model whose eviction failed on a bug (not an exception of Kafka's, which fails the
     * task) while it was computed, before anything of it was written: it stays in the index, idle
     * since its last-seen time, and is tried again one ttl of stream time later, while the other idle
     * models are evicted and the record that made the stream time is handled as usual. Nothing of the
     * eviction is forwarded.
     */
    private void keep(final IdleIndex.Idle model, final long streamTime, final RuntimeException failure) {
        outputs.abandon();
        idle.keep(model, streamTime);
        LOG.error(
                "Not evicting model '{}': the learner failed on it (a bug). It stays, idle since stream time {}, and "
                        + "is tried again at stream time {}",
                model.model(),
                model.lastSeen(),
                streamTime + ttlMs + 1,
                failure);
    }

    private IndexCatchUp.Phase catchUp(final long streamTime) {
        final IndexCatchUp.Phase phase = catchUp.step(streamTime);
        caughtUp = phase == IndexCatchUp.Phase.DONE;
        if (caughtUp && catchUp.cleared() + catchUp.entered() > 0) {
            LOG.info(
                    "Idle eviction: this task's index caught up with its store ({} entries kept from a time {} was "
                            + "unset deleted, {} stored models entered as seen when they entered, by stream time {})",
                    catchUp.cleared(),
                    LearnerSettings.MODELS_IDLE_TTL_MS.key(),
                    catchUp.entered(),
                    streamTime);
        }
        return phase;
    }

    /** The model's state; null when it has none, or one this build cannot read, which stays as it is. */
    private ModelState readable(final String model) {
        try {
            return StateReads.read(store, model);
        } catch (StateReads.Unreadable e) {
            LOG.warn("Not evicting model '{}': {}", model, e.getMessage());
            return null;
        }
    }

    /** Keeps {@code model} from idle eviction for now: a valid record of it was handled and it has a state. */
    void seen(final String model, final ModelState state, final long streamTime) {
        if (state != null) {
            idle.touch(model, streamTime);
        }
    }

    /** An idle model's eviction, computed and its outputs encoded and held, nothing written yet. */
    private record Evicting(String model, Eviction eviction, Changes forgotten) {}

    /**
     * Computes an idle model's eviction and encodes its last snapshot, with its label counts as they
     * were, and its {@code EVICTED} event, writing nothing; null when the model has no state this
     * build can read.
     */
    private Evicting prepare(final IdleIndex.Idle model, final long streamTime) {
        final ModelState state = readable(model.model());
        if (state == null) {
            return null;
        }
        final Eviction eviction = Eviction.of(state, streamTime - model.lastSeen());
        final ModelLabels remembered = labels == null ? null : labels.labels(model.model());
        final Changes forgotten = labels == null ? Changes.NONE : labels.forgetModel(model.model());
        outputs.evicted(model.model(), eviction, remembered, streamTime);
        return new Evicting(model.model(), eviction, forgotten);
    }

    /**
     * Deletes an idle model's state, texts, remembered requests and served losses (taken out of the
     * index already; the count of joined labels stays, as it belongs to the model id), then publishes
     * its last snapshot and {@code EVICTED} event. The listener hears of the forgotten requests before
     * the eviction, which makes it forget the model.
     */
    private void evict(final Evicting evicting) {
        store.delete(evicting.model());
        if (names != null) {
            names.forget(evicting.model());
        }
        if (labels != null) {
            labels.write(evicting.forgotten());
        }
        outputs.send();
        if (labels != null) {
            listener.onLabels(evicting.forgotten());
        }
        listener.onEvicted(evicting.model(), evicting.eviction());
    }
}
