package io.onlinelearner.topology;

import io.onlinelearner.config.LearnerSettings;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The idle index ({@link IdleIndex}) of a task whose idle eviction is off
 * ({@code learner.models.idle-ttl-ms} unset): nothing keeps it up to date, so at the task's first
 * record after each (re)initialisation it is emptied if it holds anything (restored from a time when
 * eviction was on). Eviction turned on again then starts from an empty index, where every stored
 * model counts as seen at the first record ({@link IdleEvictions}), instead of from the stale last-seen
 * times of models that were trained while it was off.
 */
final class IdleIndexWhileOff {

    private static final Logger LOG = LoggerFactory.getLogger(IdleIndexWhileOff.class);

    private IdleIndex idle;
    private boolean firstRecord;

    /** Opens the task's index; called at every (re)initialisation of the task. */
    void init(final ProcessorContext<?, ?> context) {
        idle = new IdleIndex(context.getStateStore(Names.LAST_SEEN_STORE), 1);
        firstRecord = true;
    }

    /** Before each record: empties the index at the first record after the task's initialisation, if it holds anything. */
    void beforeRecord() {
        if (!firstRecord) {
            return;
        }
        firstRecord = false;
        final long deleted = idle.clear();
        if (deleted > 0) {
            LOG.info(
                    "Idle eviction is off ({} unset): emptied this task's index of {} entries, kept from a time it was "
                            + "on; turned on again, it starts with every stored model as seen at its first record",
                    LearnerSettings.MODELS_IDLE_TTL_MS.key(),
                    deleted);
        }
    }
}
