package io.onlinelearner.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.onlinelearner.topology.Names;
import java.util.List;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** The partitions of the model store under restoration, as Kafka Streams' restore callbacks tell them. */
class RestoringPartitionsTest {

    private static final TopicPartition CHANGELOG_1 = new TopicPartition("app-model-state-changelog", 1);
    private static final TopicPartition CHANGELOG_3 = new TopicPartition("app-model-state-changelog", 3);

    private final RestoringPartitions restoring = new RestoringPartitions();

    @Test
    void shouldMarkAPartitionFromTheStartOfItsRestorationToItsEnd() {
        restoring.onRestoreStart(CHANGELOG_1, Names.STORE, 0, 100);
        restoring.onBatchRestored(CHANGELOG_1, Names.STORE, 50, 50);
        assertThat(restoring.restoring(1)).isTrue();
        assertThat(restoring.restoring(3)).isFalse();
        assertThat(restoring.anyRestoring(List.of(0, 1))).isTrue();
        assertThat(restoring.anyRestoring(List.of(0, 3))).isFalse();
        restoring.onRestoreEnd(CHANGELOG_1, Names.STORE, 100);
        assertThat(restoring.restoring(1)).isFalse();
    }

    @Test
    void shouldUnmarkAPartitionWhoseRestorationIsSuspendedOrWhenTheClientRuns() {
        restoring.onRestoreStart(CHANGELOG_1, Names.STORE, 0, 100);
        restoring.onRestoreStart(CHANGELOG_3, Names.STORE, 0, 100);
        restoring.onRestoreSuspended(CHANGELOG_1, Names.STORE, 10);
        assertThat(restoring.restoring(1)).isFalse();
        assertThat(restoring.restoring(3)).isTrue();
        restoring.clear();
        assertThat(restoring.anyRestoring(List.of(1, 3))).isFalse();
    }

    @Test
    void shouldIgnoreTheOtherStores() {
        restoring.onRestoreStart(CHANGELOG_1, Names.LABELS_STORE, 0, 100);
        restoring.onRestoreStart(CHANGELOG_3, Names.FEATURE_NAMES_STORE, 0, 100);
        assertThat(restoring.anyRestoring(List.of(1, 3))).isFalse();
    }
}
