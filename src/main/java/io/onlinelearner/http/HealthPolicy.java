package io.onlinelearner.http;

import org.apache.kafka.streams.KafkaStreams;

/**
 * When the learner counts as up: once its streams client is RUNNING, and during the rebalances
 * that follow; not while it starts (CREATED, the first REBALANCING), nor once it is shutting down,
 * has stopped or has failed. Thread-safe.
 */
final class HealthPolicy {

    private volatile boolean wasRunning;

    /** True when the learner is up in {@code state}, seen now. */
    boolean isUp(final KafkaStreams.State state) {
        if (state == KafkaStreams.State.RUNNING) {
            wasRunning = true;
            return true;
        }
        return state == KafkaStreams.State.REBALANCING && wasRunning;
    }
}
