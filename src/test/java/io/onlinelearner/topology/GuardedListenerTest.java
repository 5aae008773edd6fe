package io.onlinelearner.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.onlinelearner.labels.Changes;
import io.onlinelearner.learner.Outcome;
import io.onlinelearner.model.RejectionReason;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A failing listener is contained: every call reaches it, none of its failures escapes, each is counted. */
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
}
