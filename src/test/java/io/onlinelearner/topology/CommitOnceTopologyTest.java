package io.onlinelearner.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.onlinelearner.config.LearnerConfig;
import io.onlinelearner.learner.ModelState;
import io.onlinelearner.serde.ModelStateSerde;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;

/**
 * The model-state store in the topology: a state put is held until Kafka Streams commits, and the
 * commit carries it into the changelog. The test driver commits after every record.
 */
class CommitOnceTopologyTest {

    private static final String EXAMPLE = "{\"x\":[1.0,2.0],\"y\":0.5}";

    @Test
    void shouldCarryEveryStateIntoTheChangelogAtTheCommitAfterItsRecord() {
        try (LearnerDriver driver = new LearnerDriver(Map.of(), LearnerListener.NONE)) {
            final ModelStateSerde serde =
                    new ModelStateSerde(LearnerConfig.defaults().adam().learningRate());
            for (int i = 1; i <= 3; i++) {
                driver.train("m", EXAMPLE);
                final ModelStateStore store = (ModelStateStore) driver.store();
                assertThat(store.dirtyCount()).isZero();
                final List<TestRecord<byte[], byte[]>> changes =
                        driver.changelog(Names.STORE).readRecordsToList();
                assertThat(changes).hasSize(1);
                assertThat(new String(changes.get(0).key(), StandardCharsets.UTF_8))
                        .isEqualTo("m");
                final ModelState logged =
                        serde.deserializer().deserialize("", changes.get(0).value());
                assertThat(logged).isEqualTo(driver.state("m"));
                assertThat(logged.moments().t()).isEqualTo(i);
            }
        }
    }
}
