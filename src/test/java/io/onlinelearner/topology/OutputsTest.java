package io.onlinelearner.topology;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.onlinelearner.config.LearnerConfig;
import io.onlinelearner.config.TestTopics;
import io.onlinelearner.learner.Learner;
import io.onlinelearner.learner.Prediction;
import io.onlinelearner.model.PredictRequest;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

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

    @Test
    void shouldLogTheFirstFailureWithItsStackTraceThenOnlyAtPowersOfTwo() {
        final ListAppender<ILoggingEvent> log = new ListAppender<>();
        final Logger logger = (Logger) LoggerFactory.getLogger(LearnerProcessor.class);
        log.start();
        logger.addAppender(log);
        try {
            outputs.init(context);
            final Record<byte[], byte[]> record = new Record<>(new byte[] {'m'}, new byte[] {'x'}, 0L);
            for (int i = 0; i < 9; i++) {
                outputs.failed(record, new Origin("train", 0, i), "m", new IllegalStateException("bug " + i));
            }
        } finally {
            logger.detachAppender(log);
        }
        assertThat(context.forwarded()).as("a dead letter each").hasSize(9);
        assertThat(log.list).hasSize(4);
        assertThat(log.list.get(0).getThrowableProxy()).isNotNull();
        assertThat(log.list.get(0).getFormattedMessage()).contains("train-0 offset 0 (model 'm')");
        assertThat(log.list.subList(1, 4))
                .extracting(ILoggingEvent::getFormattedMessage)
                .containsExactly(
                        "Processing has failed unexpectedly on 2 records of this task, the last at train-0 offset 1 "
                                + "(model 'm'): java.lang.IllegalStateException: bug 1",
                        "Processing has failed unexpectedly on 4 records of this task, the last at train-0 offset 3 "
                                + "(model 'm'): java.lang.IllegalStateException: bug 3",
                        "Processing has failed unexpectedly on 8 records of this task, the last at train-0 offset 7 "
                                + "(model 'm'): java.lang.IllegalStateException: bug 7");
    }
}
