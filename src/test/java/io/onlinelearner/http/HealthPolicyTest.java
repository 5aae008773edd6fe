package io.onlinelearner.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.streams.KafkaStreams.State;
import org.junit.jupiter.api.Test;

class HealthPolicyTest {

    @Test
    void shouldBeDownWhileStartingEvenDuringTheFirstRebalance() {
        final HealthPolicy policy = new HealthPolicy();
        assertThat(policy.isUp(State.CREATED)).isFalse();
        assertThat(policy.isUp(State.REBALANCING)).isFalse();
    }

    @Test
    void shouldBeUpOnceRunningAndDuringLaterRebalances() {
        final HealthPolicy policy = new HealthPolicy();
        assertThat(policy.isUp(State.RUNNING)).isTrue();
        assertThat(policy.isUp(State.REBALANCING)).isTrue();
        assertThat(policy.isUp(State.RUNNING)).isTrue();
    }

    @Test
    void shouldBeDownWhenShuttingDownStoppedOrFailed() {
        final HealthPolicy policy = new HealthPolicy();
        policy.isUp(State.RUNNING);
        assertThat(policy.isUp(State.PENDING_SHUTDOWN)).isFalse();
        assertThat(policy.isUp(State.NOT_RUNNING)).isFalse();
        assertThat(policy.isUp(State.PENDING_ERROR)).isFalse();
        assertThat(policy.isUp(State.ERROR)).isFalse();
    }
}
