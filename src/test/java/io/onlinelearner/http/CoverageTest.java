package io.onlinelearner.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.Test;

/** A list misses no model only when every partition has an owner that can be asked and runs it. */
class CoverageTest {

    private static final HostInfo SELF = new HostInfo("127.0.0.1", 8080);
    private static final HostInfo PEER = new HostInfo("127.0.0.1", 8081);

    private static Set<TopicPartition> train(final int... partitions) {
        final Set<TopicPartition> out = new HashSet<>();
        for (final int p : partitions) {
            out.add(new TopicPartition("train", p));
            out.add(new TopicPartition("predict", p));
        }
        return out;
    }

    @Test
    void shouldBeCompleteWhenEveryPartitionHasAnOwnerAndThisInstanceRunsItsOwn() {
        assertThat(Coverage.complete(Map.of(SELF, train(0, 2), PEER, train(1, 3)), SELF, train(0, 2)))
                .isTrue();
        assertThat(Coverage.complete(Map.of(PEER, train(0, 1, 2, 3)), SELF, Set.of()))
                .as("an instance with no partition")
                .isTrue();
        assertThat(Coverage.complete(
                        Map.of(SELF, Set.of(new TopicPartition("train", 0), new TopicPartition("train", 1))),
                        SELF,
                        Set.of(
                                new TopicPartition("train", 0),
                                new TopicPartition("train", 1),
                                new TopicPartition("predict", 0))))
                .as("this instance runs more tasks than those of the store's topics")
                .isTrue();
    }

    @Test
    void shouldNotBeCompleteWhileThisInstanceHasNotYetCreatedATaskGivenToIt() {
        assertThat(Coverage.complete(Map.of(SELF, train(0, 2), PEER, train(1, 3)), SELF, train(0)))
                .isFalse();
        assertThat(Coverage.complete(Map.of(SELF, train(0, 2), PEER, train(1, 3)), SELF, Set.of()))
                .isFalse();
    }

    @Test
    void shouldNotBeCompleteWithAPartitionWithoutOwnerOrAnOwnerThatCannotBeAsked() {
        assertThat(Coverage.complete(Map.of(SELF, train(0), PEER, train(2)), SELF, train(0)))
                .as("partition 1 has no owner")
                .isFalse();
        assertThat(Coverage.complete(Map.of(SELF, train(0), new HostInfo("unavailable", -1), train(1)), SELF, train(0)))
                .isFalse();
        assertThat(Coverage.complete(Map.of(), SELF, Set.of())).isFalse();
    }
}
