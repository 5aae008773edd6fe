package io.onlinelearner.eos;

import static org.assertj.core.api.Assertions.assertThat;

import io.onlinelearner.topology.LearnerDriver;
import io.onlinelearner.topology.LearnerListener;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.TestOutputTopic;
import org.junit.jupiter.api.Test;

/**
 * The processor, with its store, its cache of recent states and its listener, publishes what the
 * pure core computes: over the exactly-once workload (early stops, plateau rate changes, drift and
 * its resets, set-lr, stop and resume commands, predictions and bad records), both publish
 * the same bytes and end in the same states.
 */
class ProcessorReplayTest {

    @Test
    void shouldPublishByteForByteWhatThePureCoreComputesAndEndInItsStates() {
        final Workload workload = Workload.generate(1, 4, 10, 40, EosSettings.WINDOW, 7L, 0L);
        final Replay replay = Replay.of(workload, EosSettings.config());
        assertThat(replay.count("RESET", "drift")).isPositive();
        assertThat(replay.count("RESET", "command")).isPositive();
        try (LearnerDriver driver = new LearnerDriver(EosSettings.learner(), LearnerListener.NONE)) {
            for (final Workload.Input input : workload.records()) {
                driver.pipe(input.source(), input.model().getBytes(StandardCharsets.UTF_8), input.value());
            }
            assertThat(byKey(driver.modelsTopic())).isEqualTo(replay.snapshots());
            assertThat(byKey(driver.controlTopic())).isEqualTo(replay.events());
            assertThat(byKey(driver.predictionsTopic())).isEqualTo(replay.predictions());
            replay.finalStates()
                    .forEach((model, state) ->
                            assertThat(driver.state(model)).as(model).isEqualTo(state));
        }
    }

    private static Map<String, List<String>> byKey(final TestOutputTopic<byte[], byte[]> topic) {
        final Map<String, List<String>> byKey = new LinkedHashMap<>();
        for (final KeyValue<byte[], byte[]> record : topic.readKeyValuesToList()) {
            byKey.computeIfAbsent(new String(record.key, StandardCharsets.UTF_8), k -> new ArrayList<>())
                    .add(new String(record.value, StandardCharsets.UTF_8));
        }
        return byKey;
    }
}
