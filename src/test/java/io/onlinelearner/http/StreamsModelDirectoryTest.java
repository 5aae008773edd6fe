package io.onlinelearner.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.TaskMetadata;
import org.apache.kafka.streams.errors.StreamsNotStartedException;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.Test;

/** Which local partitions of the model store a listing reads, and where a model's key lookup points. */
class StreamsModelDirectoryTest {

    @Test
    void shouldReadOnlyThePartitionsOfTheLearnersTasksWhenInputsAreRekeyed() {
        final Stream<TaskMetadata> rekeyingHereLearnerElsewhere =
                Stream.of(task(0, 0), task(0, 2), task(1, 1), task(2, 0), task(2, 2), task(1, 3));
        assertThat(StreamsModelDirectory.storePartitions(rekeyingHereLearnerElsewhere, OptionalInt.of(1)))
                .containsExactly(1, 3);
    }

    @Test
    void shouldReadEveryTasksPartitionWhenTheTopologyIsOneSubTopology() {
        assertThat(StreamsModelDirectory.storePartitions(Stream.of(task(0, 3), task(0, 1)), OptionalInt.empty()))
                .containsExactly(1, 3);
    }

    @Test
    void shouldLocateAModelByItsActiveHost() {
        final HostInfo self = new HostInfo("localhost", 8080);
        assertThat(StreamsModelDirectory.locate(() -> metadata(self), self)).isEqualTo(ModelDirectory.Location.LOCAL);
        assertThat(StreamsModelDirectory.locate(() -> metadata(new HostInfo("other", 8081)), self))
                .isEqualTo(ModelDirectory.Location.remote("other:8081"));
        assertThat(StreamsModelDirectory.locate(() -> KeyQueryMetadata.NOT_AVAILABLE, self))
                .isEqualTo(ModelDirectory.Location.UNAVAILABLE);
    }

    @Test
    void shouldAnswerUnavailableWhenTheLookupFailsWhileMetadataIsMissing() {
        final HostInfo self = new HostInfo("localhost", 8080);
        assertThat(StreamsModelDirectory.locate(
                        () -> {
                            throw new ArithmeticException("/ by zero");
                        },
                        self))
                .isEqualTo(ModelDirectory.Location.UNAVAILABLE);
        assertThat(StreamsModelDirectory.locate(
                        () -> {
                            throw new StreamsNotStartedException("not started");
                        },
                        self))
                .isEqualTo(ModelDirectory.Location.UNAVAILABLE);
    }

    private static KeyQueryMetadata metadata(final HostInfo active) {
        return new KeyQueryMetadata(active, Set.of(), 0);
    }

    private static TaskMetadata task(final int subtopology, final int partition) {
        final TaskId id = new TaskId(subtopology, partition);
        return new TaskMetadata() {
            @Override
            public TaskId taskId() {
                return id;
            }

            @Override
            public Set<TopicPartition> topicPartitions() {
                return Set.of(new TopicPartition("t" + subtopology, partition));
            }

            @Override
            public Map<TopicPartition, Long> committedOffsets() {
                return Map.of();
            }

            @Override
            public Map<TopicPartition, Long> endOffsets() {
                return Map.of();
            }

            @Override
            public Optional<Long> timeCurrentIdlingStarted() {
                return Optional.empty();
            }
        };
    }
}
