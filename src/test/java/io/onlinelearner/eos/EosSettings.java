package io.onlinelearner.eos;

import io.onlinelearner.config.LearnerConfig;
import io.onlinelearner.config.LearnerSettings;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * The configuration every exactly-once test gives the learner child, and the same learner
 * settings for the replay. {@code processing.guarantee} is left at the learner's default,
 * {@code exactly_once_v2}.
 */
final class EosSettings {

    /** Validation records per round. */
    static final int WINDOW = 8;

    /**
     * Transactions of half a second with outputs sent at once (no linger): most of the time a
     * transaction is open with snapshots in it, which is when the tests strike.
     */
    static final Map<String, String> LONG_TRANSACTIONS = Map.of("commit.interval.ms", "500", "producer.linger.ms", "0");

    private EosSettings() {
    }

    /** The learner's own settings: quick rounds and an impatient early stopping. */
    static Map<String, String> learner() {
        final Map<String, String> p = new LinkedHashMap<>();
        p.put(LearnerSettings.ADAM_LR.key(), "0.05");
        p.put(LearnerSettings.MODEL_FEATURES.key(), String.valueOf(Workload.FEATURES));
        p.put(LearnerSettings.STOPPING_VALIDATION_WINDOW.key(), String.valueOf(WINDOW));
        p.put(LearnerSettings.STOPPING_PATIENCE.key(), "2");
        return p;
    }

    /**
     * The child's properties: the learner's settings and Kafka Streams settings that keep the test
     * fast ({@code commit.interval.ms}, session and transaction timeouts) and make the processing
     * order well defined: with a {@code max.task.idle.ms} longer than any test, a task never
     * processes train while validation is empty or the other way round, so it merges them in
     * timestamp order (see {@link Workload}).
     */
    static Map<String, String> child(final Map<String, String> extra) {
        final Map<String, String> p = new LinkedHashMap<>(learner());
        p.put("commit.interval.ms", "100");
        p.put("max.task.idle.ms", "3600000");
        p.put("session.timeout.ms", "6000");
        p.put("heartbeat.interval.ms", "1000");
        p.put("producer.transaction.timeout.ms", "5000");
        p.putAll(extra);
        return p;
    }

    /** The learner configuration the replay uses: the same learner settings. */
    static LearnerConfig config() {
        final Properties props = new Properties();
        props.putAll(learner());
        return LearnerConfig.parse(props);
    }
}
