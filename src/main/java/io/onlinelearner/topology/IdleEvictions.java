package io.onlinelearner.topology;

import io.onlinelearner.config.LearnerSettings;
import io.onlinelearner.labels.Changes;
import io.onlinelearner.labels.ModelLabels;
import io.onlinelearner.learner.Eviction;
import io.onlinelearner.learner.ModelState;
import io.onlinelearner.store.ReadableEntries;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.state.KeyValueIterator;
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
    private final LabelsStep labels;
    private final NamesStep names;
    private final Outputs outputs;
    private LearnerListener listener;
    private IdleIndex idle;
    private KeyValueStore<String, ModelState> store;
    private boolean enterStored;

    /**
     * @param ttlMs  {@code learner.models.idle-ttl-ms}
     * @param labels labels that come later; null when they are off
     * @param names  the kept feature texts; null when none are kept
     */
    IdleEvictions(final long ttlMs, final LabelsStep labels, final NamesStep names, final Outputs outputs) {
        this.ttlMs = ttlMs;
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
        idle = new IdleIndex(context.getStateStore(Names.LAST_SEEN_STORE), ttlMs);
        idle.forgetScanned();
        enterStored = idle.isEmpty();
    }

    /** Evicts every model idle by {@code streamTime}. */
    void evictIdle(final long streamTime) {
        if (enterStored) {
            enterStored = false;
            enterStoredModels(streamTime);
        }
        for (final IdleIndex.Idle model : idle.takeIdle(streamTime)) {
            try {
                final ModelState state = readable(model.model());
                if (state != null) {
                    evict(model.model(), Eviction.of(state, streamTime - model.lastSeen()), streamTime);
                }
            } catch (KafkaException kafka) {
                throw kafka;
            } catch (RuntimeException failure) {
                keep(model, failure);
            }
        }
    }

    /**
     * Puts back a model whose eviction failed on a bug (not an exception of Kafka's, which fails the
     * task): it stays in the index, idle since its last-seen time, and is tried again after the
     * task's next initialisation, while the other idle models are evicted and the record that made
     * the stream time is handled as usual. Nothing of the eviction is forwarded.
     */
    private void keep(final IdleIndex.Idle model, final RuntimeException failure) {
        outputs.abandon();
        idle.touch(model.model(), model.lastSeen());
        LOG.error(
                "Not evicting model '{}': the learner failed on it (a bug). It stays, idle since stream time {}, "
                        + "until the task is initialised again",
                model.model(),
                model.lastSeen(),
                failure);
    }

    /**
     * Enters every stored model into an empty index as seen at {@code streamTime}: the task's models
     * stored before idle eviction was turned on (or while it was off), which would otherwise wait
     * for a record of their own to enter it. Once per task initialisation, and only while the index
     * is empty (every model with a state is in it otherwise); a state this build cannot read stays
     * out, as it would be left alone at its eviction.
     */
    private void enterStoredModels(final long streamTime) {
        final List<String> stored = new ArrayList<>();
        try (KeyValueIterator<String, ModelState> all = store.all()) {
            new ReadableEntries<>(all, unreadable -> {}).forEachRemaining(entry -> stored.add(entry.getKey()));
        }
        stored.forEach(model -> idle.touch(model, streamTime));
        if (!stored.isEmpty()) {
            LOG.info(
                    "Idle eviction: {} stored models of this task were not in its index (stored before {} was "
                            + "set); they count as seen now, at stream time {}",
                    stored.size(),
                    LearnerSettings.MODELS_IDLE_TTL_MS.key(),
                    streamTime);
        }
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

    /**
     * Encodes an idle model's last snapshot, with its label counts as they were, and its
     * {@code EVICTED} event; deletes its state, texts, remembered requests and served losses (taken
     * out of the index already; the count of joined labels stays, as it belongs to the model id);
     * then publishes the two. The
     * listener hears of the forgotten requests before the eviction, which makes it forget the model.
     */
    private void evict(final String model, final Eviction eviction, final long streamTime) {
        final ModelLabels remembered = labels == null ? null : labels.labels(model);
        final Changes forgotten = labels == null ? Changes.NONE : labels.forgetModel(model);
        outputs.evicted(model, eviction, remembered, streamTime);
        store.delete(model);
        if (names != null) {
            names.forget(model);
        }
        if (labels != null) {
            labels.write(forgotten);
        }
        outputs.send();
        if (labels != null) {
            listener.onLabels(forgotten);
        }
        listener.onEvicted(model, eviction);
    }
}
