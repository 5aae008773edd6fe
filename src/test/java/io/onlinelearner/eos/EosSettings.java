package io.onlinelearner.eos;

import io.onlinelearner.config.LearnerConfig;
import io.onlinelearner.config.LearnerSettings;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * The config file every exactly-once test gives {@code run}, and the same learner settings for the
 * replay. Everything not set here is the production default; in particular
 * {@code processing.guarantee} stays {@code exactly_once_v2}, the thread-replacement handler, the
 * metrics and the HTTP API are those of {@code run}. Each setting says why a test must set it.
 */
final class EosSettings {

    /**
     * {@code learner.models.idle-ttl-ms}, in the workload's timestamps (one per record): more than
     * the gap between two records of a workload model (at most about 75) and less than the gap
     * between a visitor's last record of one block and its first of the next (about 115), so that
     * visitors, and only they, are evicted between blocks.
     */
    static final long IDLE_TTL_MS = 100;

    /** Validation records per round. */
    static final int WINDOW = 8;

    /**
     * How long a request waits for its label, by record timestamps (the workload's advance one
     * millisecond per record): longer than a filler step's labels need, shorter than
     * {@link WorkloadLabels#LATE_STEPS} steps.
     */
    static final long LABELS_TTL_MS = 300;

    /** Every this many joined labels of a model, the example validates. */
    static final int HOLDOUT_EVERY = 4;

    /**
     * Transactions of half a second (100 ms by default under exactly-once) with outputs sent at
     * once (no linger): most of the time a transaction is open with snapshots in it, which is when
     * the tests strike.
     */
    static final Map<String, String> LONG_TRANSACTIONS = Map.of("commit.interval.ms", "500", "producer.linger.ms", "0");

    /**
     * A SIGKILLed instance leaves its group only when its session expires: 6 s instead of 45 s, so
     * that a restarted or surviving instance gets its partitions within seconds, not a minute
     * (the broker's {@code group.min.session.timeout.ms} is 6 s). Heartbeats every 2 s, a third of it.
     * Transactions time out after 10 s instead of the learner's 60 s: still above the session, as
     * the learner's default is above 45 s, and a killed instance's open transaction holds the
     * {@code read_committed} reads of the tests back for seconds, not a minute.
     */
    static final Map<String, String> SHORT_SESSION = Map.of(
            "session.timeout.ms", "6000", "heartbeat.interval.ms", "2000", "producer.transaction.timeout.ms", "10000");

    private EosSettings() {}

    /**
     * The learner's own settings: a model of the workload's dimension, a quick learning rate, short
     * rounds and an impatient early stopping, so that a small workload has many rounds and stops;
     * a plateau schedule more impatient still (one round without improvement halves the rate), so
     * that plateau-caused rate changes come before the stops; Page-Hinkley drift detection
     * resuming a stopped model, so that the drifting models' losses fire it and drift events and
     * drift-caused resumes happen under the kills too; labels that come later, with a short ttl
     * and a holdout, so that joins, held-out examples, expiries and unknown labels happen too;
     * idle eviction after {@link #IDLE_TTL_MS}, so that the workload's visitors are evicted under
     * the kills too.
     */
    static Map<String, String> learner() {
        final Map<String, String> p = new LinkedHashMap<>();
        p.put(LearnerSettings.ADAM_LR.key(), "0.05");
        p.put(LearnerSettings.MODEL_FEATURES.key(), String.valueOf(Workload.FEATURES));
        p.put(LearnerSettings.STOPPING_VALIDATION_WINDOW.key(), String.valueOf(WINDOW));
        p.put(LearnerSettings.STOPPING_PATIENCE.key(), "2");
        p.put(LearnerSettings.PLATEAU_FACTOR.key(), "0.5");
        p.put(LearnerSettings.PLATEAU_PATIENCE.key(), "1");
        p.put(LearnerSettings.DRIFT_DETECTOR.key(), LearnerSettings.DETECTOR_PAGE_HINKLEY);
        p.put(LearnerSettings.DRIFT_ACTION.key(), "reset");
        p.put(LearnerSettings.LABELS_ENABLED.key(), "true");
        p.put(LearnerSettings.LABELS_TTL_MS.key(), String.valueOf(LABELS_TTL_MS));
        p.put(LearnerSettings.LABELS_HOLDOUT_EVERY.key(), String.valueOf(HOLDOUT_EVERY));
        p.put(LearnerSettings.MODELS_IDLE_TTL_MS.key(), String.valueOf(IDLE_TTL_MS));
        return p;
    }

    /**
     * The config file of one {@code run} instance.
     *
     * @param bootstrap the test broker; with it set, {@code run} starts no broker of its own
     * @param appId     the application id: unique on the shared broker, the same for instances of one test
     * @param topics    the test's own topics on the shared broker
     * @param stateDir  the instance's state folder (Kafka Streams' default is shared by every
     *                  process of the machine)
     * @param extra     the test's own settings, each explained where it is chosen
     */
    static Map<String, String> run(
            final String bootstrap,
            final String appId,
            final TopicNames topics,
            final Path stateDir,
            final Map<String, String> extra) {
        final Map<String, String> p = new LinkedHashMap<>(learner());
        p.put("bootstrap.servers", bootstrap);
        p.put("application.id", appId);
        p.put("state.dir", stateDir.toAbsolutePath().toString());
        p.putAll(topics.settings());
        // Any free port: 8080 may be taken by another test or program on the machine.
        p.put(LearnerSettings.HTTP_PORT.key(), "0");
        // The replay must know the order in which the learner handles each model's records. With a
        // max.task.idle.ms longer than any test, a task never processes train while validation is
        // empty or the other way round, so it merges them in timestamp order (see Workload); with
        // the default (0) the order would depend on fetch timing.
        p.put("max.task.idle.ms", "3600000");
        p.putAll(extra);
        return p;
    }

    /** {@code base} with {@code more} on top. */
    static Map<String, String> with(final Map<String, String> base, final Map<String, String> more) {
        final Map<String, String> p = new LinkedHashMap<>(base);
        p.putAll(more);
        return p;
    }

    /** The learner configuration the replay uses: the same learner settings. */
    static LearnerConfig config() {
        return config(Map.of());
    }

    /** The learner configuration the replay uses with {@code more} learner settings on top (as {@code extra} of {@link #run}). */
    static LearnerConfig config(final Map<String, String> more) {
        final Properties props = new Properties();
        props.putAll(with(learner(), more));
        return LearnerConfig.parse(props);
    }
}
