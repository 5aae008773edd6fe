package io.onlinelearner.learner;

/**
 * The rule of idle eviction ({@code learner.models.idle-ttl-ms}) and what an eviction publishes,
 * as pure functions of times that are passed in: a model is idle once its task's stream time is
 * more than the ttl past the stream time of the model's last valid record, and an evicted model
 * leaves one last snapshot of its state and one {@code EVICTED} event.
 *
 * @param last  the model's state when evicted: published one last time on {@code models}
 * @param event the {@code EVICTED} event for {@code control}
 */
public record Eviction(ModelState last, ControlEvent.Evicted event) {

    /** Checks that the state is there: only a model with a state is evicted. */
    public Eviction {
        if (last == null || event == null) {
            throw new IllegalArgumentException("an eviction needs the model's state and its event");
        }
    }

    /**
     * True when a model last seen at {@code lastSeen} is idle at {@code streamTime}: more than
     * {@code ttlMs} have passed (compared without overflow).
     */
    public static boolean idle(final long lastSeen, final long streamTime, final long ttlMs) {
        return streamTime > lastSeen && Long.compareUnsigned(streamTime - lastSeen, ttlMs) > 0;
    }

    /**
     * The earliest last-seen time that is not idle at {@code streamTime}: every model last seen
     * before it is idle. {@link Long#MIN_VALUE} when none can be.
     */
    public static long idleBefore(final long streamTime, final long ttlMs) {
        final long bound = streamTime - ttlMs;
        return bound > streamTime ? Long.MIN_VALUE : bound;
    }

    /** The eviction of a model whose state is {@code state}, idle for {@code idleMs}. */
    public static Eviction of(final ModelState state, final long idleMs) {
        return new Eviction(state, new ControlEvent.Evicted(Cause.IDLE, 0L, PublishedStatus.NEW, idleMs));
    }
}
