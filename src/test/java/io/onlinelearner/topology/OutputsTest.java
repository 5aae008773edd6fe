package io.onlinelearner.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.onlinelearner.config.LearnerConfig;
import io.onlinelearner.config.TestTopics;
import io.onlinelearner.learner.Learner;
import io.onlinelearner.learner.Prediction;
import io.onlinelearner.model.PredictRequest;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.junit.jupiter.api.Test;

/** What {@link Outputs} holds is forwarded by {@link Outputs#send} only, and dropped by each way out of a record. */
class OutputsTest {

    private static final Prediction PREDICTION = new Learner(
                    LearnerConfig.defaults().learnerSpec())
            .predict(null, new PredictRequest(new double[] {1.0}, null));

    private final MockProcessorContext<byte[], byte[]> context = new MockProcessorContext<>();
    private final Outputs outputs = new Outputs(null, false, TestTopics.DEFAULT_LINEAGE);

    @Test
    void shouldForwardWhatIsHeldOnlyOnSendInOrder() {
        outputs.init(context);
        outputs.prediction("a", PREDICTION, 1L);
        outputs.prediction("b", PREDICTION, 2L);
        assertThat(context.forwarded()).isEmpty();
        outputs.send();
        assertThat(context.forwarded())
                .extracting(f -> new String(f.record().key(), StandardCharsets.UTF_8) + "@"
                        + f.record().timestamp())
                .containsExactly("a@1", "b@2");
        context.resetForwards();
        outputs.send();
        assertThat(context.forwarded()).as("sent once").isEmpty();
    }

    @Test
    void shouldDropWhatIsHeldWhenAbandoned() {
        outputs.init(context);
        outputs.prediction("a", PREDICTION, 1L);
        outputs.abandon();
        outputs.send();
        assertThat(context.forwarded()).isEmpty();
    }

    @Test
    void shouldDropWhatIsHeldWhenTheTaskIsInitialisedAgain() {
        outputs.init(context);
        outputs.prediction("a", PREDICTION, 1L);
        outputs.init(context);
        outputs.send();
        assertThat(context.forwarded()).isEmpty();
    }
}
