package io.onlinelearner.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.onlinelearner.config.LearnerConfig;
import io.onlinelearner.config.LearnerSettings;
import io.onlinelearner.learner.Learner;
import io.onlinelearner.learner.ModelState;
import io.onlinelearner.learner.Outcome;
import io.onlinelearner.model.Example;
import io.onlinelearner.model.Position;
import io.onlinelearner.model.RejectionReason;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.IntStream;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.junit.jupiter.api.Test;

/**
 * The metrics fail (a bug, injected through the {@link LearnerListener}): the processor tells them
 * of a misrouted record before its state is read and of every record after its writes, through a
 * guard, so their failure is logged and the record stands, without a dead letter. The dead letter
 * of a record the learner itself fails on, before its first write, is {@code LearnerProcessorTest}'s.
 */
class UnexpectedFailureTopologyTest {

    private static final String GOOD = "{\"x\": [1, 2], \"y\": 1}";
    private static final String TRAIN = LearnerConfig.defaults().topics().train();
    /** Two partitions of {@code train}: a key whose murmur2 partition is 1 is misrouted in partition 0. */
    private static final Map<String, Integer> PARTITIONS = Map.of(TRAIN, 2);

    private static final String ROUTED = keyInPartition(0);
    private static final String MISROUTED = keyInPartition(1);

    private static String keyInPartition(final int partition) {
        return IntStream.range(0, 100)
                .mapToObj(i -> "model-" + i)
                .filter(key -> MisroutingDetector.partitionOf(key.getBytes(StandardCharsets.UTF_8), 2) == partition)
                .findFirst()
                .orElseThrow();
    }

    private static String header(final Headers headers, final String name) {
        final Header header = headers.lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /** A failing count of misrouted records is only the metrics': the record is learnt all the same. */
    @Test
    void shouldLearnAMisroutedRecordWhoseCountFailed() {
        final FailingListener listener = new FailingListener(null);
        try (LearnerDriver driver = new LearnerDriver(new Properties(), listener, PARTITIONS)) {
            driver.train(ROUTED, GOOD);
            driver.train(MISROUTED, GOOD);
            driver.train(ROUTED, GOOD);

            assertThat(driver.deadLetters().isEmpty()).isTrue();
            assertThat(driver.state(MISROUTED).updates()).isEqualTo(1);
            assertThat(listener.outcomes).containsExactly(ROUTED, MISROUTED, ROUTED);
            assertThat(driver.state(ROUTED)).isEqualTo(trainedTwice());
        }
    }

    /**
     * A listener is told after the record's writes: its failure cannot undo them, so the record
     * counts as handled (no dead letter, its outputs forwarded) and the next one is handled as usual.
     */
    @Test
    void shouldKeepARecordWhoseListenerFailedAfterItsWritesAndGoOn() {
        final FailingListener listener = new FailingListener("broken");
        final Properties settings = new Properties();
        settings.setProperty(LearnerSettings.STOPPING_VALIDATION_WINDOW.key(), "1");
        try (LearnerDriver driver = new LearnerDriver(settings, listener)) {
            driver.train("broken", GOOD);
            driver.train("broken", GOOD);
            driver.validate("broken", GOOD);
            driver.train("fine", GOOD);

            assertThat(driver.deadLetters().isEmpty()).isTrue();
            assertThat(driver.state("broken").updates()).isEqualTo(2);
            assertThat(driver.state("broken").round().next()).isEqualTo(1);
            assertThat(driver.models())
                    .extracting(snapshot -> snapshot.path("model").asText() + " " + snapshot.path("round"))
                    .containsExactly("broken 0");
            assertThat(driver.state("fine").updates()).isEqualTo(1);
            assertThat(listener.outcomes).containsExactly("fine");
        }
    }

    private static ModelState trainedTwice() {
        final Learner learner = new Learner(LearnerConfig.defaults().learnerSpec());
        final Example example = new Example(new double[] {1.0, 2.0}, 1.0);
        final ModelState once =
                learner.train(null, example, Position.train(0, 0L)).state();
        return learner.train(once, example, Position.train(0, 2L)).state();
    }

    /** Fails on every misrouted record, and on every outcome of model {@code failing} (when not null). */
    private static final class FailingListener implements LearnerListener {

        private final String failing;
        private final List<String> outcomes = new ArrayList<>();

        FailingListener(final String failing) {
            this.failing = failing;
        }

        @Override
        public void onOutcome(final String model, final Source source, final Outcome outcome) {
            if (model.equals(failing)) {
                throw new IllegalStateException("the metrics failed");
            }
            outcomes.add(model);
        }

        @Override
        public void onRejected(final String model, final Source source, final RejectionReason reason) {}

        @Override
        public void onMisrouted(final Source source, final String topic) {
            throw new IllegalStateException("the metrics failed");
        }
    }
}
