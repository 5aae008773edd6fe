package io.onlinelearner.topology;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.onlinelearner.labels.Changes;
import io.onlinelearner.learner.Outcome;
import io.onlinelearner.model.RejectionReason;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * A failing listener is contained: every call reaches it, none of its failures escapes, each is
 * counted, and the log is not flooded (the first failure with its stack trace, then at powers of two).
 */
class GuardedListenerTest {

    @Test
    void shouldPassEveryCallOnAndContainEveryFailure() {
        final List<String> calls = new ArrayList<>();
        final LearnerListener failing = new LearnerListener() {
            @Override
            public void onOutcome(final String model, final Source source, final Outcome outcome) {
                calls.add("outcome " + model + " " + source);
                throw new IllegalStateException("outcome");
            }

            @Override
            public void onRejected(final String model, final Source source, final RejectionReason reason) {
                calls.add("rejected " + model + " " + reason);
                throw new IllegalStateException("rejected");
            }

            @Override
            public void onLabels(final Changes changes) {
                calls.add("labels");
            }
        };
        final GuardedListener guarded = new GuardedListener(failing);

        for (int i = 0; i < 3; i++) {
            guarded.onOutcome("m", Source.TRAIN, null);
        }
        guarded.onRejected("m", Source.PREDICT, RejectionReason.NOT_JSON);
        guarded.onLabels(Changes.NONE);

        assertThat(calls)
                .containsExactly(
                        "outcome m TRAIN",
                        "outcome m TRAIN",
                        "outcome m TRAIN",
                        "rejected m " + RejectionReason.NOT_JSON,
                        "labels");
        assertThat(guarded.failures()).isEqualTo(4);
    }

    @Test
    void shouldLogTheFirstFailureWithItsStackTraceThenOnlyAtPowersOfTwo() {
        final GuardedListener guarded = new GuardedListener(new LearnerListener() {
            @Override
            public void onOutcome(final String model, final Source source, final Outcome outcome) {
                throw new IllegalStateException("broken " + model);
            }

            @Override
            public void onRejected(final String model, final Source source, final RejectionReason reason) {}
        });
        final ListAppender<ILoggingEvent> log = new ListAppender<>();
        final Logger logger = (Logger) LoggerFactory.getLogger(LearnerProcessor.class);
        log.start();
        logger.addAppender(log);
        try {
            for (int i = 1; i <= 9; i++) {
                guarded.onOutcome("m" + i, Source.TRAIN, null);
            }
        } finally {
            logger.detachAppender(log);
        }

        assertThat(guarded.failures()).isEqualTo(9);
        assertThat(log.list).hasSize(4);
        assertThat(log.list.get(0).getThrowableProxy()).isNotNull();
        assertThat(log.list.get(0).getFormattedMessage()).contains("onOutcome for model 'm1'");
        assertThat(log.list.subList(1, 4))
                .allSatisfy(event -> assertThat(event.getThrowableProxy()).isNull())
                .extracting(ILoggingEvent::getFormattedMessage)
                .containsExactly(
                        "The learner's listener (metrics) has failed 2 times, the last in onOutcome for model 'm2': "
                                + "java.lang.IllegalStateException: broken m2",
                        "The learner's listener (metrics) has failed 4 times, the last in onOutcome for model 'm4': "
                                + "java.lang.IllegalStateException: broken m4",
                        "The learner's listener (metrics) has failed 8 times, the last in onOutcome for model 'm8': "
                                + "java.lang.IllegalStateException: broken m8");
    }
}
