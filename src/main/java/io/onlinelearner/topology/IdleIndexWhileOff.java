package io.onlinelearner.topology;

import io.onlinelearner.config.LearnerSettings;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The idle index ({@link IdleIndex}) of a task whose idle eviction is off
 * ({@code learner.models.idle-ttl-ms} unset): nothing keeps it up to date, so what it holds (restored
 * from a time when eviction was on) is deleted, a bounded number of entries a record
 * ({@link IndexCatchUp}), until it is empty. Eviction turned on again then starts from an empty index,
 * where every stored model counts as seen when it enters ({@link IdleEvictions}), instead of from the
 * stale last-seen times of models that were trained while it was off.
 */
final class IdleIndexWhileOff {

    private static final Logger LOG = LoggerFactory.getLogger(IdleIndexWhileOff.class);

    private final int chunk;
    private IndexCatchUp catchUp;
    private boolean empty;

    /** @param chunk the entries one record deletes at most */
    IdleIndexWhileOff(final int chunk) {
        this.chunk = chunk;
    }

    /** Opens the task's index; called at every (re)initialisation of the task. */
    void init(final ProcessorContext<?, ?> context) {
        final KeyValueStore<Bytes, byte[]> store = context.getStateStore(Names.LAST_SEEN_STORE);
        catchUp = new IndexCatchUp(store, new IdleIndex(store, 1), null, chunk);
        empty = false;
    }

    /** Before each record: deletes the next entries of the index until it is empty. */
    void beforeRecord() {
        if (empty) {
            return;
        }
        empty = catchUp.emptyStep() == IndexCatchUp.Phase.DONE;
        if (empty && catchUp.cleared() > 0) {
            LOG.info(
                    "Idle eviction is off ({} unset): emptied this task's index of {} entries, kept from a time it was "
                            + "on; turned on again, it starts with every stored model as seen when it enters",
                    LearnerSettings.MODELS_IDLE_TTL_MS.key(),
                    catchUp.cleared());
        }
    }
}
