package io.onlinelearner.app;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import org.apache.kafka.streams.KafkaStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Says why, when Kafka Streams stays in REBALANCING longer than {@link #AFTER}: an instance that
 * restarts after it was killed waits, logging nothing, until the group drops its previous member
 * (a killed member cannot leave, and a static one does not leave when it closes), that is for the
 * session timeout, 45 s by default. One INFO line per such rebalance, naming the timeout in force
 * and the remedies, so that an operator does not take the wait for a hang. Thread-safe.
 */
final class SlowRebalanceNotice {

    /** How long a rebalance lasts before it is explained. */
    static final Duration AFTER = Duration.ofSeconds(10);

    private static final Logger LOG = LoggerFactory.getLogger(LearnerApplication.class);

    private final BiConsumer<Runnable, Duration> schedule;
    private final Supplier<KafkaStreams.State> state;
    private final String sessionTimeout;
    private final boolean staticMember;
    private final AtomicLong episode = new AtomicLong();

    /**
     * @param schedule       runs a task once after a delay (a daemon timer in production)
     * @param state          Kafka Streams' state now (its listener may hear changes out of order)
     * @param sessionTimeout the consumers' {@code session.timeout.ms} in force, as configured
     * @param staticMember   whether the instance sets {@code group.instance.id}
     */
    SlowRebalanceNotice(
            final BiConsumer<Runnable, Duration> schedule,
            final Supplier<KafkaStreams.State> state,
            final String sessionTimeout,
            final boolean staticMember) {
        this.schedule = schedule;
        this.state = state;
        this.sessionTimeout = sessionTimeout;
        this.staticMember = staticMember;
    }

    /** Takes in Kafka Streams' new state; a rebalance that begins is checked on after {@link #AFTER}. */
    void stateChanged(final KafkaStreams.State newState) {
        final long current = episode.incrementAndGet();
        if (newState == KafkaStreams.State.REBALANCING) {
            schedule.accept(() -> check(current), AFTER);
        }
    }

    private void check(final long rebalance) {
        if (episode.get() != rebalance || state.get() != KafkaStreams.State.REBALANCING) {
            return;
        }
        LOG.info(
                "Still rebalancing after {} s: the group may be waiting for a member that "
                        + "stopped or died without leaving it (a previous run of this instance, or another one) to "
                        + "time out after session.timeout.ms = {} ms{}; or partitions are being restored",
                AFTER.toSeconds(),
                sessionTimeout,
                staticMember
                        ? ""
                        : " (a distinct group.instance.id per instance lets a restarted one take its place at once)");
    }
}
